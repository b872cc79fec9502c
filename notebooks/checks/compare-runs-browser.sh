#!/usr/bin/env bash
# Executes notebooks/compare-runs.ipynb, serves the executed copy with Jupyter Notebook on 127.0.0.1, opens it
# in headless Chromium and checks from the page itself that the chart images loaded with a real size and that
# the run tables are there (compare-runs-browser.mjs). Then draws the comparison's Vega-Lite outputs as JupyterLab
# does, with Vega, Vega-Lite and vega-embed installed from npm beforehand (notebooks/checks/vega/package-lock.json)
# into a page on disk, and checks their size, hover data and legend (vega-charts-browser.mjs): the test itself
# needs no network. Last, writes the experiment's review report (labbook report) and checks it opened from the
# file: its charts drawn as Vega views by the libraries it inlines, hover and legend, its images in print and
# without scripts (report-browser.mjs). The screenshot stays in build-out/browser/.
#
# Needs dist/target/labbook.jar (mvn -B -DskipTests package), Debian's jupyter-notebook, chromium, Node 20+ and npm.
# Usage: notebooks/checks/compare-runs-browser.sh
set -euo pipefail

readonly root=$(cd "$(dirname "$0")/../.." && pwd)
readonly out=$root/build-out/browser
readonly name=compare-runs
readonly executed=$name.nbconvert.ipynb
mkdir -p "$out"
cd "$root"

# The renderer's scripts come from the npm registry now, never from a CDN while the page is open.
(cd notebooks/checks/vega && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)

scripts/run-notebook.sh nbconvert "notebooks/$name.ipynb" "$out"
# An executed notebook is not signed; trusting it lets the front end show its HTML as the kernel sent it.
JUPYTER_DATA_DIR=$out/jupyter-data /usr/bin/python3 -c '
import sys, nbformat
from nbformat.sign import NotebookNotary
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookNotary().sign(notebook)
' "$out/$executed"

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
readonly server_port=$(free_port)
readonly devtools_port=$(free_port)
readonly token=$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(16))')
profile=$(mktemp -d "${TMPDIR:-/tmp}/labbook-chromium.XXXXXX")
server_pid=
browser_pid=

stop() {
    [[ -n $browser_pid ]] && kill "$browser_pid" 2>/dev/null && wait "$browser_pid" 2>/dev/null
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$profile"
    return 0
}
trap stop EXIT

# The server knows the notebook's kernel, so the page opens as a user sees it (no "kernel not found" dialog).
java -jar dist/target/labbook.jar install --prefix "$out/jupyter" --name labbook >/dev/null
JUPYTER_PATH=$out/jupyter/share/jupyter JUPYTER_DATA_DIR=$out/jupyter-data JUPYTER_RUNTIME_DIR=$out/jupyter-runtime \
    jupyter notebook --no-browser --ip=127.0.0.1 --port="$server_port" --NotebookApp.token="$token" \
    --allow-root --notebook-dir="$out" >"$out/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$server_port/api/status?token=$token" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { echo "Jupyter Notebook did not start; see $out/server.log" >&2; exit 1; }
    sleep 0.5
done

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir="$profile" \
    --window-size=1280,900 --remote-debugging-address=127.0.0.1 --remote-debugging-port="$devtools_port" \
    about:blank >"$out/chromium.log" 2>&1 &
browser_pid=$!

node --experimental-websocket --no-warnings "$root/notebooks/checks/compare-runs-browser.mjs" "$devtools_port" \
    "http://127.0.0.1:$server_port/notebooks/$executed?token=$token" "$out/$name.png"

page=$(/usr/bin/python3 notebooks/checks/vega_page.py "$out/$executed" compare notebooks/checks/vega/node_modules "$out/vega")
node --experimental-websocket --no-warnings "$root/notebooks/checks/vega-charts-browser.mjs" "$devtools_port" "$page"

# The review report of the same experiment, from the store the notebook wrote, opened from its file.
store=$(ls -td "$out/$name.nbconvert.store."* | head -1)   # the newest: this run's
java -jar dist/target/labbook.jar report --experiment compare-runs --store "$store" --out "$out/report.html" 2>/dev/null
node --experimental-websocket --no-warnings "$root/notebooks/checks/report-browser.mjs" "$devtools_port" "$out/report.html"
