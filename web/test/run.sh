#!/usr/bin/env bash
# Browser tests: headless Debian Chromium (driven by playwright-core) against a real local mode.
# Run by `mvn verify` (web/pom.xml, integration-test phase) after local/ is packaged; by hand:
#   mvn -q -DskipTests package && web/test/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."   # web/

fail() {
  echo "web tests: $*" >&2
  exit 1
}

command -v node >/dev/null 2>&1 || fail "Node.js 20 or newer is required (node not found)."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is required (found $(node --version))."
command -v npm >/dev/null 2>&1 || fail "npm is required (not found)."

[ -f ../local/target/local.jar ] ||
  fail "../local/target/local.jar is missing: build local mode first (mvn -DskipTests package at the project root)."

# npm ci wipes node_modules; skip it when node_modules already holds exactly this lock file.
if ! cmp -s package-lock.json node_modules/.uploadgate-lock 2>/dev/null; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.uploadgate-lock
fi

chromium_path=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium_path" ]; then
  # playwright's own browser download cannot reach its CDN here; Debian's package can be installed.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ "$chromium_path" = /usr/bin/chromium ]; then
    echo "web tests: installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q chromium
  else
    fail "Chromium not found at $chromium_path. Install it (Debian: apt-get install -y chromium, as root) or set CHROMIUM_PATH."
  fi
fi

mkdir -p target
# TAP prints the "# pass N" / "# fail N" summary CI reads. One file at a time: each starts its own
# local mode and browser, and these machines have two cores.
exec node --test --test-reporter=tap --test-concurrency=1 --test-timeout=240000 test/*.test.js
