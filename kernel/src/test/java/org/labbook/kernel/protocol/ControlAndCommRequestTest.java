package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.testing.KernelHarness;

class ControlAndCommRequestTest {
    static KernelHarness kernel;

    @BeforeAll
    static void startKernel() {
        kernel = KernelHarness.start();
    }

    @AfterAll
    static void stopKernel() {
        kernel.close();
    }

    @Test
    void kernelInfoReplyDescribesJavaAndProtocolVersion() {
        Exchange info = kernel.request("kernel_info_request", Json.object());

        ObjectNode reply = info.replyContent();
        assertThat(reply.path("status").asText()).isEqualTo("ok");
        assertThat(reply.path("protocol_version").asText()).isEqualTo("5.3");
        assertThat(reply.path("implementation").asText()).isEqualTo("labbook");
        assertThat(reply.path("implementation_version").asText()).isNotEmpty();
        assertThat(reply.path("banner").asText()).contains("Java");
        assertThat(reply.path("help_links").size()).isPositive();
        ObjectNode language = (ObjectNode) reply.get("language_info");
        assertThat(language.path("name").asText()).isEqualTo("java");
        assertThat(language.path("version").asText()).isEqualTo(Runtime.version().toString());
        assertThat(language.path("mimetype").asText()).isEqualTo("text/x-java-source");
        assertThat(language.path("file_extension").asText()).isEqualTo(".java");
        assertThat(language.path("pygments_lexer").asText()).isEqualTo("java");
        assertThat(language.path("codemirror_mode").asText()).isEqualTo("text/x-java");
        assertThat(KernelHarness.iopubTypes(info)).containsExactly("status", "status");
    }

    @Test
    void kernelInfoOnControlIsAnsweredOnControl() {
        Exchange info = kernel.request(Channel.CONTROL, "kernel_info_request", Json.object());

        assertThat(info.reply().orElseThrow().msgType()).isEqualTo("kernel_info_reply");
    }

    @Test
    void executeRequestOnControlIsNotRunSoControlNeverBlocks() {
        Exchange refused = kernel.request(Channel.CONTROL, "execute_request",
                KernelHarness.executeContent("System.out.println(\"should not run\");"));

        assertThat(refused.reply()).isEmpty();
        assertThat(KernelHarness.iopubTypes(refused)).containsExactly("status", "status");
    }

    @Test
    void interruptRequestStopsARunningLoopAndTheKernelKeepsWorking() throws Exception {
        Message loop = kernel.submit(KernelHarness.executeContent(
                "{ System.out.println(\"started\"); while (true) { } }"));
        kernel.client().awaitPublished(loop, "stream", KernelHarness.WAIT);

        Exchange interrupt = kernel.request(Channel.CONTROL, "interrupt_request", Json.object());
        Exchange stopped = kernel.await(loop);

        assertThat(interrupt.replyContent().path("status").asText()).isEqualTo("ok");
        assertThat(stopped.replyContent().path("status").asText()).isEqualTo("error");
        assertThat(stopped.published("error")).hasSize(1);
        assertThat(KernelHarness.resultText(kernel.execute("1 + 2"))).isEqualTo("3");
    }

    /**
     * A wait that ignores interrupts: Java 17 to 19 end it with Thread.stop; later Javas cannot, and after the
     * grace period the reply is an error whose one line names the call and offers the restart, and the kernel
     * serves the next cell while the wait goes on in the background.
     */
    @Test
    void cellThatIgnoresTheInterruptEndsWithOneLineOfferingTheRestart() throws Exception {
        kernel.execute("var permits = new java.util.concurrent.Semaphore(0);");
        Message stuck = kernel.submit(KernelHarness.executeContent("permits.acquireUninterruptibly();"));
        awaitThreadIn("java.util.concurrent.Semaphore", "acquireUninterruptibly");

        kernel.request(Channel.CONTROL, "interrupt_request", Json.object());
        ObjectNode reply = kernel.await(stuck).replyContent();

        assertThat(reply.path("status").asText()).isEqualTo("error");
        assertThat(reply.path("ename").asText()).isEqualTo("Interrupted");
        if (Runtime.version().feature() < 20) {
            assertThat(reply.path("evalue").asText()).isEqualTo("The cell was interrupted before it finished.");
        } else {
            assertThat(reply.path("evalue").asText())
                    .contains("java.util.concurrent.Semaphore.acquireUninterruptibly(", "restart the kernel")
                    .doesNotContain("\n");
            assertThat(reply.path("traceback").size()).isEqualTo(1);
        }
        assertThat(KernelHarness.resultText(kernel.execute("permits.release(); 1 + 2"))).isEqualTo("3");
        awaitNoThreadIn("java.util.concurrent.Semaphore", "acquireUninterruptibly");
    }

