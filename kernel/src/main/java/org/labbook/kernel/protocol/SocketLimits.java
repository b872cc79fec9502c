package org.labbook.kernel.protocol;

import java.util.Map;

/**
 * Limits on what the kernel's sockets accept and queue, read from the kernel's environment (a kernelspec's
 * {@code env} sets them).
 *
 * @param maxMessageBytes   the largest message a client may send on any socket. ZeroMQ reserves the size a frame
 *                          header claims before anyone is authenticated, so without a cap one connection claiming
 *                          gigabytes exhausts the kernel's memory. A larger message closes that connection (logged);
 *                          the kernel goes on serving the others. {@code LABBOOK_MAX_MESSAGE_BYTES}, default 64 MiB.
 * @param iopubHighWaterMark how many messages iopub queues for a subscriber that does not read, beyond which ZeroMQ
 *                          drops them. Stream output is coalesced (a few messages a second), so only a front end
 *                          stalled for a long while reaches it. {@code LABBOOK_IOPUB_HWM}, default 100,000.
 */
public record SocketLimits(long maxMessageBytes, int iopubHighWaterMark) {
    public static final String MAX_MESSAGE_BYTES = "LABBOOK_MAX_MESSAGE_BYTES";
    public static final String IOPUB_HWM = "LABBOOK_IOPUB_HWM";
    static final long DEFAULT_MAX_MESSAGE_BYTES = 64L * 1024 * 1024;
    static final int DEFAULT_IOPUB_HWM = 100_000;

    public SocketLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException(MAX_MESSAGE_BYTES + " is " + maxMessageBytes
                    + ": the largest message must be at least 1024 bytes; unset it for the default of 64 MiB.");
        }
        if (iopubHighWaterMark < 1000) {
            throw new IllegalArgumentException(IOPUB_HWM + " is " + iopubHighWaterMark
                    + ": iopub must queue at least 1000 messages; unset it for the default of 100000.");
        }
    }

    public static SocketLimits standard() {
        return new SocketLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_IOPUB_HWM);
    }

    /** The limits the environment sets, the defaults for what it does not; a bad value is one line. */
    public static SocketLimits from(Map<String, String> environment) {
        return new SocketLimits(number(environment, MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES),
                (int) Math.min(Integer.MAX_VALUE, number(environment, IOPUB_HWM, DEFAULT_IOPUB_HWM)));
    }

    private static long number(Map<String, String> environment, String name, long fallback) {
        String text = environment.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is '" + text + "': it must be a whole number; unset it for"
                    + " the default of " + fallback + ".");
        }
    }
}
