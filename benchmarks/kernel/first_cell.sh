#!/usr/bin/env bash
# Builds the kernel jar and the in-process JShell floor program, then measures launch -> first result of
# `1 + 1` beside launch -> kernel_info_reply (benchmarks/kernel/first_cell.py). Run it under
# `flock /tmp/jmh.lock` on a shared machine so no other benchmark runs at the same time.
#
# Usage: benchmarks/kernel/first_cell.sh [--launches N] [--java PATH]
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -DskipTests package -pl dist,benchmarks -am 2>&1 | sed -u -e $'s/\x1b\\[[0-9;]*[A-Za-z]//g'
exec /usr/bin/python3 benchmarks/kernel/first_cell.py \
    --jar dist/target/labbook.jar --floor-classpath benchmarks/target/classes "$@"
