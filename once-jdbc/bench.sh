#!/usr/bin/env bash
# Once over JdbcStore beside the raw PostgreSQL driver issuing the same statements, on a PostgreSQL
# the benchmark starts itself (initdb into a temporary directory, a free loopback port): first call,
# duplicate, sequential and 16 in flight; medians, p99 and throughput.
# Usage: once-jdbc/bench.sh [calls per round, default 200] [rounds, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
classpath="$PWD/once-jdbc/target/bench.classpath"
# The reactor builds once-core and once-testkit too; the last module written is once-jdbc's.
./mvnw -B -q -pl once-jdbc -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath" >/dev/null
exec java -cp "once-jdbc/target/test-classes:once-jdbc/target/classes:$(cat "$classpath")" \
  dev.once.jdbc.internal.JdbcLatencyBench "$@"
