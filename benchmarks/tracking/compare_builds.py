"""Two builds of the tracking core side by side: do ingest, search and history get slower with a change?

Build A (--base, a git ref such as the previous commit) is built in a temporary worktree; build B is this
checkout's benchmarks/target/benchmarks.jar. Each JMH benchmark runs on A, then B, then A, then B ... for
--rounds rounds, so both builds meet the same moments of a shared, noisy machine; the median of each
build's scores and the ratio B/A are printed per benchmark (for throughput, above 1 is faster; for time,
below 1 is faster).

    mvn -B -q -DskipTests package                                 # builds B
    /usr/bin/python3 benchmarks/tracking/compare_builds.py --base HEAD~1
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCHMARKS = [
    "IngestBenchmark.labbookChunkedIngest",
    "SearchBenchmark.searchMetricAndParam$",  # JMH patterns are regular expressions
    "SearchBenchmark.searchMetricAndParamOrderedByMetric",
    "HistoryBenchmark.downsampledTo1000",
]


def build_base(ref, into):
    """The benchmarks jar of git ref, built in a throwaway worktree; returns its path."""
    subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", "-q", into, ref], check=True)
    subprocess.run(["mvn", "-B", "-q", "-DskipTests", "-pl", "benchmarks", "-am", "package"], cwd=into, check=True)
    return os.path.join(into, "benchmarks", "target", "benchmarks.jar")


def run_jmh(jar, pattern, args, tmpdir):
    """One JMH run of the benchmarks matching pattern; returns {benchmark: (score, unit)}.

    Each build gets its own temp folder: the search benchmark keeps its 100,000-run store there between
    runs, and one build's store must not be opened by the other (a newer schema is refused by an older build).
    """
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        result_file = out.name
    try:
        command = ["java", "-jar", jar, pattern, "-f", "1", "-wi", str(args.warmups), "-w", "2s",
                   "-i", str(args.iterations), "-r", "2s", "-rf", "json", "-rff", result_file,
                   "-jvmArgsAppend", f"-Djava.io.tmpdir={tmpdir}"]
        run = subprocess.run(command, capture_output=True, text=True)
        with open(result_file) as f:
            results = json.load(f) if os.path.getsize(result_file) else []
        if run.returncode != 0 or not results:
            # JMH reports a benchmark that threw in its output and leaves it out of the results.
            sys.exit(f"{jar} {pattern}: no result (exit {run.returncode}):\n{run.stdout[-3000:]}{run.stderr[-2000:]}")
        return {r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]:
                (r["primaryMetric"]["score"], r["primaryMetric"]["scoreUnit"]) for r in results
                if r["mode"] in ("thrpt", "avgt")}
    finally:
        os.unlink(result_file)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git ref of build A, e.g. HEAD~1")
    parser.add_argument("--jar", default=os.path.join(ROOT, "benchmarks", "target", "benchmarks.jar"),
                        help="benchmarks jar of build B (default: this checkout's)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--iterations", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(args.jar):
        sys.exit(f"{args.jar} is missing: build it first with mvn -B -q -DskipTests package")

    workdir = tempfile.mkdtemp(prefix="labbook-base-")
    try:
        base_jar = build_base(args.base, os.path.join(workdir, "base"))
        print(f"A = {args.base} ({base_jar}), B = {args.jar}; java {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}")
        scores = {}
        for round_ in range(args.rounds):
            for pattern in BENCHMARKS:
                for label, jar in (("A", base_jar), ("B", args.jar)):
                    tmpdir = os.path.join(workdir, "tmp-" + label)
                    os.makedirs(tmpdir, exist_ok=True)
                    for name, (score, unit) in run_jmh(jar, pattern, args, tmpdir).items():
                        scores.setdefault(name, {"unit": unit, "A": [], "B": []})[label].append(score)
                        print(f"  round {round_ + 1} {label} {name}: {score:.3f} {unit}", flush=True)
        print()
        print(f"{'benchmark':<58} {'A median':>12} {'B median':>12}  unit        B/A")
        for name, s in sorted(scores.items()):
            a, b = statistics.median(s["A"]), statistics.median(s["B"])
            print(f"{name:<58} {a:>12.3f} {b:>12.3f}  {s['unit']:<10} {b / a:5.2f}")
    finally:
        subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", os.path.join(workdir, "base")],
                       stderr=subprocess.DEVNULL)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
