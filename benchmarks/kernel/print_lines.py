"""Two builds of the kernel side by side: a cell printing many lines, received whole by the client.

Kernel A (--base) and kernel B (--jar) run at the same time and take turns; each cell prints --lines numbered
lines, and its round trip runs from the execute_request until the client has decoded every message of the cell
and its idle status. The client checks that every line arrived in order, and counts the stream messages.

Run it with Debian's Python (it has jupyter_client), after building both jars:
    /usr/bin/python3 benchmarks/kernel/print_lines.py --base main-labbook.jar --jar dist/target/labbook.jar
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from roundtrip import java_argument, java_version, install_throwaway_kernel, start, stop  # noqa: E402  (the same thin client)


def print_cell(connection, lines):
    """Runs the printing cell; returns (milliseconds, stream messages)."""
    code = f'for (int i = 0; i < {lines}; i++) System.out.println("line " + i);'
    content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    started = time.perf_counter()
    msg_id = connection.send("execute_request", content)
    reply, published = connection.wait_for_reply(msg_id)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"the cell failed: {reply['content']}")
    streams = [m for m in published if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"]
    text = "".join(m["content"]["text"] for m in streams)
    if text != "".join(f"line {i}\n" for i in range(lines)):
        raise RuntimeError("the client did not receive every line in order")
    return elapsed_ms, len(streams)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="kernel A: the labbook.jar to compare against")
    parser.add_argument("--jar", required=True, help="kernel B: the labbook.jar with the change")
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--cells", type=int, default=10, help="measured cells per kernel")
    parser.add_argument("--warmup", type=int, default=3)
    java_argument(parser)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="labbook-print-lines.")
    kernels = {}
    try:
        install_throwaway_kernel(args.java, args.base, work, "labbook-print-a")
        install_throwaway_kernel(args.java, args.jar, work, "labbook-print-b")
        print(f"On {java_version(args.java)}; {args.lines} lines a cell, {args.cells} cells per kernel after "
              f"{args.warmup} warm-up cells, alternating between A and B; load average {os.getloadavg()[0]:.1f}")
        for label in ("A", "B"):
            kernels[label] = start(f"labbook-print-{label.lower()}")
            kernels[label][1].wait_until_iopub_subscribed()
        samples = {"A": [], "B": []}
        messages = {"A": 0, "B": 0}
        for i in range(args.warmup + args.cells):
            order = ("A", "B") if i % 2 == 0 else ("B", "A")
            for label in order:
                elapsed, count = print_cell(kernels[label][1], args.lines)
                if i >= args.warmup:
                    samples[label].append(elapsed)
                    messages[label] = count
        a, b = statistics.median(samples["A"]), statistics.median(samples["B"])
        print(f"A (base): median {a:.1f} ms, {messages['A']} stream messages a cell")
        print(f"B (jar):  median {b:.1f} ms, {messages['B']} stream messages a cell")
        print(f"B / A: {b / a:.2f}x; load average {os.getloadavg()[0]:.1f}")
    finally:
        for manager, connection in kernels.values():
            stop(manager, connection)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
