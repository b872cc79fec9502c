"""Two builds of the kernel side by side: how much a change moves the round trip of a cell.

Kernel A (--base, for example the jar of the main branch) and kernel B (--jar, the change) run at the same
time; the snippets of roundtrip.py go to both, alternating cell by cell, so both meet the same moments of
a shared, noisy machine. Two JVMs running the same code differ by a few percent for as long as they live,
so several fresh pairs run one after the other; per snippet the result is the median over pairs of the
difference of medians (B - A) and of the median of paired differences (the same cell on both kernels, one
right after the other).

Run it with Debian's Python (it has jupyter_client), after building both jars:
    /usr/bin/python3 benchmarks/kernel/compare_builds.py --base main-labbook.jar --jar dist/target/labbook.jar
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from roundtrip import java_argument, java_version, SNIPPETS, alternate, install_throwaway_kernel, start, stop  # noqa: E402  (the same thin client)


def measure_pair(warmup, cells):
    """One fresh kernel of each build; returns {snippet name: {"A": samples, "B": samples}}."""
    kernels = {}
    try:
        for label in ("A", "B"):
            kernels[label] = start(f"labbook-build-{label.lower()}")
            kernels[label][1].wait_until_iopub_subscribed()
        connections = {label: connection for label, (_, connection) in kernels.items()}
        return {snippet["name"]: alternate(connections, lambda i, s=snippet: s, warmup, cells)
                for snippet in SNIPPETS}
    finally:
        for manager, connection in kernels.values():
            stop(manager, connection)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="kernel A: the labbook.jar to compare against")
    parser.add_argument("--jar", required=True, help="kernel B: the labbook.jar with the change")
    parser.add_argument("--cells", type=int, default=80, help="measured cells per snippet and kernel")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--pairs", type=int, default=3, help="fresh pairs of kernels, one after the other")
    java_argument(parser)
    args = parser.parse_args()
    if args.cells < 50 or args.pairs < 1:
        parser.error("--cells must be at least 50 and --pairs at least 1")

    java = args.java
    work = tempfile.mkdtemp(prefix="labbook-compare-builds.")
    try:
        install_throwaway_kernel(java, args.base, work, "labbook-build-a")
        install_throwaway_kernel(java, args.jar, work, "labbook-build-b")
        print(f"On {java_version(java)}")
        print(f"A = {args.base}, B = {args.jar}; {os.cpu_count()} CPUs, {args.pairs} fresh pairs, {args.cells} "
              f"cells per snippet and kernel after {args.warmup} warm-up cells, alternating between A and B.")
        print(f"{'pair':<5} {'snippet':<30} {'A median':>10} {'B median':>10} {'B - A':>9} {'paired':>9}")
        figures = {snippet["name"]: [] for snippet in SNIPPETS}
        for pair in range(1, args.pairs + 1):
            results = measure_pair(args.warmup, args.cells)
            for snippet in SNIPPETS:
                a, b = results[snippet["name"]]["A"], results[snippet["name"]]["B"]
                median_a, median_b = statistics.median(a), statistics.median(b)
                paired = statistics.median(y - x for x, y in zip(a, b))
                figures[snippet["name"]].append((median_a, median_b, paired))
                print(f"{pair:<5} {snippet['code']:<30} {median_a:>7.2f} ms {median_b:>7.2f} ms "
                      f"{median_b - median_a:>+6.2f} ms {paired:>+6.2f} ms")
        print("Median over pairs:")
        for snippet in SNIPPETS:
            rows = figures[snippet["name"]]
            median_a = statistics.median(r[0] for r in rows)
            median_b = statistics.median(r[1] for r in rows)
            print(f"  {snippet['code']:<30} A {median_a:.2f} ms, B {median_b:.2f} ms ({median_b / median_a:.2f}x); "
                  f"B - A {statistics.median(r[1] - r[0] for r in rows):+.2f} ms, "
                  f"paired {statistics.median(r[2] for r in rows):+.2f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
