#!/bin/sh
# The upload benchmark of issue 3 (not part of `mvn verify`): this client vs the AWS SDK for Java's
# multipart upload vs `aws s3 cp`, one 1 GiB file, same S3 server, each in its own process.
#
#   client/bench.sh [--size 1GiB] [--part-size 8MiB] [--concurrency 8] [--runs 1]
#                   [--local-jar ../local/target/local.jar | --stand-in] [--work /tmp/uploadgate-bench]
#
# and the HTTP stack comparison behind BlockingHttp (128 x 8 MiB presigned PUTs to S3Proxy):
#
#   client/bench.sh --transport [--runs 5]
#
# and the CPU cost of each part checksum (CRC32C, CRC64NVME, MD5, SHA-256) behind the default
# (src/bench, compiled here against target/classes, never part of the test run):
#
#   client/bench.sh --checksums [--rounds 7] [--mib 256]
#
# --stand-in runs local mode in process (handlers in its JVM) with S3Proxy from this module's test code
# instead of local.jar.
set -eu
cd "$(dirname "$0")"
if [ "${1:-}" = "--checksums" ]; then
    shift
    (cd .. && mvn -q -B -ntp -pl client -am compile)
    rm -rf target/bench-classes
    javac --release 17 -Xlint:all -Werror -d target/bench-classes -cp target/classes src/bench/java/dev/uploadgate/client/*.java
    exec java -cp "target/bench-classes:target/classes" dev.uploadgate.client.ChecksumBenchmark "$@"
fi
# From the root, with -am and the bench profile (src/bench holds the benchmarks): the client's tests need this checkout's functions module (never an installed one).
(cd .. && mvn -q -B -ntp -Pbench -DskipTests -DskipBrowserTests=true -pl client,local -am package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath)
main=dev.uploadgate.client.bench.UploadBenchmark
if [ "${1:-}" = "--transport" ]; then
    main=dev.uploadgate.client.TransportBenchmark
    shift
fi
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$main" "$@"
