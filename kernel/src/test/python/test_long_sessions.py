"""Hostile clients and long sessions over real ZeroMQ sockets, against the kernel the kernelspec starts.

A plain TCP client claiming a huge frame and a replayed signed message must not stop the kernel serving others;
a cell printing 100 MB must reach a real client byte for byte; a long cell under a small heap must finish.
"""
import hashlib
import os
import socket
import struct
import time
import unittest

import zmq
from jupyter_client.manager import start_new_kernel

KERNEL_NAME = os.environ.get("LABBOOK_KERNEL_NAME", "labbook")
TIMEOUT = 30
BOOT_TIMEOUT = 120
BIG_TIMEOUT = 600


def start(env=None):
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, env=env) if env else start_new_kernel(kernel_name=KERNEL_NAME)
    # kernel_info is answered while JShell still boots; wait for it once so the timeouts below mean the kernel.
    kc.execute_interactive("0", timeout=BOOT_TIMEOUT, output_hook=lambda msg: None)
    return km, kc


def run_collecting(kc, code, timeout):
    """Runs code; returns the reply, stdout as bytes and the number of stream messages."""
    chunks = []
    streams = [0]

    def keep(msg):
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            chunks.append(msg["content"]["text"].encode("utf-8"))
            streams[0] += 1
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=keep)
    return reply, b"".join(chunks), streams[0]


class HostileClientTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def endpoint(self, port_name):
        info = self.km.get_connection_info()
        return info["ip"], info[port_name]

    def claim_huge_frame(self, port_name, size):
        """A TCP connection that completes the ZMTP 3.0 NULL handshake, then claims a frame of `size` bytes."""
        connection = socket.create_connection(self.endpoint(port_name), timeout=TIMEOUT)
        greeting = b"\xff" + b"\x00" * 7 + b"\x01\x7f" + b"\x03\x00" + b"NULL".ljust(20, b"\x00") + b"\x00" * 32
        ready = b"\x05READY" + bytes([11]) + b"Socket-Type" + struct.pack(">I", 6) + b"DEALER"
        connection.sendall(greeting + bytes([0x04, len(ready)]) + ready + b"\x02" + struct.pack(">Q", size))
        return connection

    def assert_closed_by_kernel(self, connection):
        try:
            while connection.recv(4096):
                pass  # the kernel's greeting and READY; then nothing until it closes
        except ConnectionResetError:
            pass
        except socket.timeout:
            self.fail("the kernel kept a connection claiming a huge frame open")
        finally:
            connection.close()

    def assert_kernel_info_answered(self):
        session = self.km.session
        shell = zmq.Context.instance().socket(zmq.DEALER)
        shell.linger = 0
        self.addCleanup(shell.close)
        ip, port = self.endpoint("shell_port")
        shell.connect("tcp://%s:%s" % (ip, port))
        request = session.msg("kernel_info_request", {})
        session.send(shell, request)
        self.assertTrue(shell.poll(TIMEOUT * 1000), "no kernel_info_reply within %d s" % TIMEOUT)
        _, reply = session.feed_identities(shell.recv_multipart())
        reply = session.deserialize(reply)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        self.assertEqual(reply["parent_header"]["msg_id"], request["header"]["msg_id"])

    def test_frames_claiming_gigabytes_close_their_connections_and_kernel_info_is_still_answered(self):
        connections = [self.claim_huge_frame(port, 2 ** 31) for port in ("shell_port", "control_port") * 3]
        for connection in connections:
            self.assert_closed_by_kernel(connection)
        self.assert_kernel_info_answered()
        after = self.kc.execute_interactive("40 + 2", timeout=TIMEOUT, output_hook=lambda m: None)
        self.assertEqual(after["content"]["status"], "ok")

    def test_a_signed_message_replayed_verbatim_is_dropped(self):
        session = self.km.session
        shell = zmq.Context.instance().socket(zmq.DEALER)
        shell.linger = 0
        self.addCleanup(shell.close)
        ip, port = self.endpoint("shell_port")
        shell.connect("tcp://%s:%s" % (ip, port))
        frames = session.serialize(session.msg("execute_request", {
            "code": "System.out.println(\"ran\");", "silent": False, "store_history": False,
            "user_expressions": {}, "allow_stdin": False}))
        shell.send_multipart(frames)
        self.assertTrue(shell.poll(TIMEOUT * 1000), "the first copy is answered")
        shell.recv_multipart()
        shell.send_multipart(frames)
        self.assertFalse(shell.poll(1000), "a replayed message must not be answered")
        self.assert_kernel_info_answered()

    def test_ten_thousand_lines_arrive_in_order_in_few_messages(self):
        reply, out, messages = run_collecting(
            self.kc, 'for (int i = 0; i < 10000; i++) System.out.println("line " + i);', BIG_TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(out, "".join("line %d\n" % i for i in range(10000)).encode())
        self.assertLess(messages, 1000)

    def test_a_hundred_megabytes_arrive_every_byte_in_order(self):
        lines = 1 << 20
        reply, out, _ = run_collecting(
            self.kc, 'String pad = "x".repeat(91);\n'
                     'for (int i = 0; i < %d; i++) System.out.println(String.format("%%08d", i) + pad);' % lines,
            BIG_TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(len(out), 100 * lines)
        expected = hashlib.sha256()
        for i in range(lines):
            expected.update(b"%08d" % i + b"x" * 91 + b"\n")
        self.assertEqual(hashlib.sha256(out).hexdigest(), expected.hexdigest())


class SmallHeapTests(unittest.TestCase):
    """A kernel with a heap far smaller than what one cell prints and displays."""

    def test_a_long_cell_with_many_prints_and_display_updates_finishes_under_a_small_heap(self):
        env = dict(os.environ, JAVA_TOOL_OPTIONS="-Xmx%s" % os.environ.get("LABBOOK_SMALL_HEAP", "160m"))
        km, kc = start(env)
        try:
            # 100 MB printed and 5,000 display updates of 20 KB: 200 MB through a 160 MB heap.
            code = ('String pad = "x".repeat(91);\n'
                    'String id = display("frame 0");\n'
                    'for (int i = 0; i < 1_048_576; i++) {\n'
                    '    System.out.println(String.format("%08d", i) + pad);\n'
                    '    if (i % 200 == 0) updateDisplay(id, "frame " + i + " " + "y".repeat(20_000));\n'
                    '}\n'
                    '"done"')
            results = []
            lines = [0]
            updates = [0]

            def keep(msg):
                if msg["msg_type"] == "stream":
                    lines[0] += msg["content"]["text"].count("\n")
                elif msg["msg_type"] == "update_display_data":
                    updates[0] += 1
                elif msg["msg_type"] == "execute_result":
                    results.append(msg["content"]["data"]["text/plain"])
            reply = kc.execute_interactive(code, timeout=BIG_TIMEOUT, output_hook=keep)
            self.assertEqual(reply["content"]["status"], "ok", reply["content"])
            self.assertEqual(results, ["done"])
            self.assertEqual(lines[0], 1_048_576)
            self.assertEqual(updates[0], 5243)
            after = kc.execute_interactive("6 * 7", timeout=TIMEOUT, output_hook=lambda m: None)
            self.assertEqual(after["content"]["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
