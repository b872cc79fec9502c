#!/usr/bin/env python3
"""Checks that README.md stays true to the code it describes.

Every command the jar lists is named in it; every command line it shows (`java -jar
dist/target/labbook.jar ...` or `labbook ...`, in code blocks and in inline code) names a command the jar knows, and every option it uses appears in that command's
`--help`; every relative link points at a file or folder that exists.

Usage: scripts/check-readme.py [--self-test] JAR [README.md]
Prints one line per problem and exits 1 when there is any, 0 otherwise. With --self-test it breaks a
copy of the README (an unknown option, an unknown command, a missing file, a command left out) and
fails unless each is caught.
"""
import os
import re
import shlex
import subprocess
import sys

JAR_PREFIX = re.compile(r"^(?:java -jar \S*labbook\.jar|labbook)(?=\s|$)")
OPTION = re.compile(r"^(--?[A-Za-z][\w-]*)")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def command_lines(text):
    """(line number, words after the jar) for every command line the README shows."""
    found = []
    in_fence = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        stripped = line.strip()
        if (line.startswith("    ") or in_fence) and JAR_PREFIX.match(stripped):
            found.append((number, stripped))
    # Inline code may wrap onto the next line; its line number is where it starts.
    for match in re.finditer(r"`([^`]+)`", text):
        code = " ".join(match.group(1).split())
        if JAR_PREFIX.match(code):
            found.append((text.count("\n", 0, match.start()) + 1, code))
    result = []
    for number, code in found:
        words = shlex.split(JAR_PREFIX.sub("", code, count=1), comments=True)
        result.append((number, [w for w in words if w not in ("[", "]", "|", "...")]))
    return result


def run_help(jar, words):
    """The jar's answer to WORDS --help: (exit status, text)."""
    done = subprocess.run(["java", "-jar", jar, *words, "--help"], capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def check_commands(jar, text, problems):
    cache = {}

    def help_of(words):
        key = tuple(words)
        if key not in cache:
            cache[key] = run_help(jar, words)
        return cache[key]

    status, top = help_of([])
    if status != 0:
        problems.append(f"`java -jar {jar} --help` exited {status}: {top.strip()[:200]}")
        return
    # Every command the jar lists is named in the README, as `name`.
    listed = re.search(r"^Commands:\n((?:  .*\n?)+)", top, re.MULTILINE)
    for name in re.findall(r"^  ([a-z][\w-]*)\s", listed.group(1) if listed else "", re.MULTILINE):
        if f"`{name}`" not in text:
            problems.append(f"README.md: the command `{name}` of `labbook --help` is not in the README;"
                            f" add it to the \"Command line\" section")
    for number, words in command_lines(text):
        plain = [w.lstrip("[").rstrip("]") for w in words]
        if not plain or plain[0].startswith("-"):
            path = []
        else:
            path = [plain[0]]
            # Only the command list counts: "  NAME  summary" lines, not words in the summaries.
            if not re.search(r"^\s+" + re.escape(plain[0]) + r"(?:\s|,|$)", top, re.MULTILINE):
                problems.append(f"README.md:{number}: `{plain[0]}` is not a command listed by"
                                f" `labbook --help`; fix the README or the command")
                continue
            # A second plain word is a subcommand when the jar answers `--help` for it with its own text.
            if len(plain) > 1 and not plain[1].startswith("-"):
                status, sub = help_of(path + [plain[1]])
                if status == 0 and sub != help_of(path)[1]:
                    path.append(plain[1])
        status, helptext = help_of(path)
        if status != 0:
            problems.append(f"README.md:{number}: `labbook {' '.join(path)} --help` exited {status}")
            continue
        for word in plain[len(path):]:
            option = OPTION.match(word)
            if option and not re.search(r"(?<![\w-])" + re.escape(option.group(1)) + r"(?![\w-])", helptext):
                problems.append(f"README.md:{number}: `labbook {' '.join(path)}` has no option {option.group(1)}"
                                f" in its --help; fix the README or the command")


def check_links(base, text, problems):
    for match in LINK.finditer(text):
        target = match.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue
        path = target.split("#", 1)[0]
        if not os.path.exists(os.path.join(base, path)):
            number = text.count("\n", 0, match.start()) + 1
            problems.append(f"README.md:{number}: the link {target} points at no file; fix the path")


def problems_of(jar, text, base):
    problems = []
    check_links(base, text, problems)
    check_commands(jar, text, problems)
    return problems


def self_test(jar, text, base):
    """Breaks a copy of the README four ways and fails unless each break is reported."""
    line = next(l for l in text.splitlines() if re.match(r"\s+java -jar \S*labbook\.jar [a-z]", l))
    breaks = {
        "an unknown option": text.replace(line, line.split("#")[0].rstrip() + " --no-such-option", 1),
        "an unknown command": text.replace(line, re.sub(r"labbook\.jar \S+", "labbook.jar no-such-command", line), 1),
        "a missing file": text + "\n[missing](no/such/file.md)\n",
        "a command left out": text.replace("`sweep`", "`sweeps`"),
    }
    failures = 0
    for name, broken in breaks.items():
        if not problems_of(jar, broken, base):
            print(f"self-test: a README with {name} passed the check")
            failures += 1
    print(f"self-test: {len(breaks) - failures} of {len(breaks)} kinds of mistake reported")
    return 1 if failures else 0


def main(argv):
    args = [a for a in argv[1:] if a != "--self-test"]
    if len(args) not in (1, 2):
        print("usage: scripts/check-readme.py [--self-test] JAR [README.md]", file=sys.stderr)
        return 2
    jar = args[0]
    readme = args[1] if len(args) == 2 else "README.md"
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    base = os.path.dirname(os.path.abspath(readme))
    if "--self-test" in argv:
        return self_test(jar, text, base)
    problems = problems_of(jar, text, base)
    for problem in problems:
        print(problem)
    print(f"{readme}: {len(command_lines(text))} command lines, {len(LINK.findall(text))} links checked,"
          f" {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
