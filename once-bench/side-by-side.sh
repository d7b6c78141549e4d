#!/usr/bin/env bash
# Once beside the raw AWS SDK v2 on dynalite: cold start (plain JVM and under the Lambda runtime
# interface client), classes loaded, classpath size, warm latency; one table with Once/raw ratios.
# Usage: ./once-bench/side-by-side.sh [--runs N] [--rounds N] [--calls N]   (see once-bench/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x tools/dynalite/node_modules/.bin/dynalite ]; then
  echo "side-by-side: installing dynalite (npm ci --prefix tools/dynalite)" >&2
  npm ci --prefix tools/dynalite --no-audit --no-fund --loglevel=error >&2
fi
echo "side-by-side: building once-bench (./mvnw -q -pl once-bench -am package -DskipTests)" >&2
./mvnw -q -pl once-bench -am package -DskipTests >&2

exec java -cp "once-bench/target/classes:$(cat once-bench/target/side-by-side.classpath)" \
  dev.once.bench.sidebyside.SideBySide "$@"
