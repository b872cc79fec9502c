"""Bad input and interrupts over real ZeroMQ sockets: the kernel drops or answers as the spec says, and stays up."""
import os
import signal
import time
import unittest

import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session
from jupyter_client.utils import run_sync

KERNEL_NAME = os.environ.get("LABBOOK_KERNEL_NAME", "labbook")
TIMEOUT = 30
BOOT_TIMEOUT = 120


class BadInputTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL_NAME)
        # kernel_info is answered while JShell still boots; wait for it once so the timeouts below mean the kernel.
        cls.kc.execute_interactive("0", timeout=BOOT_TIMEOUT, output_hook=lambda msg: None)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def raw_shell(self):
        """A DEALER socket of our own, so we can send frames the client library would never produce."""
        socket = zmq.Context.instance().socket(zmq.DEALER)
        socket.linger = 0
        info = self.km.get_connection_info()
        socket.connect("%s://%s:%s" % (info["transport"], info["ip"], info["shell_port"]))
        self.addCleanup(socket.close)
        return socket

    def assert_kernel_info_still_answered(self, socket=None):
        session = self.km.session
        socket = socket or self.raw_shell()
        request = session.msg("kernel_info_request", {})
        session.send(socket, request)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if socket.poll(1000):
                _, reply = session.feed_identities(socket.recv_multipart())
                reply = session.deserialize(reply)
                if reply["parent_header"].get("msg_id") == request["header"]["msg_id"]:
                    self.assertEqual(reply["msg_type"], "kernel_info_reply")
                    self.assertEqual(reply["content"]["status"], "ok")
                    return
        self.fail("no kernel_info_reply within %d s" % TIMEOUT)

    def test_wrong_signature_is_dropped_and_kernel_keeps_serving(self):
        socket = self.raw_shell()
        forger = Session(key=b"not-the-kernel-key")
        forger.send(socket, forger.msg("execute_request", {"code": "System.exit(3);", "silent": False}))
        self.assertFalse(socket.poll(500), "a forged message must not be answered")
        self.assert_kernel_info_still_answered(socket)

    def test_truncated_multipart_is_dropped_and_kernel_keeps_serving(self):
        socket = self.raw_shell()
        session = self.km.session
        frames = session.serialize(session.msg("kernel_info_request", {}))
        socket.send_multipart(frames[:3])
        self.assertFalse(socket.poll(500), "a truncated message must not be answered")
        self.assert_kernel_info_still_answered(socket)

    def test_garbage_json_is_dropped_and_kernel_keeps_serving(self):
        socket = self.raw_shell()
        session = self.km.session
        garbage = [b"{not json", b"{}", b"{}", b"{}"]
        signature = session.sign(garbage)
        socket.send_multipart([b"<IDS|MSG>", signature] + garbage)
        self.assertFalse(socket.poll(500), "garbage must not be answered")
        self.assert_kernel_info_still_answered(socket)

    def test_unknown_msg_type_is_not_answered_and_kernel_keeps_serving(self):
        socket = self.raw_shell()
        session = self.km.session
        session.send(socket, session.msg("no_such_request", {}))
        self.assertFalse(socket.poll(500), "the spec lets a kernel leave unknown requests unanswered")
        self.assert_kernel_info_still_answered(socket)

    def test_interrupt_request_stops_an_endless_loop_and_kernel_still_works(self):
        msg_id = self.kc.execute('{ System.out.println("looping"); while (true) { } }')
        self.wait_for_stream(msg_id)
        reply = self.stop_loop(msg_id)
        self.assertIn(reply["content"]["status"], ("error", "aborted"))

        after = self.kc.execute_interactive("20 + 22", timeout=TIMEOUT, output_hook=lambda m: None)
        self.assertEqual(after["content"]["status"], "ok")

    def test_sigint_stops_an_endless_loop_and_kernel_still_works(self):
        msg_id = self.kc.execute('{ System.out.println("spinning"); while (true) { } }')
        self.wait_for_stream(msg_id)
        os.kill(self.km.provisioner.pid, signal.SIGINT)
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertTrue(self.km.is_alive())

        after = self.kc.execute_interactive("1 + 1", timeout=TIMEOUT, output_hook=lambda m: None)
        self.assertEqual(after["content"]["status"], "ok")

    def test_interrupt_ends_a_sleep_and_keeps_the_session(self):
        self.kc.execute_interactive("long turns = 0;", timeout=TIMEOUT, output_hook=lambda m: None)
        msg_id = self.kc.execute('{ turns = 1; System.out.println("sleeping"); Thread.sleep(600_000); }')
        self.wait_for_stream(msg_id)
        reply = self.stop_loop(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertEqual(self.result_of("turns + 41"), "42")

    def test_loop_in_a_method_of_an_earlier_cell_ends_on_interrupt(self):
        self.kc.execute_interactive("long spin(long n) { while (true) { n++; } }", timeout=TIMEOUT,
                                    output_hook=lambda m: None)
        msg_id = self.kc.execute('{ System.out.println("spinning"); spin(0); }')
        self.wait_for_stream(msg_id)
        reply = self.stop_loop(msg_id)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.assertEqual(self.result_of("6 * 7"), "42")

    def test_code_that_ignores_interrupts_is_named_in_one_line_with_the_restart_offered(self):
        self.kc.execute_interactive("var permits = new java.util.concurrent.Semaphore(0);", timeout=TIMEOUT,
                                    output_hook=lambda m: None)
        msg_id = self.kc.execute('{ System.out.println("waiting"); permits.acquireUninterruptibly(); }')
        self.wait_for_stream(msg_id)
        # The print and the wait are one snippet: give the thread a moment to pass from one to the other.
        time.sleep(0.5)
        reply = self.stop_loop(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        if self.kernel_java() >= 20:
            evalue = reply["content"]["evalue"]
            self.assertIn("java.util.concurrent.Semaphore.acquireUninterruptibly(", evalue)
            self.assertIn("restart the kernel", evalue)
            self.assertNotIn("\n", evalue)
        # The session goes on; releasing the wait lets the thread left behind end.
        self.assertEqual(self.result_of("permits.release(); 1 + 2"), "3")

    def test_kernel_runs_on_the_java_its_kernelspec_names(self):
        expected = os.environ.get("LABBOOK_EXPECTED_JAVA")
        if expected is None:
            self.assertGreaterEqual(self.kernel_java(), 17)
        else:
            self.assertEqual(self.kernel_java(), int(expected))

    def kernel_java(self):
        return int(self.result_of("Runtime.version().feature()"))

    def result_of(self, code):
        results = []

        def keep(msg):
            if msg["msg_type"] == "execute_result":
                results.append(msg["content"]["data"]["text/plain"])
        reply = self.kc.execute_interactive(code, timeout=TIMEOUT, output_hook=keep)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        self.assertEqual(len(results), 1, results)
        return results[0]

    def test_heartbeat_answers_while_a_cell_runs(self):
        msg_id = self.kc.execute('{ System.out.println("busy"); while (true) { } }')
        self.addCleanup(self.stop_loop, msg_id)
        self.wait_for_stream(msg_id)
        info = self.km.get_connection_info()
        heartbeat = zmq.Context.instance().socket(zmq.REQ)
        heartbeat.linger = 0
        self.addCleanup(heartbeat.close)
        heartbeat.connect("%s://%s:%s" % (info["transport"], info["ip"], info["hb_port"]))

        heartbeat.send(b"ping")
        self.assertTrue(heartbeat.poll(TIMEOUT * 1000), "no heartbeat echo while the cell runs")
        self.assertEqual(heartbeat.recv(), b"ping")
        self.assertFalse(run_sync(self.kc.shell_channel.msg_ready)(), "the cell should still be running")

    def stop_loop(self, msg_id):
        """Interrupts the looping cell and consumes its reply, so a failed assertion cannot leave it running."""
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        return reply

    def wait_for_stream(self, msg_id):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                return
        self.fail("the cell printed nothing within %d s" % TIMEOUT)


if __name__ == "__main__":
    unittest.main()
