package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.function.Predicate;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.api.CellOutcome;

/**
 * An interrupt ends the running cell on every Java the kernel supports, whatever the cell is doing, and the
 * session goes on: its variables survive and the next cell runs. The interrupt is sent once the cell is seen
 * inside the call under test (or printed its first line), so each test stops what it names.
 */
class InterruptTest {
    private static final int GUARD_SECONDS = 30;
    private static Cells cells;

    @BeforeAll
    static void start() {
        cells = new Cells(JShellEvaluator.create());
    }

    @AfterAll
    static void stop() {
        cells.evaluator().close();
    }

    @Test
    void tightLoopEndsAndTheSessionKeepsItsVariables() {
        cells.run("long n = 0;").ok();
        assertInterruptedCleanly(interruptOnceStarted(
                "{ while (n < 1000) { n++; } System.out.println(\"started\"); while (true) { n++; } }"));
        assertThat(cells.run("n >= 1000").ok().plain()).isEqualTo("true");
        assertThat(cells.run("n = 7; n * 6").ok().plain()).isEqualTo("42");
    }

    @Test
    void sleepEnds() {
        assertInterruptedCleanly(interruptOnceIn("Thread.sleep(60_000);", frame("java.lang.Thread.sleep")));
        assertThat(cells.run("1 + 1").ok().plain()).isEqualTo("2");
    }

    @Test
    void waitsOnMonitorsLatchesAndQueuesEnd() {
        cells.run("Object lock = new Object();").ok();
        assertInterruptedCleanly(interruptOnceIn("synchronized (lock) { lock.wait(); }", frame("java.lang.Object.wait")));
        assertInterruptedCleanly(interruptOnceIn("new CountDownLatch(1).await();",
                frame("java.util.concurrent.CountDownLatch.await")));
        assertInterruptedCleanly(interruptOnceIn("new LinkedBlockingQueue<String>().take();",
                frame("java.util.concurrent.LinkedBlockingQueue.take")));
        assertThat(cells.run("Thread.holdsLock(lock)").ok().plain()).isEqualTo("false");
    }

    @Test
    void readFromAnInterruptibleChannelEnds() {
        cells.run("var pipe = java.nio.channels.Pipe.open();").ok();
        assertInterruptedCleanly(interruptOnceIn("pipe.source().read(java.nio.ByteBuffer.allocate(1));",
                frame("sun.nio.ch.SourceChannelImpl.read")));
    }

    @Test
    void loopThatSwallowsInterruptsAndThrowablesEnds() {
        assertInterruptedCleanly(interruptOnceIn("""
                while (true) {
                    try { Thread.sleep(10_000); } catch (InterruptedException e) { }
                    try { while (true) { } } catch (Throwable t) { }
                }""", frame("java.lang.Thread.sleep")));
    }

    @Test
    void loopsInMethodsAndClassesOfEarlierCellsEnd() {
        cells.run("void spin() { while (true) { } }").ok();
        assertInterruptedCleanly(interruptOnceIn("spin();", snippetMethod("spin")));
        cells.run("class Spinner { int turns; void run() { for (;;) { turns++; } } }").ok();
        cells.run("Spinner spinner = new Spinner();").ok();
        assertInterruptedCleanly(interruptOnceIn("spinner.run();", snippetMethod("run")));
        assertThat(cells.run("spinner.turns > 0").ok().plain()).isEqualTo("true");
    }

    @Test
    void cellLambdaDrivenByAnEndlessJdkStreamEnds() {
        assertInterruptedCleanly(interruptOnceIn("IntStream.iterate(0, i -> i + 1).forEach(i -> { });",
                frame("java.util.stream.")));
    }

    @Test
    void sleepInsideAMavenLibraryEnds() {
        cells.run("%maven org.apache.commons:commons-lang3:3.14.0").ok();
        assertInterruptedCleanly(interruptOnceIn(
                "org.apache.commons.lang3.ThreadUtils.sleep(java.time.Duration.ofMinutes(1));",
                frame("org.apache.commons.lang3.ThreadUtils.sleep")));
    }

    @Test
    void interruptBetweenCellsDoesNotStopTheNextCell() {
        cells.evaluator().interrupt();
        assertThat(cells.run("int k = 0; for (int i = 0; i < 1000; i++) { k += i; } k").ok().plain()).isEqualTo("499500");
    }

    @Test
    void threadStartedByAnEarlierCellKeepsRunningThroughAnInterrupt() {
        cells.run("""
                var ticks = new java.util.concurrent.atomic.AtomicLong();
                var keepTicking = new java.util.concurrent.atomic.AtomicBoolean(true);
                Thread ticker = new Thread(() -> { while (keepTicking.get()) { ticks.incrementAndGet(); } });
                ticker.setDaemon(true);
                ticker.start();""").ok();
        assertInterruptedCleanly(interruptOnceIn("while (true) { }", frame("REPL.")));
        assertThat(cells.run("ticker.isAlive()").ok().plain()).isEqualTo("true");
        assertThat(cells.run("long before = ticks.get(); Thread.sleep(50); ticks.get() > before").ok().plain())
                .isEqualTo("true");
        cells.run("keepTicking.set(false); ticker.join(10_000); ticker.isAlive()").ok();
    }

