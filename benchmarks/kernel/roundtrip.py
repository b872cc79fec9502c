"""Kernel round-trip benchmark: how long a Jupyter client waits for the Labbook kernel, next to the floor.

In one run it measures
  * launch -> kernel_info_reply: from starting the kernel process to the first kernel_info_reply
    (median over several launches);
  * the round trip of a cell, from sending execute_request to having both the execute_reply and the
    `idle` status, for `1 + 1` and for `System.out.println("x");` (median and p90 over many cells, after
    a warm-up);
  * the floor: the same snippets evaluated by JShell in-process (JShellFloor, a Java program run from here),
    and the ratio kernel / floor. Kernel and floor take turns cell by cell, so a shared, noisy machine slows
    both alike. The floor runs twice: in a JVM with default options (JShell as the JDK runs it) and in a JVM
    with the kernel's own options from its kernelspec (so JVM tuning of the kernel is not counted as the
    kernel's merit).
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
    """Nearest-rank 90th percentile."""
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


class Floor:
    """A JShellFloor process: JShell in its own JVM, evaluating one named snippet per request."""

    def __init__(self, java, jvm_options, classpath):
        self.options = jvm_options
        command = [java, *jvm_options, "-cp", classpath, "org.labbook.benchmarks.kernel.JShellFloor"]
        started = time.perf_counter()
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        first_line = self.process.stderr.readline()
        # Starting a JVM, building JShell and evaluating a first snippet: the launch floor.
        self.ready_ms = (time.perf_counter() - started) * 1000
        if first_line.strip() != "ready":
            raise RuntimeError(f"JShellFloor failed: {first_line}{self.process.stderr.read()}")

    def execute(self, snippet):
        self.process.stdin.write(snippet["name"] + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"JShellFloor failed on {snippet['code']!r}: {self.process.stderr.read()}")
        return float(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def round_trips_ms(kernel_name, floor, cells, warmup):
    """Kernel and floor take turns, cell by cell; returns {snippet: (kernel samples, floor samples)}."""
    manager, connection = start(kernel_name)
    try:
        connection.wait_until_iopub_subscribed()
        figures = {}
        for snippet in SNIPPETS:
            for _ in range(warmup):
                execute(connection, snippet)
                floor.execute(snippet)
            kernel_ms, floor_ms = [], []
            for _ in range(cells):
                kernel_ms.append(execute(connection, snippet))
                floor_ms.append(floor.execute(snippet))
            figures[snippet["name"]] = (kernel_ms, floor_ms)
        return figures
    finally:
        stop(manager, connection)


def summary(samples):
    return {"median_ms": statistics.median(samples), "p90_ms": percentile90(samples), "samples": len(samples)}


def jvm_options(argv):
    """The options a kernelspec passes to java: everything between the java command and -jar/-cp/the class."""
    options = []
    for arg in argv[1:]:
        if arg in ("-jar", "-cp", "-classpath", "--class-path") or not arg.startswith("-"):
            break
        options.append(arg)
    return options


def measure_kernel(kernel_name, java, floor_classpath, launches, cells, warmup, floor_options):
    """Launch times, then one pass per floor JVM configuration, each with a fresh kernel and a fresh floor."""
    argv = KernelSpecManager().get_kernel_spec(kernel_name).argv
    launches_ms = launch_times_ms(kernel_name, launches)
    passes = []
    for label, options in floor_options(argv):
        floor = Floor(java, options, floor_classpath)
        try:
            figures = round_trips_ms(kernel_name, floor, cells, warmup)
        finally:
            floor.close()
        passes.append({
            "floor": label, "floor_jvm_options": options, "floor_ready_ms": floor.ready_ms,
            **{name: {"kernel": summary(kernel_ms), "floor": summary(floor_ms)}
               for name, (kernel_ms, floor_ms) in figures.items()},
        })
    return {"kernel": kernel_name, "argv": argv,
            "launch_ms": {"median": statistics.median(launches_ms), "samples": launches_ms}, "passes": passes}


def other_java_kernels():
    """Installed Java kernels that are not a Labbook kernel (any kernelspec whose command runs labbook)."""
    specs = KernelSpecManager().get_all_specs()
    return sorted(name for name, spec in specs.items()
                  if spec["spec"].get("language", "").lower() == "java"
                  and "labbook" not in " ".join(spec["spec"].get("argv", [])).lower())


def print_table(kernels, cells, warmup, launches):
    print()
    print(f"Kernel round trip on {os.cpu_count()} CPUs, Java {java_version()}; {cells} cells per snippet after "
          f"{warmup} warm-up cells of each; {launches} launches.")
    print("Round trip: execute_request sent -> execute_reply and idle status received. Floor: the same snippet "
          "by JShell in-process, alternating with the kernel cell by cell.")
    print()
    width = max(len(k["kernel"]) for k in kernels)
    header = (f"{'kernel':<{width}} {'floor JVM':<16} {'measure':<30} {'median':>10} {'p90':>10} "
              f"{'floor':>10} {'ratio':>7}")
    print(header)
    print("-" * len(header))
    for k in kernels:
        for run in k["passes"]:
            launch = k["launch_ms"]["median"]
            print(f"{k['kernel']:<{width}} {run['floor']:<16} {'launch -> kernel_info_reply':<30} "
                  f"{launch:>7.0f} ms {'':>10} {run['floor_ready_ms']:>7.0f} ms "
                  f"{launch / run['floor_ready_ms']:>6.2f}x")
            for snippet in SNIPPETS:
                ours, floor = run[snippet["name"]]["kernel"], run[snippet["name"]]["floor"]
                print(f"{k['kernel']:<{width}} {run['floor']:<16} {snippet['code']:<30} "
                      f"{ours['median_ms']:>7.1f} ms {ours['p90_ms']:>7.1f} ms {floor['median_ms']:>7.1f} ms "
                      f"{ours['median_ms'] / floor['median_ms']:>6.2f}x")
    print()
    print("Launch floor: starting a JVM, building JShell and evaluating a first snippet; one sample per pass.")
    for k in kernels:
        print(f"{k['kernel']}: {' '.join(k['argv'])}")
        for run in k["passes"]:
            print(f"  floor '{run['floor']}': java {' '.join(run['floor_jvm_options'])}")


def java_version():
    output = subprocess.run([shutil.which("java"), "-version"], capture_output=True, text=True).stderr
    return output.splitlines()[0] if output else "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", required=True, help="the labbook.jar to install as the kernel")
    parser.add_argument("--floor-classpath", required=True, help="where org.labbook.benchmarks.kernel.JShellFloor is")
    parser.add_argument("--cells", type=int, default=60, help="measured cells per snippet (at least 50)")
    parser.add_argument("--warmup", type=int, default=30, help="warm-up cells per snippet")
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

        headless = ["-Djava.awt.headless=true"]
        kernels = []
        for name in [ours, *compare]:
            print(f"Measuring kernel {name}...", file=sys.stderr)
            # Ours is measured against both floors; another kernel's JVM options would not be comparable.
            floors = ((lambda argv: [("default", headless), ("kernel options", jvm_options(argv))])
                      if name == ours else (lambda argv: [("default", headless)]))
            kernels.append(measure_kernel(name, java, args.floor_classpath, args.launches, args.cells,
                                          args.warmup, floors))
        print_table(kernels, args.cells, args.warmup, args.launches)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump({"kernels": kernels}, f, indent=2)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
