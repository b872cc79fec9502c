#!/usr/bin/env bash
# Runs the Python protocol suites (jupyter_kernel_test conformance, bad input, interrupt, hostile clients and
# long sessions) against the shaded jar over real ZeroMQ. The kernelspec goes into a throwaway prefix, never
# the user's Jupyter.
#
# LABBOOK_JAVA=/path/to/bin/java runs the kernel on that Java instead of the java on PATH (the kernelspec
# runs the java that installed it); the suite checks that the kernel really runs on that Java.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
jar="${LABBOOK_JAR:-$root/dist/target/labbook.jar}"
if [ ! -f "$jar" ]; then
  echo "run.sh: $jar is missing; build it first: (cd $root && mvn -B -DskipTests install)" >&2
  exit 2
fi
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
java="${LABBOOK_JAVA:-java}"
"$java" -jar "$jar" install --prefix "$prefix" --name labbook-test --display-name "Java (Labbook test)"
LABBOOK_EXPECTED_JAVA="$("$java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
export LABBOOK_EXPECTED_JAVA
export JUPYTER_PATH="$prefix/share/jupyter"
export LABBOOK_KERNEL_NAME=labbook-test
cd "$here"
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider test_conformance.py test_bad_input.py test_long_sessions.py "$@"
