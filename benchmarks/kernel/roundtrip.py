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

The client is deliberately thin, so the figures are the kernel's: plain ZeroMQ sockets, one thread, no
event loop, and a minimal wire codec (every message's HMAC-SHA256 signature checked, JSON parsed only for
the messages of the request being timed). jupyter_client's own Session costs about 2 ms of CPU per cell,
which on two cores slows the kernel it measures; this client's CPU time per cell is printed with the
figures.

Run it with Debian's Python (it has jupyter_client): benchmarks/kernel/run.sh builds what it needs and
calls  /usr/bin/python3 benchmarks/kernel/roundtrip.py --jar dist/target/labbook.jar \
           --floor-classpath benchmarks/target/classes
"""
import argparse
import datetime
import hashlib
import hmac
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import zmq
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager

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


DELIMITER = b"<IDS|MSG>"


class Wire:
    """The Jupyter message format, as much as this client needs: signed requests, checked replies."""

    def __init__(self, key, signature_scheme):
        if signature_scheme != "hmac-sha256":
            raise ValueError(f"unsupported signature scheme {signature_scheme!r}")
        self.key = key
        self.session = uuid.uuid4().hex
        self.sent = 0

    def _sign(self, frames):
        if not self.key:
            return b""
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for frame in frames:
            mac.update(frame)
        return mac.hexdigest().encode()

    def request(self, msg_type, content):
        """The frames of a new request and its msg_id."""
        self.sent += 1
        msg_id = f"{self.session}_{self.sent}"
        header = {"msg_id": msg_id, "session": self.session, "username": "roundtrip", "msg_type": msg_type,
                  "date": datetime.datetime.now(datetime.timezone.utc).isoformat(), "version": "5.3"}
        frames = [json.dumps(header).encode(), b"{}", b"{}", json.dumps(content).encode()]
        return msg_id, [DELIMITER, self._sign(frames), *frames]

    def parse(self, frames, msg_id):
        """The message as a dict if it answers msg_id, else None; a wrong signature is an error."""
        start = frames.index(DELIMITER)
        signature, header, parent, metadata, content = frames[start + 1:start + 6]
        if not hmac.compare_digest(self._sign((header, parent, metadata, content)), signature):
            raise RuntimeError("a message from the kernel has a wrong signature")
        parent = json.loads(parent)
        if parent.get("msg_id") != msg_id:
            return None
        header = json.loads(header)
        return {"header": header, "parent_header": parent, "msg_type": header["msg_type"],
                "content": json.loads(content)}


class Connection:
    """Shell and iopub sockets to one kernel, used from this thread only."""

    def __init__(self, manager):
        info = manager.get_connection_info()
        self.wire = Wire(manager.session.key, manager.session.signature_scheme)
        self.context = zmq.Context()
        self.shell = self._socket(zmq.DEALER, info, "shell_port")
        self.iopub = self._socket(zmq.SUB, info, "iopub_port")
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")

    def _socket(self, kind, info, port_key):
        socket = self.context.socket(kind)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.RECONNECT_IVL, RECONNECT_INTERVAL_MS)
        socket.connect(f"{info['transport']}://{info['ip']}:{info[port_key]}")
        return socket

    def send(self, msg_type, content):
        msg_id, frames = self.wire.request(msg_type, content)
        self.shell.send_multipart(frames)
        return msg_id

    def wait_for_reply(self, msg_id, timeout=REPLY_TIMEOUT_SECONDS, want_idle=True):
        """Waits for the reply to msg_id on shell, then (if wanted) for its idle status on iopub.

        The kernel sends the reply before the idle status, so reading the two sockets one after the other
        needs no poller (whose every call costs this client more CPU than the rest of the cell's handling).
        Returns the reply and the iopub messages of that request, in order.
        """
        deadline = time.monotonic() + timeout
        reply = self._receive(self.shell, msg_id, deadline, lambda message: True)
        published = []
        if want_idle:
            def idle(message):
                published.append(message)
                return message["msg_type"] == "status" and message["content"]["execution_state"] == "idle"
            self._receive(self.iopub, msg_id, deadline, idle)
        return reply, published

    def _receive(self, socket, msg_id, deadline, done):
        """Reads the socket until a message answering msg_id satisfies done(message); returns that message."""
        while True:
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                raise TimeoutError(f"nothing answered {msg_id} on {'shell' if socket is self.shell else 'iopub'} "
                                   f"in time")
            socket.setsockopt(zmq.RCVTIMEO, remaining_ms)
            try:
                frames = socket.recv_multipart()
            except zmq.Again:
                continue
            message = self.wire.parse(frames, msg_id)
            if message is not None and done(message):
                return message

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
    """The reply must be ok; the snippet's "stdout" and "result" (None: no execute_result), when given, must
    be what the kernel published."""
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{snippet['code']!r} failed: {reply['content']}")
    stdout = "".join(m["content"]["text"] for m in published
                     if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
    results = [m["content"]["data"].get("text/plain") for m in published if m["msg_type"] == "execute_result"]
    if "stdout" in snippet and stdout != snippet["stdout"]:
        raise RuntimeError(f"{snippet['code']!r} printed {stdout!r}, expected {snippet['stdout']!r}")
    if "result" in snippet and results != ([] if snippet["result"] is None else [snippet["result"]]):
        raise RuntimeError(f"{snippet['code']!r} answered {results!r}, expected {snippet['result']!r}")


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
    """Kernel and floor take turns, cell by cell.

    Returns {snippet: (kernel samples, floor samples, this client's CPU milliseconds per kernel cell)}.
    """
    manager, connection = start(kernel_name)
    try:
        connection.wait_until_iopub_subscribed()
        figures = {}
        for snippet in SNIPPETS:
            for _ in range(warmup):
                execute(connection, snippet)
                floor.execute(snippet)
            kernel_ms, floor_ms, client_cpu_s = [], [], 0.0
            for _ in range(cells):
                cpu_before = time.process_time()
                kernel_ms.append(execute(connection, snippet))
                client_cpu_s += time.process_time() - cpu_before
                floor_ms.append(floor.execute(snippet))
            figures[snippet["name"]] = (kernel_ms, floor_ms, client_cpu_s * 1000 / cells)
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
            **{name: {"kernel": summary(kernel_ms), "floor": summary(floor_ms), "client_cpu_ms": client_cpu}
               for name, (kernel_ms, floor_ms, client_cpu) in figures.items()},
        })
    return {"kernel": kernel_name, "argv": argv,
            "launch_ms": {"median": statistics.median(launches_ms), "samples": launches_ms}, "passes": passes}


def install_throwaway_kernel(java, jar, work, name):
    """Installs a kernelspec for this jar under work and points Jupyter and the kernel's store there, so
    nothing the user installed is measured by mistake and no benchmark run lands in the user's store."""
    subprocess.run([java, "-jar", os.path.abspath(jar), "install", "--prefix", work, "--name", name],
                   check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(work, "share", "jupyter")
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(work, "runtime")
    os.environ["LABBOOK_STORE"] = os.path.join(work, "store")
    os.makedirs(os.environ["LABBOOK_STORE"], exist_ok=True)


def alternate(connections, cell, warmup, cells):
    """Sends the same cells to several kernels, one after the other, rotating which goes first so none always
    runs right after another; all meet the same moments of a shared machine. connections maps a label to a
    Connection, cell(i) gives the i-th snippet. Returns each label's round trips (ms) after the warm-up."""
    labels = list(connections)
    samples = {label: [] for label in labels}
    for i in range(warmup + cells):
        snippet = cell(i)
        first = i % len(labels)
        for label in labels[first:] + labels[:first]:
            elapsed = execute(connections[label], snippet)
            if i >= warmup:
                samples[label].append(elapsed)
    return samples


def other_java_kernels(ours):
    """Installed Java kernels that are not a Labbook kernel (ours, or any kernelspec whose command runs labbook)."""
    specs = KernelSpecManager().get_all_specs()
    return sorted(name for name, spec in specs.items()
                  if name != ours and spec["spec"].get("language", "").lower() == "java"
                  and "labbook" not in " ".join(spec["spec"].get("argv", [])).lower())


def print_table(kernels, cells, warmup, launches, java):
    print()
    print(f"Kernel round trip on {os.cpu_count()} CPUs, {java_version(java)}; {cells} cells per snippet after "
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
        for run in k["passes"]:
            cpu = ", ".join(f"{s['code']} {run[s['name']]['client_cpu_ms']:.2f} ms" for s in SNIPPETS)
            print(f"This client's own CPU per {k['kernel']} cell ({run['floor']} pass): {cpu}.")
    for k in kernels:
        print(f"{k['kernel']}: {' '.join(k['argv'])}")
        for run in k["passes"]:
            print(f"  floor '{run['floor']}': java {' '.join(run['floor_jvm_options'])}")


def java_version(java):
    """The first line of `java -version` and the path, e.g. 'openjdk version "25.0.3" 2025-04-15 (/usr/.../java)'."""
    output = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    return f"{output.splitlines()[0] if output else 'unknown Java'} ({java})"


def java_argument(parser):
    """--java: the java that runs the kernel (the kernelspec runs the java that installed it) and the floor."""
    parser.add_argument("--java", default=shutil.which("java"),
                        help="the java to run the kernel and the floor with (default: java on PATH)")


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
    java_argument(parser)
    args = parser.parse_args()
    if args.cells < 50:
        parser.error("--cells must be at least 50 for a meaningful p90")

    java = args.java
    print(f"Running on {java_version(java)}", file=sys.stderr)
    work = tempfile.mkdtemp(prefix="labbook-roundtrip.")
    try:
        ours = "labbook-roundtrip"
        install_throwaway_kernel(java, args.jar, work, ours)
        compare = other_java_kernels(ours) if args.compare is None else [c for c in args.compare if c != "none"]

        headless = ["-Djava.awt.headless=true"]
        kernels = []
        for name in [ours, *compare]:
            print(f"Measuring kernel {name}...", file=sys.stderr)
            # Ours is measured against both floors; another kernel's JVM options would not be comparable.
            floors = ((lambda argv: [("default", headless), ("kernel options", jvm_options(argv))])
                      if name == ours else (lambda argv: [("default", headless)]))
            kernels.append(measure_kernel(name, java, args.floor_classpath, args.launches, args.cells,
                                          args.warmup, floors))
        print_table(kernels, args.cells, args.warmup, args.launches, java)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as f:
                json.dump({"java": java_version(java), "kernels": kernels}, f, indent=2)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
