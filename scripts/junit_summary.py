"""Sums up the JUnit results Maven Surefire wrote for every module, and fails when any test failed, errored
or was skipped (a skipped test is an unfinished one: this project has none). One exception: a test that
needs root (it mounts a file system) and says so ("needs root: ...") may skip when this does not run as
root; it is listed, and as root it must run.

The test command builds with test failures ignored, so that one failing unit test still leaves a jar for
the protocol and notebook stages; this script is what then makes those failures count.

Usage: /usr/bin/python3 scripts/junit_summary.py [REPO_ROOT [REPORTS_DIR_NAME]]
       REPORTS_DIR_NAME: the folder under each module's target/ (default surefire-reports; the kernel's run
       on another Java writes surefire-reports-other-java)
"""
import glob
import os
import sys
import xml.etree.ElementTree as ElementTree


def main(root, folder="surefire-reports"):
    reports = sorted(glob.glob(os.path.join(root, "*", "target", folder, "TEST-*.xml")))
    if not reports:
        print(f"No JUnit reports under */target/{folder}: the tests did not run.", file=sys.stderr)
        return 1
    total, bad, allowed = 0, [], []
    as_root = os.geteuid() == 0
    modules = set()
    for report in reports:
        modules.add(os.path.relpath(report, root).split(os.sep)[0])
        for case in ElementTree.parse(report).getroot().iter("testcase"):
            total += 1
            name = f"{case.get('classname')}.{case.get('name')}"
            for verdict in ("failure", "error", "skipped"):
                found = case.find(verdict)
                if found is not None:
                    message = " / ".join(line.strip() for line in (found.get("message") or "").splitlines()
                                         if line.strip())
                    line = f"{verdict:<8} {name}" + (f": {message[:240]}" if message else "")
                    if verdict == "skipped" and message.startswith("needs root:") and not as_root:
                        allowed.append(line)
                    else:
                        bad.append(line)
    for line in bad:
        print(f"  {line}")
    for line in allowed:
        print(f"  {line} (allowed: not running as root)")
    print(f"{total} JUnit tests in {len(reports)} classes of {len(modules)} modules "
          f"({', '.join(sorted(modules))}): {total - len(bad) - len(allowed)} passed, {len(bad)} failed, errored or"
          f" skipped" + (f", {len(allowed)} skipped for want of root" if allowed else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]) if len(sys.argv) > 1 else main("."))
