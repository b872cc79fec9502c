package org.labbook.kernel.cli;

import sun.misc.Signal;

/** SIGINT interrupts the running cell instead of killing the kernel, as Jupyter clients expect. */
final class Interrupts {
    private Interrupts() {
    }

    static void onSigint(Runnable interrupt) {
        try {
            Signal.handle(new Signal("INT"), signal -> interrupt.run());
        } catch (IllegalArgumentException e) {
            // The platform has no SIGINT (or it is reserved): interrupt_request on control still works.
            System.err.println("labbook: SIGINT cannot be handled here; interrupts arrive as messages only");
        }
    }
}
