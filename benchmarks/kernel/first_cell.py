"""First-cell benchmark: how long a new user waits from starting the kernel to the first result.

For each of several launches (alternating with the floor, so both meet the same moments of a busy machine):
  * launch -> kernel_info_reply: the kernel process starts, a client connects and asks kernel_info;
  * launch -> first result: then, at once, executes `1 + 1` and waits for its execute_reply (the
    execute_result `2` is published before it), which is what a notebook front end does on "Run all";
  * the baseline: the same kernel installed with --no-startup-archive (no class-data archive), launched
    the same way in turn;
  * the floor: a fresh JVM that builds JShell and evaluates a first snippet (JShellFloor), nothing else.
Prints the medians, the ratios to the baseline and to the floor, and the load average before and after.

Run it with Debian's Python: benchmarks/kernel/first_cell.sh builds what it needs and calls
    /usr/bin/python3 benchmarks/kernel/first_cell.py --jar dist/target/labbook.jar \
        --floor-classpath benchmarks/target/classes
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

import roundtrip

FIRST = {"name": "expression", "code": "1 + 1", "result": "2", "stdout": ""}


def first_result_ms(kernel_name):
    """One launch: (launch -> kernel_info_reply, launch -> first result of 1 + 1) in milliseconds."""
    started = time.perf_counter()
    manager, connection = roundtrip.start(kernel_name)
    try:
        msg_id = connection.send("kernel_info_request", {})
        reply, _ = connection.wait_for_reply(msg_id, want_idle=False)
        info_ms = (time.perf_counter() - started) * 1000
        if reply["content"].get("status") != "ok":
            raise RuntimeError(f"kernel_info_reply: {reply['content']}")
        content = {"code": FIRST["code"], "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}
        # The SUB socket is connected since the launch; the busy/idle of kernel_info made it through, so the
        # first cell's execute_result cannot be missed.
        msg_id = connection.send("execute_request", content)
        reply, published = connection.wait_for_reply(msg_id)
        first_ms = (time.perf_counter() - started) * 1000
        roundtrip.check_answer(FIRST, reply, published)
        return info_ms, first_ms
    finally:
        roundtrip.stop(manager, connection)


def install_plain_kernel(java, jar, work, name):
    """The baseline: the same jar, installed without the start-up archive."""
    import subprocess
    subprocess.run([java, "-jar", os.path.abspath(jar), "install", "--prefix", work, "--name", name,
                    "--no-startup-archive"], check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", required=True, help="the labbook.jar to install as the kernel")
    parser.add_argument("--floor-classpath", required=True, help="where org.labbook.benchmarks.kernel.JShellFloor is")
    parser.add_argument("--launches", type=int, default=5, help="launches of each (default 5)")
    roundtrip.java_argument(parser)
    args = parser.parse_args()

    java = args.java
    work = tempfile.mkdtemp(prefix="labbook-first-cell.")
    load_before = os.getloadavg()
    try:
        name = "labbook-first-cell"
        plain = "labbook-first-cell-plain"
        roundtrip.install_throwaway_kernel(java, args.jar, work, name)
        install_plain_kernel(java, args.jar, work, plain)
        info, first, plain_info, plain_first, floor = [], [], [], [], []
        for i in range(args.launches):
            print(f"launch {i + 1} of {args.launches}...", file=sys.stderr)
            # Which goes first alternates, so neither always meets the other's leftovers.
            order = [(name, info, first), (plain, plain_info, plain_first)]
            for kernel, infos, firsts in (order if i % 2 == 0 else order[::-1]):
                info_ms, first_ms = first_result_ms(kernel)
                infos.append(info_ms)
                firsts.append(first_ms)
            f = roundtrip.Floor(java, ["-Djava.awt.headless=true"], args.floor_classpath)
            floor.append(f.ready_ms)
            f.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()

    print()
    print(f"First cell on {os.cpu_count()} CPUs, {roundtrip.java_version(java)}; median of {args.launches} launches.")
    print(f"{'measure':<36} {'median':>9}  samples (ms)")
    rows = [("launch -> kernel_info_reply", info), ("launch -> first result of 1 + 1", first),
            ("baseline: kernel_info_reply", plain_info), ("baseline: first result", plain_first),
            ("floor: JVM + JShell + first snippet", floor)]
    for label, samples in rows:
        print(f"{label:<36} {statistics.median(samples):>6.0f} ms  {' '.join(f'{s:.0f}' for s in samples)}")
    median = statistics.median
    print(f"first result: {median(first) / median(plain_first):.2f}x the baseline (no start-up archive),"
          f" {median(first) / median(floor):.2f}x the floor; first result - kernel_info_reply:"
          f" {median(first) - median(info):.0f} ms")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)};"
          f" after: {' '.join(f'{x:.2f}' for x in load_after)}")


if __name__ == "__main__":
    main()
