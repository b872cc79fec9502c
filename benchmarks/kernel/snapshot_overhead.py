"""What recording cells costs a notebook: the added round trip per cell with snapshots on versus off.

Two Labbook kernels from the same jar run side by side, one as installed and one with LABBOOK_SNAPSHOTS=off;
both have a tracked run open, so every cell of the first is recorded into that run. The same cells are sent
to both, alternating one by one, so both see the same machine at the same moment: each cell declares a
variable (a state change to record) and prints it (output to record). Per pair, the figure is the difference
of the median round trips (execute_request sent -> execute_reply and idle), next to the median of the kernel
with snapshots off as the baseline. Two JVMs running the same code can differ by a few percent for as long
as they live (each compiles it differently), so several fresh pairs run one after the other and the median
over pairs is the result. Target: at most 1 ms added per cell.

Run it with Debian's Python (it has jupyter_client), after building the jar:
    /usr/bin/python3 benchmarks/kernel/snapshot_overhead.py --jar dist/target/labbook.jar
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile

from jupyter_client import KernelManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from roundtrip import java_argument, java_version, Connection, alternate, execute, install_throwaway_kernel, percentile90  # noqa: E402  (the same thin client)


def start(kernel_name, snapshots_on):
    env = dict(os.environ)
    if not snapshots_on:
        env["LABBOOK_SNAPSHOTS"] = "off"
    manager = KernelManager(kernel_name=kernel_name)
    manager.start_kernel(env=env)
    connection = Connection(manager)
    connection.wait_until_iopub_subscribed()
    return manager, connection


def cell(i):
    """The i-th measured cell, with what it must print and no value."""
    return {"code": f"double v{i} = {i} * 0.5;\nSystem.out.println(v{i});", "stdout": f"{i * 0.5}\n", "result": None}


def measure_pair(name, warmup, cells):
    """One fresh pair of kernels, cells alternating between them; returns their samples."""
    kernels = []
    try:
        on = start(name, snapshots_on=True)
        kernels.append(on)
        off = start(name, snapshots_on=False)
        kernels.append(off)
        for label, (_, connection) in (("on", on), ("off", off)):
            execute(connection, {"code": f"%track start overhead-{label} --experiment snapshot-overhead"})
        samples = alternate({"on": on[1], "off": off[1]}, cell, warmup, cells)
        execute(on[1], {"code": "%track end"})  # the recorded run ends; its snapshot is written behind
        return samples
    finally:
        for manager, connection in kernels:
            connection.close()
            manager.shutdown_kernel(now=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", required=True)
    parser.add_argument("--cells", type=int, default=200, help="measured cells per kernel (at least 200)")
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--pairs", type=int, default=3,
                        help="fresh pairs of kernels to measure, one after the other (at least 1)")
    java_argument(parser)
    args = parser.parse_args()
    if args.cells < 200:
        parser.error("--cells must be at least 200")
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")

    java = args.java
    work = tempfile.mkdtemp(prefix="labbook-snapshot-overhead.")
    try:
        name = "labbook-overhead"
        install_throwaway_kernel(java, args.jar, work, name)

        print(f"On {java_version(java)}")
        print(f"Snapshot overhead on {os.cpu_count()} CPUs: {args.pairs} pairs of fresh kernels, {args.cells} cells "
              f"per kernel after {args.warmup} warm-up cells, alternating between the two kernels of a pair.")
        print(f"{'pair':<6} {'off median':>11} {'on median':>11} {'off p90':>9} {'on p90':>9} "
              f"{'added (medians)':>16} {'added (paired)':>15}")
        added, paired_added, off_medians = [], [], []
        for pair in range(1, args.pairs + 1):
            samples = measure_pair(name, args.warmup, args.cells)
            on_median, off_median = statistics.median(samples["on"]), statistics.median(samples["off"])
            # The same cell ran on both kernels one right after the other: the median of those paired
            # differences is steadier within a pair than the difference of the medians.
            paired = statistics.median(a - b for a, b in zip(samples["on"], samples["off"]))
            added.append(on_median - off_median)
            paired_added.append(paired)
            off_medians.append(off_median)
            print(f"{pair:<6} {off_median:>8.2f} ms {on_median:>8.2f} ms {percentile90(samples['off']):>6.2f} ms "
                  f"{percentile90(samples['on']):>6.2f} ms {on_median - off_median:>+13.2f} ms {paired:>+12.2f} ms")
        # Each JVM compiles the kernel differently, so one pair can be a few percent off either way:
        # the figure is the median over pairs.
        print(f"added per cell, median over pairs: {statistics.median(added):+.2f} ms difference of medians, "
              f"{statistics.median(paired_added):+.2f} ms median of paired differences "
              f"(baseline: snapshots off, {statistics.median(off_medians):.2f} ms); target <= 1 ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
