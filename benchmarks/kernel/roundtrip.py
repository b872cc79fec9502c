"""Kernel round-trip benchmark: how long a Jupyter client waits for the Labbook kernel, next to the floor.

In one run it measures
  * launch -> kernel_info_reply: from starting the kernel process to the first kernel_info_reply
    (median over several launches);
  * the round trip of a cell, from sending execute_request to having both the execute_reply and the
    `idle` status, for `1 + 1` and for `System.out.println("x");` (median and p90 over many cells, after
    a warm-up);
  * the floor: the same snippets evaluated by JShell in-process (JShellFloor, a Java program run from here),
    and the ratio kernel / floor.
Optionally the same figures for another Java kernel installed on this machine (--compare NAME), with the
same client.

The client is deliberately thin: plain ZeroMQ sockets and jupyter_client's Session for signing, one
thread, no event loop, so its own cost stays well under a millisecond and the figures are the kernel's.

Run it with Debian's Python (it has jupyter_client): benchmarks/kernel/run.sh builds what it needs and
calls  /usr/bin/python3 benchmarks/kernel/roundtrip.py --jar dist/target/labbook.jar \
           --floor-classpath benchmarks/target/classes
"""
import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.session import Session

# Each snippet with what the kernel must answer, so a broken kernel cannot pass as a fast one.
SNIPPETS = [
    {"name": "expression", "code": "1 + 1", "result": "2", "stdout": ""},
    {"name": "println", "code": 'System.out.println("x");', "result": None, "stdout": "x\n"},
]
REPLY_TIMEOUT_SECONDS = 60
# ZeroMQ retries a refused connection every 100 ms by default; while the kernel is still starting, that
# timer, not the kernel, would decide when the first request gets through. Retry every 5 ms instead.
RECONNECT_INTERVAL_MS = 5


def percentile90(samples):
    """Nearest-rank 90th percentile (the same definition JShellFloor uses)."""
    ordered = sorted(samples)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


class Connection:
    """Shell and iopub sockets to one kernel, used from this thread only."""

    def __init__(self, manager):
        info = manager.get_connection_info()
        self.session = Session(key=manager.session.key, signature_scheme=manager.session.signature_scheme,
                               username="roundtrip")
        self.context = zmq.Context()
        self.shell = self._socket(zmq.DEALER, info, "shell_port")
        self.iopub = self._socket(zmq.SUB, info, "iopub_port")
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)

    def _socket(self, kind, info, port_key):
        socket = self.context.socket(kind)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.RECONNECT_IVL, RECONNECT_INTERVAL_MS)
        socket.connect(f"{info['transport']}://{info['ip']}:{info[port_key]}")
        return socket

    def send(self, msg_type, content):
        message = self.session.msg(msg_type, content)
        self.session.send(self.shell, message)
        return message["header"]["msg_id"]

    def wait_for_reply(self, msg_id, timeout=REPLY_TIMEOUT_SECONDS, want_idle=True):
        """Reads shell and iopub until the reply to msg_id (and, if wanted, its idle status) arrived.

        Returns the reply and the iopub messages of that request, in order.
        """
        reply, idle, published = None, not want_idle, []
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            remaining_ms = (deadline - time.monotonic()) * 1000
            if remaining_ms <= 0:
                raise TimeoutError(f"no {'reply' if reply is None else 'idle status'} within {timeout} s")
            for socket, _ in self.poller.poll(remaining_ms):
                _, message = self.session.recv(socket, mode=zmq.NOBLOCK)
                if message is None or message["parent_header"].get("msg_id") != msg_id:
                    continue
                if socket is self.shell:
                    reply = message
                else:
                    published.append(message)
                    if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                        idle = True
        return reply, published

    def wait_until_iopub_subscribed(self):
        """A SUB socket misses what is published before its subscription reaches the kernel: ask until the
        kernel's busy/idle around a kernel_info request shows up on iopub."""
        for _ in range(200):
            msg_id = self.send("kernel_info_request", {})
            try:
                self.wait_for_reply(msg_id, timeout=0.5)
                return
            except TimeoutError:
                continue
        raise TimeoutError("the kernel never published on iopub")

    def close(self):
        self.context.destroy(linger=0)


def start(kernel_name):
    manager = KernelManager(kernel_name=kernel_name)
    manager.start_kernel()
    return manager, Connection(manager)


def stop(manager, connection):
    connection.close()
    manager.shutdown_kernel(now=False)


def launch_times_ms(kernel_name, launches):
    times = []
    for _ in range(launches):
        started = time.perf_counter()
        manager, connection = start(kernel_name)
        msg_id = connection.send("kernel_info_request", {})
        reply, _ = connection.wait_for_reply(msg_id, want_idle=False)
        times.append((time.perf_counter() - started) * 1000)
        if reply["content"].get("status") != "ok":
            raise RuntimeError(f"kernel_info_reply: {reply['content']}")
        stop(manager, connection)
    return times


