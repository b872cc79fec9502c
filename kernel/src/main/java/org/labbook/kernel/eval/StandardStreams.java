package org.labbook.kernel.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces System.out, System.err and System.in once for the JVM. Threads that work for a kernel session
 * (see {@link SessionBinding}) write to that session's running cell; all other threads keep the original
 * streams, so the kernel's own logging never lands in a notebook.
 */
final class StandardStreams {
    private static boolean installed;

    private StandardStreams() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Routed("stdout", out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed("stderr", err), true, StandardCharsets.UTF_8));
        System.setIn(new RoutedInput(System.in));
    }

    private static CellContext route() {
        EvaluatorSession session = SessionBinding.bound();
        return session == null ? null : session.route();
    }

    private static final class Routed extends OutputStream {
        private final String name;
        private final PrintStream original;

        Routed(String name, PrintStream original) {
            this.name = name;
            this.original = original;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            CellContext cell = route();
            if (cell == null) {
                original.write(bytes, offset, length);
            } else {
                cell.buffer(name).write(bytes, offset, length);
            }
        }

        @Override
        public void flush() {
            CellContext cell = route();
            if (cell == null) {
                original.flush();
            } else {
                cell.buffer(name).flush();
            }
        }
    }

    /** Reads of a cell ask the front end for a line (input_request); other threads read the real stdin. */
    private static final class RoutedInput extends InputStream {
        private final InputStream original;
        private final ThreadLocal<byte[]> line = new ThreadLocal<>();
        private final ThreadLocal<Integer> position = ThreadLocal.withInitial(() -> 0);

        RoutedInput(InputStream original) {
            this.original = original;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            CellContext cell = route();
            if (cell == null) {
                return original.read(target, offset, length);
            }
            if (length == 0) {
                return 0;
            }
            byte[] current = line.get();
            if (current == null || position.get() >= current.length) {
                current = (cell.readInput("", false) + "\n").getBytes(StandardCharsets.UTF_8);
                line.set(current);
                position.set(0);
            }
            int start = position.get();
            int n = Math.min(length, current.length - start);
            System.arraycopy(current, start, target, offset, n);
            position.set(start + n);
            return n;
        }
    }
}
