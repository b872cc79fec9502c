#!/usr/bin/env bash
# Runs every test of Labbook, from any folder, on a clean checkout:
#
#   1. prerequisites         scripts/prerequisites.sh: Java 17+, Maven, Jupyter and Chromium from Debian
#                            (installed when missing if we run as root on Debian; otherwise it says what
#                            to install and the run stops here)
#   2. build: mvn -B verify  builds every module and dist/target/labbook.jar, running every JUnit test
#      JUnit tests           scripts/junit_summary.py: any failed, errored or skipped test fails this stage
#   3. protocol conformance  kernel/src/test/python/run.sh: jupyter_kernel_test and bad-input tests
#                            against the real kernel over ZeroMQ
#   4. notebooks             every notebooks/*.ipynb, once with `jupyter nbconvert --execute` and once with
#                            `java -jar labbook.jar run` (scripts/run-notebook.sh)
#   5. browser               notebooks/checks/compare-runs-browser.sh: the executed comparison notebook served by
#                            Jupyter Notebook on 127.0.0.1 and checked from headless Chromium (Node 20+ drives it)
#
# A failed stage does not stop the others (except a missing prerequisite, or a failed build for the stages
# that need its jar), so one run shows everything that is wrong: Maven runs with test failures ignored so a
# failing unit test still leaves a jar to test the protocol and the notebooks with, and the JUnit stage
# then counts those failures from Surefire's reports. Executed notebooks and their stores are
# left in build-out/test-notebooks/ for a look afterwards. The last line is "N passed, M failed"; the exit
# status is non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly jar=dist/target/labbook.jar
readonly conformance=kernel/src/test/python/run.sh
readonly notebook_out=build-out/test-notebooks
# Upper bounds so a hung test fails the run with a report instead of eating CI's whole time budget.
readonly build_timeout=50m
readonly conformance_timeout=15m

passed=()
failed=()
last_status=0

# Runs one stage and records how it ended (also in last_status). The stage runs in a subshell with errexit
# on and its status is read afterwards: calling it as `if "$@"` would make bash ignore `set -e` in the
# stage's whole call tree, so a command failing in the middle of a stage would go unnoticed.
stage() {
    local name=$1
    shift
    echo
    echo "==> $name"
    local started=$SECONDS status
    set +e
    (set -e; "$@")
    status=$?
    set -e
    last_status=$status
    local took=$((SECONDS - started))
    if ((status == 0)); then
        passed+=("$name (${took}s)")
        echo "<== $name: passed in ${took}s"
    else
        failed+=("$name (exit status $status after ${took}s)")
        echo "<== $name: FAILED with exit status $status after ${took}s"
    fi
}

# Records a stage that could not run, as a failure with the reason.
not_run() {
    local name=$1 reason=$2
    echo
    echo "==> $name: FAILED, not run: $reason"
    failed+=("$name (not run: $reason)")
}

summary() {
    echo
    echo "Summary:"
    local line
    for line in ${passed[@]+"${passed[@]}"}; do echo "  passed  $line"; done
    for line in ${failed[@]+"${failed[@]}"}; do echo "  FAILED  $line"; done
    echo "${#passed[@]} passed, ${#failed[@]} failed"
}

build() {
    # Reports left by an earlier run would be counted as this run's results.
    rm -rf ./*/target/surefire-reports
    timeout --kill-after=1m "$build_timeout" mvn -B -ntp verify -Dmaven.test.failure.ignore=true
    [[ -f $jar ]] || { echo "mvn verify succeeded but did not produce $jar" >&2; return 1; }
}

junit_tests() {
    /usr/bin/python3 scripts/junit_summary.py .
}

protocol_conformance() {
    timeout --kill-after=30s "$conformance_timeout" bash "$conformance"
}

run_all() {
    local started=$SECONDS
    stage "prerequisites" scripts/prerequisites.sh
    if ((last_status != 0)); then
        summary
        exit 1
    fi

    stage "build: mvn -B verify" build
    local built=true
    ((last_status == 0)) || built=false
    stage "JUnit tests" junit_tests

    if [[ ! -f $conformance ]]; then
        not_run "protocol conformance" "$conformance is missing"
    elif ! $built; then
        not_run "protocol conformance" "the build failed"
    else
        stage "protocol conformance" protocol_conformance
    fi

    rm -rf "$notebook_out"
    mkdir -p "$notebook_out"
    local notebooks=(notebooks/*.ipynb)
    if [[ ! -f ${notebooks[0]} ]]; then
        not_run "notebooks" "there are no notebooks in notebooks/"
    fi
    local notebook mode
    for notebook in "${notebooks[@]}"; do
        [[ -f $notebook ]] || continue
        for mode in nbconvert labbook; do
            if $built; then
                stage "notebook $notebook ($mode)" scripts/run-notebook.sh "$mode" "$notebook" "$notebook_out"
            else
                not_run "notebook $notebook ($mode)" "the build failed"
            fi
        done
    done

    # What users see in a browser: the comparison notebook served by Jupyter Notebook, read by headless Chromium.
    if $built; then
        stage "browser: compare-runs in Jupyter Notebook" notebooks/checks/compare-runs-browser.sh
    else
        not_run "browser: compare-runs in Jupyter Notebook" "the build failed"
    fi

    echo
    echo "Executed notebooks: $notebook_out/   Total time: $((SECONDS - started))s"
    summary
    ((${#failed[@]} == 0))
}

run_all
