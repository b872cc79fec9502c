"""The Jupyter protocol conformance suite (jupyter_kernel_test) against Labbook over real ZeroMQ sockets.

Every sample field is filled, so no test of the suite is skipped. run.sh installs the kernelspec this uses.
"""
import os
import unittest

import jupyter_kernel_test

BOOT_TIMEOUT = 120


class LabbookKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("LABBOOK_KERNEL_NAME", "labbook")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # kernel_info is answered while JShell still boots; the suite's 15 s per reply starts after that.
        cls.kc.execute_interactive("0", timeout=BOOT_TIMEOUT, output_hook=lambda msg: None)

    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": 'String greeting = "hi"; greeting.isEm', "matches": {"isEmpty()"}},
        {"text": "Math.floorM", "matches": {"floorMod("}},
    ]

    complete_code_samples = ["int x = 1;", 'System.out.println("done");', "1 + 1", "void f() { }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", 'String s = "a" +', "int[] a = {1, 2,"]
    invalid_code_samples = ["}", "int x = );"]

    code_generate_error = 'throw new IllegalStateException("broken on purpose");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "Math.max(3, 8)", "result": "8"},
        {"code": "10 / 4.0", "result": "2.5"},
    ]

    code_display_data = [
        {"code": 'display("shown by display");', "mime": "text/plain"},
    ]

    # Matches only "6 * 7" of code_execute_result (the search is a glob over the whole input).
    code_history_pattern = "6 ?*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max("
    code_page_something = "String?"
    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
