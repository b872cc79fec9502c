#!/usr/bin/env bash
# Prints the mybinder.org launch link of this clone, and the README badge line for it, from the GitHub
# repository the clone was cloned from (its `origin` remote, or the remote named by --remote). Binder builds
# only what is published on GitHub (or another public git host), so a clone without such a remote has no link.
#
# Usage: binder/link.sh [--remote NAME] [--ref REF]      (REF defaults to HEAD: the default branch)
set -euo pipefail
cd "$(dirname "$0")/.."

remote=origin
ref=HEAD
while (($#)); do
    case $1 in
        --remote) remote=${2:?--remote needs a name}; shift 2 ;;
        --ref) ref=${2:?--ref needs a branch, tag or commit}; shift 2 ;;
        -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "binder/link.sh: unknown argument '$1'; see binder/link.sh --help" >&2; exit 2 ;;
    esac
done

url=$(git remote get-url "$remote" 2>/dev/null) || {
    echo "binder/link.sh: this clone has no remote '$remote'; publish it on GitHub and add the remote" \
        "(git remote add $remote https://github.com/ACCOUNT/REPOSITORY.git), or name another with --remote." >&2
    exit 1
}
# https://github.com/A/R(.git), git@github.com:A/R(.git), ssh://git@github.com/A/R(.git)
if [[ $url =~ ^(https://|ssh://git@|git@)github\.com[:/]([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/?$ ]]; then
    account=${BASH_REMATCH[2]}
    repository=${BASH_REMATCH[3]%.git}
else
    echo "binder/link.sh: remote '$remote' is $url, not a GitHub repository; Binder launches this project" \
        "from GitHub: push it there and add that remote." >&2
    exit 1
fi
link="https://mybinder.org/v2/gh/$account/$repository/$ref?urlpath=lab/tree/notebooks/quickstart.ipynb"
echo "$link"
echo "[![Binder](https://mybinder.org/badge_logo.svg)]($link)"
