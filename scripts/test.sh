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
#      README                scripts/check-readme.py: every `labbook` command line in README.md uses commands and
#                            options the jar's --help lists, and every relative link points at a file
#      binder                binder/check.sh: binder/'s files parse, and binder/postBuild run in a scratch HOME and
#                            prefix installs a kernel with which nbconvert executes the quick start
#   6. other Javas           the kernel-facing stages once more on every other Java LTS (17, 21, 25) installed
#                            here, found by scripts/find-java.sh (LABBOOK_JAVA_21=JDK_HOME names one): the kernel's
#                            JUnit tests (the same build, surefire forking that Java), the protocol conformance and
#                            every notebook with the kernel on that Java. An LTS not installed is reported as
#                            skipped, by name, in the summary.
#
# A failed stage does not stop the others (except a missing prerequisite, or a failed build for the stages
# that need its jar), so one run shows everything that is wrong: Maven runs with test failures ignored so a
# failing unit test still leaves a jar to test the protocol and the notebooks with, and the JUnit stage
# then counts those failures from Surefire's reports. Executed notebooks and their stores are
# left in build-out/test-notebooks/ for a look afterwards. The last line is "N passed, M failed" (with ", K skipped"
# when a supported Java is not installed here); the exit status is non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly jar=dist/target/labbook.jar
readonly conformance=kernel/src/test/python/run.sh
readonly notebook_out=build-out/test-notebooks
# Upper bounds so a hung test fails the run with a report instead of eating CI's whole time budget.
readonly build_timeout=50m
readonly conformance_timeout=15m

# The Java LTS releases the kernel supports: each one installed here is tested (see stage 6).
readonly supported_javas=(17 21 25)

passed=()
failed=()
skipped=()
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

# README.md's commands and links are checked, and the checker is shown to catch each kind of mistake.
readme_check() {
    python3 scripts/check-readme.py "$jar" README.md
    python3 scripts/check-readme.py --self-test "$jar" README.md
}

# Records a stage that could not run, as a failure with the reason.
not_run() {
    local name=$1 reason=$2
    echo
    echo "==> $name: FAILED, not run: $reason"
    failed+=("$name (not run: $reason)")
}

# Records stages that this machine cannot run (a Java release not installed), with the reason.
not_here() {
    local name=$1 reason=$2
    echo
    echo "==> $name: SKIPPED: $reason"
    skipped+=("$name ($reason)")
}

summary() {
    echo
    echo "Summary:"
    local line
    for line in ${passed[@]+"${passed[@]}"}; do echo "  passed  $line"; done
    for line in ${failed[@]+"${failed[@]}"}; do echo "  FAILED  $line"; done
    for line in ${skipped[@]+"${skipped[@]}"}; do echo "  SKIPPED $line"; done
    if ((${#skipped[@]} > 0)); then
        echo "${#passed[@]} passed, ${#failed[@]} failed, ${#skipped[@]} skipped"
    else
        echo "${#passed[@]} passed, ${#failed[@]} failed"
    fi
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

# The kernel module's tests on another Java: the classes the build compiled, run by a JVM of that Java.
kernel_junit_on() {
    local java=$1
    rm -rf kernel/target/surefire-reports-other-java
    timeout --kill-after=1m "$build_timeout" mvn -B -ntp -q -pl kernel surefire:test@other-java \
        -Dlabbook.testJava="$java" -Dmaven.test.failure.ignore=true
    /usr/bin/python3 scripts/junit_summary.py . surefire-reports-other-java
}

# Stage 6 for one Java: the kernel's tests, the conformance suite and every notebook with the kernel on it.
kernel_stages_on() {
    local java=$1 feature=$2
    stage "JUnit tests on Java $feature (kernel)" kernel_junit_on "$java"
    stage "protocol conformance on Java $feature" on_java "$java" protocol_conformance
    local notebook mode
    for notebook in notebooks/*.ipynb; do
        [[ -f $notebook ]] || continue
        for mode in nbconvert labbook; do
            stage "notebook $notebook ($mode, Java $feature)" on_java "$java" \
                scripts/run-notebook.sh "$mode" "$notebook" "$notebook_out/java$feature"
        done
    done
}

# Runs a command with the kernel on the given java (run.sh and run-notebook.sh read LABBOOK_JAVA). A stage runs
# in a subshell, so the export ends with it.
on_java() {
    export LABBOOK_JAVA=$1
    shift
    "$@"
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

    # The README's command lines and options against the jar's --help, its relative links against the files.
    if $built; then
        stage "README: commands, options and links" readme_check
    else
        not_run "README: commands, options and links" "the build failed"
    fi

    # Binder's build steps (binder/postBuild: the project's own scripts) in a scratch HOME and prefix.
    stage "binder: postBuild in a scratch HOME, then the quick start through its kernel" binder/check.sh

    local main_feature feature other
    main_feature=$(scripts/find-java.sh --feature java)
    for feature in "${supported_javas[@]}"; do
        [[ $feature == "$main_feature" ]] && continue
        if ! $built; then
            not_run "stages on Java $feature" "the build failed"
        elif other=$(scripts/find-java.sh "$feature"); then
            echo
            echo "Java $feature found at $other: running the kernel's tests, the conformance suite and the notebooks on it."
            kernel_stages_on "$other" "$feature"
        else
            not_here "stages on Java $feature" "no Java $feature on this machine (looked in /usr/lib/jvm and /opt;"\
" LABBOOK_JAVA_$feature=JDK_HOME names one)"
        fi
    done

    echo
    echo "Executed notebooks: $notebook_out/   Total time: $((SECONDS - started))s"
    summary
    ((${#failed[@]} == 0))
}

run_all
