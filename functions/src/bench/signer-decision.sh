#!/bin/bash
# Issue 10's signer decision (BENCHMARKS.md, "Signer decision (issue 10)"): UrlSigner against the
# SDK's AwsV4HttpSigner. Run from functions/ after `mvn -q -Pbench test-compile` (from the
# repository root: `mvn -q -pl functions -am -Pbench test-compile`). Not part of any test run.
#   src/bench/signer-decision.sh jmh c1|default ROUNDS avgt|sample   JMH, interleaved rounds
#   src/bench/signer-decision.sh cpu c1|default                      thread CPU time, interleaved slices
#   src/bench/signer-decision.sh coldstart RUNS                      presign-part's first answer, fresh JVMs
# The machine is shared: everything runs under `nice -n 10`, and each A/B pair runs back to back.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/bench/signer
mkdir -p "$out"
if [ ! -f "$out/test.classpath" ]; then
  nice -n 10 mvn -q -B -ntp -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/test.classpath"
fi
cp="target/classes:target/test-classes:$(cat "$out/test.classpath")"
c1=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1)

case "$1" in
  jmh)
    flags=$2 rounds=$3 mode=$4
    # SignerBenchmark's own fork flags are C1; on the command line they are replaced for default flags.
    extra=(); [ "$flags" = default ] && extra=(-jvmArgsAppend -XX:+TieredCompilation)
    for round in $(seq 1 "$rounds"); do
      for pair in OnePart BatchOf100 BatchOf100Unbound; do
        sides="ours sdk"; [ $((round % 2)) = 0 ] && sides="sdk ours"
        for side in $sides; do
          re="SignerBenchmark.$side$pair\$"
          tag="$mode-$flags-r$round-$side$pair"
          echo "$tag $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
          nice -n 10 java -cp "$cp" org.openjdk.jmh.Main "$re" -wi 3 -i 5 -w 1 -r 1 -f 1 -bm "$mode" "${extra[@]}" \
            -rf json -rff "$out/$tag.json" > "$out/$tag.txt"
        done
      done
    done ;;
  cpu)
    flags=(); [ "$2" = c1 ] && flags=("${c1[@]}")
    nice -n 10 java "${flags[@]}" -cp "$cp" dev.uploadgate.functions.service.SignerCpuTime | tee "$out/cpu-$2.md" ;;
  coldstart)
    nice -n 10 mvn -q -B -ntp -Pbench exec:exec -Dbench.main=dev.uploadgate.functions.bench.SignerColdStart -Dbench.args="--runs $2" ;;
  *)
    echo "usage: $0 jmh c1|default ROUNDS avgt|sample | cpu c1|default | coldstart RUNS" >&2; exit 2 ;;
esac