    /**
     * A loop inside a library jar has no stop checks. Java 17 to 19 end it with Thread.stop after a grace
     * period; later Javas cannot, and the cell ends with one line naming the library code and offering the
     * restart, while the session goes on. Once the library code returns, its thread ends at the cell's next check.
     */
    @Test
    void loopInsideALibraryEndsOrIsNamedInOneLine(@TempDir Path dir) throws Exception {
        Path jar = libraryJar(dir);
        cells.run("%jars " + jar).ok();
        cells.run("int survivor = 41;").ok();
        cells.run("boolean afterLibrary = false;").ok();
        // One snippet (a block), so what follows the library call is the same snippet's code.
        Cells.Ran ran = interruptOnceIn("{ spin.Spinner.untilReleased(); afterLibrary = true; }",
                frame("spin.Spinner.untilReleased"));
        CellOutcome.Interrupted interrupted = (CellOutcome.Interrupted) ran.result().outcome();
        if (Runtime.version().feature() < 20) {
            assertThat(interrupted.note()).isEmpty();
        } else {
            assertThat(interrupted.note())
                    .contains("did not stop within 3 s", "spin.Spinner.untilReleased(Spinner.java:",
                            "Java " + Runtime.version().feature(), "restart the kernel")
                    .doesNotContain("\n", "Thread.stop");
            // The session goes on while the library code spins in the background.
            assertThat(cells.run("survivor + 1").ok().plain()).isEqualTo("42");
        }
        cells.run("spin.Spinner.release();").ok();
        awaitNoThreadIn("spin.Spinner");
        assertThat(cells.run("afterLibrary").ok().plain()).isEqualTo("false");
        assertThat(cells.run("1 + 1").ok().plain()).isEqualTo("2");
    }

    private static Path libraryJar(Path dir) throws Exception {
        Path source = dir.resolve("src/spin/Spinner.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package spin;
                public class Spinner {
                    private static volatile boolean released;
                    public static void untilReleased() { released = false; while (!released) { } }
                    public static void release() { released = true; }
                }
                """);
        Path classes = dir.resolve("classes");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString())).isZero();
        Path jar = dir.resolve("spinner.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("spin/Spinner.class"));
            out.write(Files.readAllBytes(classes.resolve("spin/Spinner.class")));
        }
        return jar;
    }

    private static void awaitNoThreadIn(String className) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            boolean inside = Thread.getAllStackTraces().values().stream()
                    .anyMatch(frames -> frames.length > 0 && java.util.Arrays.stream(frames)
                            .anyMatch(f -> f.getClassName().equals(className)));
            if (!inside) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("a thread is still in " + className + " after " + GUARD_SECONDS + " s");
    }

    private static void assertInterruptedCleanly(Cells.Ran ran) {
        assertThat(ran.result().outcome()).isEqualTo(new CellOutcome.Interrupted());
    }

    /** A frame whose class and method name begin with {@code prefix}, e.g. "java.lang.Thread.sleep". */
    private static Predicate<StackTraceElement> frame(String prefix) {
        return f -> (f.getClassName() + "." + f.getMethodName()).startsWith(prefix);
    }

    /** A frame of a method declared in a cell. */
    private static Predicate<StackTraceElement> snippetMethod(String name) {
        return f -> f.getClassName().startsWith("REPL.") && f.getMethodName().equals(name);
    }

    /** Runs the cell (one snippet), interrupts it once it printed its first line, and waits for it to end. */
    private static Cells.Ran interruptOnceStarted(String code) {
        CountDownLatch started = new CountDownLatch(1);
        RecordingOutput output = new RecordingOutput().onMessage(m -> {
            if (m.kind().equals("stream")) {
                started.countDown();
            }
        });
        return interruptWhen(code, output, () -> started.await(GUARD_SECONDS, TimeUnit.SECONDS));
    }

    /**
     * Runs the cell (one snippet), interrupts it once a thread running the cell's code has a frame that
     * {@code inside} matches (so the interrupt meets the very call under test), and waits for it to end.
     */
    private static Cells.Ran interruptOnceIn(String code, Predicate<StackTraceElement> inside) {
        return interruptWhen(code, new RecordingOutput(), () -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
            while (System.nanoTime() < deadline) {
                for (StackTraceElement[] frames : Thread.getAllStackTraces().values()) {
                    List<StackTraceElement> stack = List.of(frames);
                    if (stack.stream().anyMatch(snippetMethod("do_it$")) && stack.stream().anyMatch(inside)) {
                        return true;
                    }
                }
                Thread.sleep(5);
            }
            return false;
        });
    }

    private interface Ready {
        boolean await() throws InterruptedException;
    }

    private static Cells.Ran interruptWhen(String code, RecordingOutput output, Ready ready) {
        AtomicReference<Cells.Ran> result = new AtomicReference<>();
        Thread cell = new Thread(() -> result.set(cells.run(code, output)), "interrupt-test-cell");
        cell.start();
        try {
            assertThat(ready.await()).as("the cell got going: " + code).isTrue();
            cells.evaluator().interrupt();
            cell.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(cell.isAlive()).as("the cell ended after the interrupt: " + code).isFalse();
        return result.get();
    }
}
