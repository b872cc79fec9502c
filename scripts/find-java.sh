#!/usr/bin/env bash
# Prints the path of a `java` of one feature release (17, 21, 25...) found on this machine, or nothing (exit 1).
# Looks first at LABBOOK_JAVA_<N> (a java binary or a JDK's home), then at the JDKs under /usr/lib/jvm and /opt.
# With --feature JAVA instead, prints the feature release of that java.
#
# Usage: scripts/find-java.sh N
#        scripts/find-java.sh --feature /path/to/bin/java
set -euo pipefail

feature_of() {
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -1
}

if [[ $# -eq 2 && $1 == --feature ]]; then
    feature_of "$2"
    exit
fi
if [[ $# -ne 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/find-java.sh N | --feature JAVA" >&2
    exit 2
fi
readonly wanted=$1

override_name=LABBOOK_JAVA_$wanted
override=${!override_name:-}
candidates=()
if [[ -n $override ]]; then
    [[ -d $override ]] && override=$override/bin/java
    if [[ ! -x $override || $(feature_of "$override") != "$wanted" ]]; then
        echo "$override_name=${!override_name} is not a java of release $wanted; point it at a JDK $wanted's home." >&2
        exit 1
    fi
    candidates+=("$override")
fi
for candidate in /usr/lib/jvm/*/bin/java /opt/*/bin/java; do
    [[ -x $candidate ]] && candidates+=("$candidate")
done
for candidate in ${candidates[@]+"${candidates[@]}"}; do
    if [[ -x $candidate && $(feature_of "$candidate") == "$wanted" ]]; then
        echo "$candidate"
        exit 0
    fi
done
exit 1
