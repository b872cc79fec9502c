#!/usr/bin/env bash
# Checks that this machine has what the tests need. When something from Debian is missing and we run
# as root on Debian, installs exactly the packages in scripts/debian-packages.txt; otherwise says what
# to install and exits 1. Java and Maven are never installed here: the build needs them before anything.
#
# Usage: scripts/prerequisites.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# Only Debian's interpreter has the Jupyter modules from Debian's packages; a python3 earlier on PATH
# (a virtualenv, pyenv) may not.
readonly PYTHON=/usr/bin/python3
readonly PYTHON_MODULES=(jupyter_client nbclient nbconvert nbformat jupyter_kernel_test pytest notebook nbclassic)
readonly PACKAGE_LIST=scripts/debian-packages.txt

# Prints one line per missing Debian-provided piece; prints nothing when all are there.
missing_debian_pieces() {
    if [[ ! -x $PYTHON ]]; then
        echo "$PYTHON (Debian's Python 3)"
    else
        local module
        for module in "${PYTHON_MODULES[@]}"; do
            if ! "$PYTHON" -c "import $module" >/dev/null 2>&1; then
                echo "Python module '$module' for $PYTHON"
            fi
        done
    fi
    command -v jupyter >/dev/null 2>&1 || echo "the 'jupyter' command"
    command -v chromium >/dev/null 2>&1 || echo "the 'chromium' browser"
    if ! command -v fc-list >/dev/null 2>&1; then
        echo "fontconfig (fc-list)"
    elif [[ -z $(fc-list 2>/dev/null | head -1) ]]; then
        echo "a font (fonts-dejavu-core)"
    fi
}

# Prints one line per missing build tool; prints nothing when Java 17+ and Maven are there.
missing_build_tools() {
    if ! command -v java >/dev/null 2>&1; then
        echo "Java 17 or newer (Debian: openjdk-17-jdk-headless)"
    else
        # 'java -version' prints e.g. 'openjdk version "17.0.15" 2025-04-15' or, before Java 9, "1.8.0_392".
        local version major
        version=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)
        major=${version%%.*}
        [[ $major == 1 ]] && major=$(echo "$version" | cut -d. -f2)
        if [[ ! $major =~ ^[0-9]+$ ]] || (( major < 17 )); then
            echo "Java 17 or newer (found '${version:-unknown}' from $(command -v java))"
        fi
    fi
    command -v mvn >/dev/null 2>&1 || echo "Maven 3.8 or newer (Debian: maven)"
    # The browser check drives Chromium over its DevTools socket with Node's built-in WebSocket (Node 20+);
    # Debian 12's own nodejs is 18, too old, so Node is a tool to bring like Java, not a package we install.
    local node_major
    node_major=$(node --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p')
    if [[ -z $node_major ]] || (( node_major < 20 )); then
        echo "Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))"
    fi
    # npm (shipped with Node.js) installs the Vega-Lite renderer the browser check draws charts with.
    command -v npm >/dev/null 2>&1 || echo "npm (it comes with Node.js)"
}

debian_packages() {
    sed -e 's/#.*//' -e 's/[[:space:]]//g' "$PACKAGE_LIST" | grep -v '^$'
}

can_install_debian_packages() {
    [[ $(id -u) == 0 && -f /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1
}

main() {
    local tools
    tools=$(missing_build_tools)
    if [[ -n $tools ]]; then
        echo "Missing build tools:" >&2
        sed 's/^/  - /' <<<"$tools" >&2
        echo "Install them (Java and Maven on Debian: apt-get install openjdk-17-jdk-headless maven; Node.js 20+ from nodejs.org or your distribution) and run again." >&2
        return 1
    fi

    local pieces
    pieces=$(missing_debian_pieces)
    [[ -z $pieces ]] && return 0

    echo "Missing:"
    sed 's/^/  - /' <<<"$pieces"
    local packages
    mapfile -t packages < <(debian_packages)
    if ! can_install_debian_packages; then
        echo "Install these Debian packages as root, then run again:" >&2
        echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages[*]}" >&2
        return 1
    fi

    echo "Installing from Debian: ${packages[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"

    pieces=$(missing_debian_pieces)
    if [[ -n $pieces ]]; then
        echo "Still missing after installing the Debian packages:" >&2
        sed 's/^/  - /' <<<"$pieces" >&2
        return 1
    fi
}

main "$@"
