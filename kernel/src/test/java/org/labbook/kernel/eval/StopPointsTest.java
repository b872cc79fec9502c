package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classes compiled by javac, rewritten by {@link StopPoints}, loaded and run for real. */
class StopPointsTest {
    /** Loops of every shape javac emits, each both finite (checked for its result) and endless. */
    private static final String SOURCE = """
            package probe;
            public class Loops {
                public static long forLoop(int n) { long s = 0; for (int i = 0; i < n; i++) { s += i; } return s; }
                public static long whileLoop(int n) { long s = 0; int i = 0; while (i < n) { s += i++; } return s; }
                public static long doWhile(int n) { long s = 0; int i = 0; do { s += i++; } while (i < n); return s; }
                public static long labeled(int n) {
                    long s = 0;
                    outer:
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) { if (j > i) { continue outer; } s += j; }
                    }
                    return s;
                }
                public static long switchInLoop(int n) {
                    long s = 0;
                    for (int i = 0; i < n; i++) {
                        switch (i % 4) { case 0: s += 1; break; case 1: s += 10; break; case 2: s += 100; break; default: s += 1000; }
                    }
                    return s;
                }
                public static long tryInLoop(int n) {
                    long s = 0;
                    for (int i = 0; i < n; i++) { try { if (i % 3 == 0) { throw new IllegalStateException(); } s += i; } catch (IllegalStateException e) { s -= 1; } }
                    return s;
                }
                public static long recursion(int n) { return n == 0 ? 0 : n + recursion(n - 1); }
                public static String constructorCall(int n) { return new StringBuilder(String.valueOf(n)).reverse().toString(); }

                public static volatile boolean entered;
                public static void spin() { entered = true; while (true) { } }
                public static void spinSwallowing() {
                    entered = true;
                    while (true) { try { while (true) { } } catch (Throwable t) { } }
                }
                // Calls without end and without a loop, never deeper than 1000 frames.
                public static void recurseForever() { entered = true; recurse(0); }
                static void recurse(int depth) { if (depth < 1000) { recurse(depth + 1); recurse(depth + 1); } }
                public static void callsLibrary() { entered = true; while (true) { Thread.onSpinWait(); } }
            }
            """;

    private static Class<?> loops;

    @BeforeAll
    static void compileAndInstrument(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("probe/Loops.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString()))
                .isZero();
        byte[] original = Files.readAllBytes(dir.resolve("probe/Loops.class"));
        byte[] instrumented = StopPoints.instrument(original);
        assertThat(instrumented.length).isGreaterThan(original.length);
        loops = new ClassLoader(StopPointsTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("probe.Loops", instrumented, 0, instrumented.length);
            }
        }.define();
    }

    @Test
    void instrumentedLoopsComputeWhatTheyComputedBefore() throws Exception {
        assertThat(call("forLoop", 100)).isEqualTo(4950L);
        assertThat(call("whileLoop", 100)).isEqualTo(4950L);
        assertThat(call("doWhile", 100)).isEqualTo(4950L);
        assertThat(call("labeled", 10)).isEqualTo(165L);
        assertThat(call("switchInLoop", 8)).isEqualTo(2222L);
        assertThat(call("tryInLoop", 10)).isEqualTo(27L - 4L);
        assertThat(call("recursion", 100)).isEqualTo(5050L);
        assertThat(call("constructorCall", 123)).isEqualTo("321");
    }

    @Test
    void endlessLoopStopsAtItsNextCheckOnceItsThreadIsSignalled() throws Exception {
        assertStops("spin");
    }

    @Test
    void loopThatCatchesEveryThrowableStillStops() throws Exception {
        assertStops("spinSwallowing");
    }

    @Test
    void endlessRecursionStopsAtAMethodEntry() throws Exception {
        assertStops("recurseForever");
    }

    @Test
    void loopAroundLibraryCallsStops() throws Exception {
        assertStops("callsLibrary");
    }

    @Test
    void signalForOneThreadLeavesOtherThreadsRunning() throws Exception {
        Thread bystander = Thread.currentThread();
        Thread target = new Thread(() -> { });
        StopSignal.raise(target);
        try {
            // The signal is up, yet this thread is not its target: the loop must finish normally.
            assertThat(call("forLoop", 1000)).isEqualTo(499500L);
        } finally {
            StopSignal.lower(target);
        }
        assertThat(bystander.isInterrupted()).isFalse();
    }

    private static void assertStops(String method) throws Exception {
        loops.getField("entered").setBoolean(null, false);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                loops.getMethod(method).invoke(null);
            } catch (InvocationTargetException e) {
                ended.set(e.getCause());
            } catch (ReflectiveOperationException e) {
                ended.set(e);
            } finally {
                done.countDown();
            }
        }, "stop-points-" + method);
        thread.setDaemon(true);
        thread.start();
        while (!loops.getField("entered").getBoolean(null)) {
            Thread.onSpinWait();
        }
        StopSignal.raise(thread);
        try {
            assertThat(done.await(30, TimeUnit.SECONDS)).as(method + " ended").isTrue();
        } finally {
            StopSignal.lower(thread);
        }
        assertThat(ended.get()).isInstanceOf(StopSignal.CellStopped.class);
    }

    private static Object call(String name, int argument) throws Exception {
        Method method = loops.getMethod(name, int.class);
        return method.invoke(null, argument);
    }
}
