package org.labbook.tracking;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounded waits for tests that watch background work: a check is repeated until it passes or the limit
 * is reached, and a task must finish within a limit. The limits are generous; they only turn a hang
 * into a failure and assert nothing about speed.
 */
final class Eventually {
    private Eventually() {
    }

    /** Repeats {@code check} until it throws no assertion or tracking error, at most for {@code limit}. */
    static void eventually(Duration limit, Runnable check) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | TrackingException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    /** The task's result; fails the test if it has not finished within {@code limit} (it hung). */
    static <T> T within(Duration limit, Future<T> task) throws InterruptedException, ExecutionException {
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new AssertionError("still blocked after " + limit + ": the caller waited on the store", e);
        }
    }
}