    private static void awaitThreadIn(String className, String method) throws InterruptedException {
        awaitThreads(className, method, true);
    }

    private static void awaitNoThreadIn(String className, String method) throws InterruptedException {
        awaitThreads(className, method, false);
    }

    private static void awaitThreads(String className, String method, boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + KernelHarness.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean found = Thread.getAllStackTraces().values().stream().flatMap(java.util.Arrays::stream)
                    .anyMatch(f -> f.getClassName().equals(className) && f.getMethodName().equals(method));
            if (found == present) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError((present ? "no" : "still a") + " thread in " + className + "." + method);
    }

    @Test
    void commInfoIsAnEmptyRegistryWithOrWithoutTargetFilter() {
        ObjectNode filter = Json.object();
        filter.put("target_name", "jupyter.widget");

        assertThat(kernel.request("comm_info_request", Json.object()).replyContent().path("comms").isEmpty())
                .isTrue();
        ObjectNode filtered = kernel.request("comm_info_request", filter).replyContent();
        assertThat(filtered.path("status").asText()).isEqualTo("ok");
        assertThat(filtered.path("comms").isObject()).isTrue();
        assertThat(filtered.path("comms").isEmpty()).isTrue();
    }

    @Test
    void commOpenToAnUnknownTargetIsAnsweredWithCommClose() {
        ObjectNode open = Json.object();
        open.put("comm_id", "c-1");
        open.put("target_name", "no.such.target");
        open.putObject("data");

        Exchange exchange = kernel.request("comm_open", open);

        assertThat(exchange.reply()).isEmpty();
        assertThat(exchange.published("comm_close")).hasSize(1);
        assertThat(exchange.published("comm_close").get(0).content().path("comm_id").asText()).isEqualTo("c-1");
    }

    @Test
    void commMsgAndCommCloseForUnknownCommsAreIgnoredQuietly() {
        ObjectNode message = Json.object();
        message.put("comm_id", "never-opened");
        message.putObject("data");

        Exchange msg = kernel.request("comm_msg", message);
        Exchange close = kernel.request("comm_close", message);

        assertThat(msg.reply()).isEmpty();
        assertThat(KernelHarness.iopubTypes(msg)).containsExactly("status", "status");
        assertThat(KernelHarness.iopubTypes(close)).containsExactly("status", "status");
    }

    @Test
    void unknownMessageTypeIsLeftUnansweredAndTheKernelKeepsServing() {
        Exchange unknown = kernel.request("no_such_request", Json.object());

        assertThat(unknown.reply()).isEmpty();
        assertThat(KernelHarness.iopubTypes(unknown)).containsExactly("status", "status");
        assertThat(kernel.request("kernel_info_request", Json.object()).replyContent().path("status").asText())
                .isEqualTo("ok");
    }

    @Test
    void inputRequestGoesToStdinAndTheReplyIsReturnedToTheCell() {
        java.util.List<Message> inputRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
        kernel.client().answerInputWith(request -> {
            inputRequests.add(request);
            return "typed by the user";
        });
        ObjectNode content = KernelHarness.executeContent(
                "new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine()");
        content.put("allow_stdin", true);

        Exchange cell = kernel.execute(content);

        assertThat(cell.replyContent().path("status").asText()).isEqualTo("ok");
        assertThat(KernelHarness.resultText(cell)).contains("typed by the user");
        assertThat(inputRequests).hasSize(1);
        assertThat(inputRequests.get(0).parentHeader().path("msg_id").asText()).isEqualTo(cell.request().msgId());
    }

    @Test
    void shutdownRequestOnControlRepliesThenTellsTheOwner() throws TimeoutException, InterruptedException {
        try (KernelHarness stopping = KernelHarness.start()) {
            ObjectNode content = Json.object();
            content.put("restart", true);

            Exchange shutdown = stopping.request(Channel.CONTROL, "shutdown_request", content);

            assertThat(shutdown.reply().orElseThrow().msgType()).isEqualTo("shutdown_reply");
            assertThat(shutdown.replyContent().path("restart").asBoolean()).isTrue();
            assertThat(stopping.shutdownRequested()).isTrue();
        }
    }

    @Test
    void shutdownRequestOnShellIsHonouredToo() {
        try (KernelHarness stopping = KernelHarness.start()) {
            ObjectNode content = Json.object();
            content.put("restart", false);

            Exchange shutdown = stopping.request(Channel.SHELL, "shutdown_request", content);

            assertThat(shutdown.replyContent().path("status").asText()).isEqualTo("ok");
            assertThat(shutdown.replyContent().path("restart").asBoolean()).isFalse();
            assertThat(stopping.shutdownRequested()).isFalse();
        }
    }
}
