#!/usr/bin/env bash
# The quick start: builds Labbook and runs notebooks/quickstart.ipynb through the kernel, headless, with no
# Jupyter installed. Needs Java 17+ and Maven. Works from any folder.
#
# Usage: scripts/quickstart.sh
# Writes the executed notebook to build-out/quickstart.ipynb and prints its cells and outputs as text.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly jar=dist/target/labbook.jar
readonly notebook=notebooks/quickstart.ipynb
readonly executed=build-out/quickstart.ipynb

for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "'$tool' is not on PATH: the quick start needs Java 17+ and Maven 3.8+ (Debian: openjdk-17-jdk-headless maven)." >&2
        exit 1
    fi
done

echo "Building $jar (mvn -B -q -DskipTests package)..."
# Maven 3.8's quiet mode still writes colour resets (ESC[0m) even in batch mode; drop any terminal escape
# so the quick start's console output is plain text. pipefail keeps Maven's exit status.
mvn -B -q -DskipTests package 2>&1 | sed -u -e $'s/\x1b\\[[0-9;]*[A-Za-z]//g'

mkdir -p build-out
echo "Running $notebook..."
java -jar "$jar" run "$notebook" --output "$executed"   # one line per cell as it runs

echo
# Jackson is inside the Labbook jar, so the text rendition needs nothing but Java either.
java -cp "$jar" scripts/NotebookText.java "$executed"
echo "The executed notebook is $PWD/$executed"
echo "Open it in JupyterLab, or run it there yourself: java -jar $jar install --user, then pick \"Java (Labbook)\"."
