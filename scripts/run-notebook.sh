#!/usr/bin/env bash
# Executes one notebook through one front end, then checks the executed copy: every cell ran without an
# error (scripts/verify_executed_notebook.py), and, when notebooks/checks/NAME.py exists, that checker's
# assertions on the outputs and on the store the run wrote to.
#
#   nbconvert  Jupyter's own runner, talking to the kernel over ZeroMQ. The kernelspec is installed into a
#              throwaway prefix, so nothing the user installed (or did not install) is involved.
#   labbook    `java -jar labbook.jar run`: the same kernel engine in-process, no Jupyter at all.
#
# Each run gets a fresh, empty LABBOOK_STORE, so a notebook never sees what another run recorded.
# Needs dist/target/labbook.jar (mvn -B package). LABBOOK_JAVA=/path/to/bin/java runs the kernel on that Java
# instead of the java on PATH.
#
# Usage: scripts/run-notebook.sh nbconvert|labbook NOTEBOOK.ipynb OUT_DIR
#        The executed notebook is written to OUT_DIR/NAME.MODE.ipynb, its store to OUT_DIR/NAME.MODE.store.*
set -euo pipefail

if [[ $# -ne 3 || ! $1 =~ ^(nbconvert|labbook)$ ]]; then
    echo "usage: scripts/run-notebook.sh nbconvert|labbook NOTEBOOK.ipynb OUT_DIR" >&2
    exit 2
fi
readonly mode=$1
readonly root=$(cd "$(dirname "$0")/.." && pwd)
readonly jar=$root/dist/target/labbook.jar
readonly python=/usr/bin/python3
readonly java=${LABBOOK_JAVA:-java}
# Per cell, and for the whole notebook: generous, so a slow CI machine fails only on a real hang.
readonly cell_timeout_seconds=300
readonly notebook_timeout=20m

[[ -f $2 ]] || { echo "No notebook at '$2': pass the path of an .ipynb file." >&2; exit 2; }
[[ -f $jar ]] || { echo "No $jar: build it first with 'mvn -B -DskipTests package'." >&2; exit 1; }
readonly notebook=$(realpath "$2")
readonly name=$(basename "$notebook" .ipynb)
mkdir -p "$3"
readonly out_dir=$(realpath "$3")
readonly executed=$out_dir/$name.$mode.ipynb
readonly store=$(mktemp -d "$out_dir/$name.$mode.store.XXXXXX")

work=$(mktemp -d "${TMPDIR:-/tmp}/labbook-notebook.XXXXXX")
db_pid=
finish() {
    if [[ -n $db_pid ]]; then
        kill "$db_pid" 2>/dev/null || true
        wait "$db_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap finish EXIT

# A notebook whose metadata says "labbook": {"test_store": "postgresql"} logs to a team store: a PostgreSQL
# of its own (the embedded one of the store's tests, on 127.0.0.1 only), started here by a small launcher
# and stopped by its process id when the run ends. Any spool goes to the run's store folder.
wants_postgres() {
    "$python" -c 'import json, sys
meta = json.load(open(sys.argv[1], encoding="utf-8")).get("metadata", {})
sys.exit(0 if meta.get("labbook", {}).get("test_store") == "postgresql" else 1)' "$1"
}
start_postgres() {
    local launcher_jar=$root/benchmarks/target/benchmarks.jar
    [[ -f $launcher_jar ]] || { echo "No $launcher_jar (it holds the test database launcher): build it first." >&2; exit 1; }
    "$java" -cp "$launcher_jar" org.labbook.benchmarks.tracking.TestDatabase "$work/pgdata" "$work/pg-uri" \
        >"$work/postgres.log" 2>&1 &
    db_pid=$!
    local tries
    for ((tries = 0; tries < 1200; tries++)); do
        [[ -f $work/pg-uri ]] && break
        kill -0 "$db_pid" 2>/dev/null || { echo "The test database did not start:" >&2; cat "$work/postgres.log" >&2; exit 1; }
        sleep 0.1
    done
    [[ -f $work/pg-uri ]] || { echo "The test database did not start within 120 s." >&2; exit 1; }
    LABBOOK_STORE=$(<"$work/pg-uri")
    export LABBOOK_STORE
    export LABBOOK_SPOOL=$store/spool
}

rm -f "$executed"
# Both front ends run the notebook from its own folder, as Jupyter does, so relative paths in cells
# (%load, data files) mean the same thing in both.
cd "$(dirname "$notebook")"
export LABBOOK_STORE=$store
if wants_postgres "$notebook"; then
    start_postgres
fi

case $mode in
nbconvert)
    "$java" -jar "$jar" install --prefix "$work/jupyter" --name labbook-test
    export JUPYTER_PATH=$work/jupyter/share/jupyter
    export JUPYTER_RUNTIME_DIR=$work/runtime
    timeout --kill-after=30s "$notebook_timeout" \
        jupyter nbconvert --to notebook --execute "$notebook" \
        --output-dir "$out_dir" --output "$name.$mode.ipynb" \
        --ExecutePreprocessor.kernel_name=labbook-test \
        --ExecutePreprocessor.timeout=$cell_timeout_seconds
    ;;
labbook)
    timeout --kill-after=30s "$notebook_timeout" \
        "$java" -jar "$jar" run "$notebook" --output "$executed"
    ;;
esac

cd "$root"
[[ -f $executed ]] || { echo "$mode wrote no executed notebook at $executed" >&2; exit 1; }
"$python" scripts/verify_executed_notebook.py "$executed"
checker=notebooks/checks/$name.py
if [[ -f $checker ]]; then
    "$python" "$checker" "$executed" "$store"
    echo "$checker passed on $executed"
fi
