#!/usr/bin/env bash
# Checks what can be checked of the Binder set-up without Binder: the files repo2docker reads parse
# (apt.txt names packages this system's apt knows, postBuild is valid bash and executable), then runs
# binder/postBuild as repo2docker would, in a scratch HOME and a scratch Python prefix (so Maven, the
# kernelspec and the store land only there), and executes notebooks/quickstart.ipynb with nbconvert through
# the kernel it installed.
#
# Needs Java 17+, Maven, apt-cache, and Debian's jupyter-nbconvert. Usage: binder/check.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

fail() {
    echo "binder/check.sh: $*" >&2
    exit 1
}

[[ -x binder/postBuild ]] || fail "binder/postBuild is not executable: chmod +x binder/postBuild"
bash -n binder/postBuild || fail "binder/postBuild is not valid bash"
packages=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' binder/apt.txt | grep -v '^$' || true)
[[ -n $packages ]] || fail "binder/apt.txt names no package"
for package in $packages; do
    [[ $package =~ ^[a-z0-9][a-z0-9.+-]+$ ]] || fail "binder/apt.txt: '$package' is not a package name"
    apt-cache show "$package" >/dev/null 2>&1 || fail "binder/apt.txt: no package '$package' is known to apt"
done
grep -q "^scripts/quickstart.sh$" binder/postBuild || fail "binder/postBuild must build with scripts/quickstart.sh"
echo "binder/: apt.txt names $(wc -w <<<"$packages") known packages; postBuild parses"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/labbook-binder.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# binder/link.sh, in a scratch repository with each form of GitHub remote, then with none and a foreign one.
links=$scratch/links
mkdir -p "$links/binder"
cp binder/link.sh "$links/binder/"
git -C "$links" init -q
expected="https://mybinder.org/v2/gh/ada/labbook/HEAD?urlpath=lab/tree/notebooks/quickstart.ipynb"
out=$("$links/binder/link.sh" 2>&1) && fail "binder/link.sh succeeded without a remote: $out"
[[ $out == *"no remote 'origin'"* && $(wc -l <<<"$out") == 1 ]] || fail "binder/link.sh without a remote said: $out"
for remote in https://github.com/ada/labbook.git https://github.com/ada/labbook git@github.com:ada/labbook.git         ssh://git@github.com/ada/labbook.git; do
    git -C "$links" remote remove origin 2>/dev/null || true
    git -C "$links" remote add origin "$remote"
    out=$("$links/binder/link.sh")
    [[ $(sed -n 1p <<<"$out") == "$expected" ]] || fail "binder/link.sh for $remote printed: $out"
    [[ $(sed -n 2p <<<"$out") == "[![Binder](https://mybinder.org/badge_logo.svg)]($expected)" ]] \
        || fail "binder/link.sh for $remote printed the badge: $out"
done
out=$("$links/binder/link.sh" --ref v1.0)
[[ $(sed -n 1p <<<"$out") == "${expected/HEAD/v1.0}" ]] || fail "binder/link.sh --ref v1.0 printed: $out"
git -C "$links" remote set-url origin https://gitlab.example.org/ada/labbook.git
out=$("$links/binder/link.sh" 2>&1) && fail "binder/link.sh accepted a remote that is not on GitHub: $out"
[[ $out == *"not a GitHub repository"* ]] || fail "binder/link.sh for a foreign remote said: $out"
echo "binder/link.sh: the launch link and badge from four forms of GitHub remote; one line for none or another host"
mkdir -p "$scratch/home" "$scratch/prefix" "$scratch/out"
# A fresh HOME: Maven downloads into it, nothing is read from the user's own set-up.
HOME=$scratch/home NB_PYTHON_PREFIX=$scratch/prefix LABBOOK_STORE=$scratch/store binder/postBuild \
    >"$scratch/out/postBuild.log" 2>&1 || { tail -20 "$scratch/out/postBuild.log" >&2; fail "binder/postBuild failed"; }
spec=$scratch/prefix/share/jupyter/kernels/labbook/kernel.json
[[ -f $spec ]] || fail "binder/postBuild installed no kernelspec at $spec"
/usr/bin/python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["display_name"] != "Java (Labbook)")' "$spec" \
    || fail "the kernelspec is not named \"Java (Labbook)\": $(cat "$spec")"

HOME=$scratch/home JUPYTER_PATH=$scratch/prefix/share/jupyter JUPYTER_DATA_DIR=$scratch/home/jupyter \
    JUPYTER_RUNTIME_DIR=$scratch/home/runtime LABBOOK_STORE=$scratch/notebook-store \
    jupyter nbconvert --to notebook --execute notebooks/quickstart.ipynb --output-dir "$scratch/out" \
    --output quickstart.ipynb --ExecutePreprocessor.kernel_name=labbook --ExecutePreprocessor.timeout=300 \
    >"$scratch/out/nbconvert.log" 2>&1 || { tail -20 "$scratch/out/nbconvert.log" >&2; fail "nbconvert failed"; }
/usr/bin/python3 scripts/verify_executed_notebook.py "$scratch/out/quickstart.ipynb"
/usr/bin/python3 notebooks/checks/quickstart.py "$scratch/out/quickstart.ipynb" "$scratch/notebook-store"
echo "binder/: postBuild installed \"Java (Labbook)\" and nbconvert executed the quick start with it"
