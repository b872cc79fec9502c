#!/usr/bin/env bash
# Builds the kernel jar and the in-process JShell floor program, then runs the kernel round-trip benchmark
# (benchmarks/kernel/roundtrip.py) and prints its table. Figures are only comparable on an idle machine.
#
# Usage: benchmarks/kernel/run.sh [--cells N] [--warmup N] [--launches N] [--compare KERNEL] [--json FILE]
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -DskipTests package -pl dist,benchmarks -am
# Debian's Python: it has jupyter_client and pyzmq (see scripts/prerequisites.sh).
exec /usr/bin/python3 benchmarks/kernel/roundtrip.py \
    --jar dist/target/labbook.jar --floor-classpath benchmarks/target/classes "$@"
