package org.labbook.kernel.eval;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A latch both a test and the cell it runs can reach: cells see the kernel's classpath, tests included. */
public final class TestGate {
    private static volatile CountDownLatch gate = new CountDownLatch(1);

    private TestGate() {
    }

    static void reset() {
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    /** Called from a cell: waits until the test opens the gate. */
    public static void await() throws InterruptedException {
        if (!gate.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
        }
    }
}
