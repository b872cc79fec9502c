package org.labbook.kernel.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;

/** The one input request that may be pending on stdin, and the reply that completes it. */
final class InputReplies {
    private CompletableFuture<String> pending = CompletableFuture.completedFuture("");

    synchronized CompletableFuture<String> expect() {
        pending.cancel(false);
        pending = new CompletableFuture<>();
        return pending;
    }

    synchronized void received(Message reply) {
        pending.complete(reply.content().path("value").asText(""));
    }

    /** Releases a cell waiting for input when it is interrupted. */
    synchronized void cancel() {
        pending.completeExceptionally(new CancellationException("the cell was interrupted"));
    }
}