def execute(connection, snippet):
    content = {"code": snippet["code"], "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    started = time.perf_counter()
    msg_id = connection.send("execute_request", content)
    reply, published = connection.wait_for_reply(msg_id)
    elapsed_ms = (time.perf_counter() - started) * 1000
    check_answer(snippet, reply, published)
    return elapsed_ms


def check_answer(snippet, reply, published):
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{snippet['code']!r} failed: {reply['content']}")
    stdout = "".join(m["content"]["text"] for m in published
                     if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
    results = [m["content"]["data"].get("text/plain") for m in published if m["msg_type"] == "execute_result"]
    expected_results = [] if snippet["result"] is None else [snippet["result"]]
    if stdout != snippet["stdout"] or results != expected_results:
        raise RuntimeError(f"{snippet['code']!r} answered stdout {stdout!r} and results {results!r}")


def round_trips_ms(kernel_name, cells, warmup):
    manager, connection = start(kernel_name)
    try:
        connection.wait_until_iopub_subscribed()
        for _ in range(warmup):
            for snippet in SNIPPETS:
                execute(connection, snippet)
        return {s["name"]: [execute(connection, s) for _ in range(cells)] for s in SNIPPETS}
    finally:
        stop(manager, connection)


def measure_kernel(kernel_name, launches, cells, warmup):
    launches_ms = launch_times_ms(kernel_name, launches)
    cells_ms = round_trips_ms(kernel_name, cells, warmup)
    return {
        "kernel": kernel_name,
        "argv": KernelSpecManager().get_kernel_spec(kernel_name).argv,
        "launch_ms": {"median": statistics.median(launches_ms), "samples": launches_ms},
        **{name: {"median_ms": statistics.median(ms), "p90_ms": percentile90(ms), "samples": len(ms)}
           for name, ms in cells_ms.items()},
    }


def measure_floor(java, classpath, cells, warmup):
    """Runs JShellFloor; adds the wall time from starting its JVM to JShell's first evaluation."""
    command = [java, "-Djava.awt.headless=true", "-cp", classpath,
               "org.labbook.benchmarks.kernel.JShellFloor", str(cells), str(warmup)]
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        first_line = process.stderr.readline()
        ready_ms = (time.perf_counter() - started) * 1000
        output, errors = process.communicate()
    if process.returncode != 0 or first_line.strip() != "ready":
        raise RuntimeError(f"JShellFloor failed ({process.returncode}): {first_line}{errors}")
    floor = json.loads(output.strip().splitlines()[-1])
    floor["process_ready_ms"] = ready_ms
    return floor


def other_java_kernels():
    """Installed Java kernels that are not a Labbook kernel (any kernelspec whose command runs labbook)."""
    specs = KernelSpecManager().get_all_specs()
    return sorted(name for name, spec in specs.items()
                  if spec["spec"].get("language", "").lower() == "java"
                  and "labbook" not in " ".join(spec["spec"].get("argv", [])).lower())


def print_table(floor, kernels, cells, warmup, launches):
    print()
    print(f"Kernel round trip on {os.cpu_count()} CPUs, Java {floor['java']}; "
          f"{cells} cells per snippet after {warmup} warm-up cells of each; {launches} launches.")
    print("Round trip: execute_request sent -> execute_reply and idle status received. "
          "Floor: the same snippet by JShell in-process.")
    print()
    width = max(len(k["kernel"]) for k in kernels)
    header = f"{'kernel':<{width}} {'measure':<30} {'median':>10} {'p90':>10} {'floor':>10} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for k in kernels:
        launch = k["launch_ms"]["median"]
        print(f"{k['kernel']:<{width}} {'launch -> kernel_info_reply':<30} {launch:>7.0f} ms {'':>10} "
              f"{floor['process_ready_ms']:>7.0f} ms {launch / floor['process_ready_ms']:>6.2f}x")
        for snippet in SNIPPETS:
            name, kernel_figures, floor_figures = snippet["name"], k[snippet["name"]], floor[snippet["name"]]
            print(f"{k['kernel']:<{width}} {snippet['code']:<30} {kernel_figures['median_ms']:>7.1f} ms "
                  f"{kernel_figures['p90_ms']:>7.1f} ms {floor_figures['median_ms']:>7.1f} ms "
                  f"{kernel_figures['median_ms'] / floor_figures['median_ms']:>6.2f}x")
    print()
    print(f"Launch floor: starting a JVM, building JShell and evaluating a first snippet "
          f"({floor['startup_ms']:.0f} ms of it inside the JVM); one sample.")
    for k in kernels:
        print(f"{k['kernel']}: {' '.join(k['argv'])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", required=True, help="the labbook.jar to install as the kernel")
    parser.add_argument("--floor-classpath", required=True, help="where org.labbook.benchmarks.kernel.JShellFloor is")
    parser.add_argument("--cells", type=int, default=60, help="measured cells per snippet (at least 50)")
    parser.add_argument("--warmup", type=int, default=15, help="warm-up cells per snippet")
    parser.add_argument("--launches", type=int, default=5, help="kernel launches for the start-up figure")
    parser.add_argument("--compare", action="append", default=None,
                        help="another installed kernel to measure the same way (default: any other Java "
                             "kernel found; pass 'none' for none)")
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()
    if args.cells < 50:
        parser.error("--cells must be at least 50 for a meaningful p90")

    java = shutil.which("java")
    work = tempfile.mkdtemp(prefix="labbook-roundtrip.")
    try:
        # A throwaway kernelspec for this jar, so nothing the user installed is measured by mistake.
        ours = "labbook-roundtrip"
        subprocess.run([java, "-jar", os.path.abspath(args.jar), "install", "--prefix", work, "--name", ours],
                       check=True, stdout=subprocess.DEVNULL)
        os.environ["JUPYTER_PATH"] = os.path.join(work, "share", "jupyter")
        os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(work, "runtime")
        os.environ["LABBOOK_STORE"] = os.path.join(work, "store")
        os.makedirs(os.environ["LABBOOK_STORE"])
        compare = other_java_kernels() if args.compare is None else [c for c in args.compare if c != "none"]

        print("Measuring the floor (in-process JShell)...", file=sys.stderr)
        floor = measure_floor(java, args.floor_classpath, args.cells, args.warmup)
        kernels = []
        for name in [ours, *compare]:
            print(f"Measuring kernel {name}...", file=sys.stderr)
            kernels.append(measure_kernel(name, args.launches, args.cells, args.warmup))
        print_table(floor, kernels, args.cells, args.warmup, args.launches)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump({"floor": floor, "kernels": kernels}, f, indent=2)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
