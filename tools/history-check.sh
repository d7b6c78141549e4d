#!/usr/bin/env bash
# The history check of issue 8 at full size: calls from several JVMs on a small key space against
# dynalite, through a fault proxy, with dynalite and JVMs killed mid-run; then the effects logs and
# the table are checked. See once-dynamodb/README.md ("History check").
#
#   tools/history-check.sh                 # 10,000 calls from 4 JVMs
#   tools/history-check.sh 20000 6         # more calls, more JVMs
#   tools/history-check.sh 10000 4 -Dhistory.faultRate=0.15 -Dhistory.seed=3
#
# Needs dynalite (npm ci --prefix tools/dynalite). The report is printed and kept in
# once-dynamodb/target/history/<time>/report.txt, beside the logs and dynalite's data.
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-10000}"
jvms="${2:-4}"
shift $(( $# < 2 ? $# : 2 ))
exec ./mvnw -B -q -pl once-dynamodb -am test \
  -Dtest=HistoryCheckTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dhistory.calls="$calls" -Dhistory.jvms="$jvms" -Dhistory.threads=4 -Dhistory.keys=16 \
  -Dhistory.generationMillis=2000 -Dhistory.dynaliteCrashes=3 -Dhistory.downtimeMillis=2000 \
  -Dhistory.jvmKills=4 -Dhistory.faultRate=0.08 "$@"
