package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.testing.KernelHarness;

class ExecuteRequestTest {
    static KernelHarness kernel;

    @BeforeAll
    static void startKernel() {
        kernel = KernelHarness.start();
    }

    @AfterAll
    static void stopKernel() {
        kernel.close();
    }

    private static int count() {
        ObjectNode silent = KernelHarness.executeContent("");
        silent.put("silent", true);
        return kernel.execute(silent).replyContent().path("execution_count").asInt();
    }

    @Test
    void cellIsWrappedInBusyAndIdleWithTheRequestAsParent() {
        Exchange cell = kernel.execute("int wrapped = 1;");

        List<Message> iopub = cell.iopub();
        assertThat(iopub.get(0).msgType()).isEqualTo("status");
        assertThat(iopub.get(0).content().path("execution_state").asText()).isEqualTo("busy");
        assertThat(iopub.get(iopub.size() - 1).content().path("execution_state").asText()).isEqualTo("idle");
        assertThat(iopub).allSatisfy(m ->
                assertThat(m.parentHeader().path("msg_id").asText()).isEqualTo(cell.request().msgId()));
    }

    @Test
    void executePublishesInputThenResultAndRepliesWithTheSameCount() {
        int before = count();

        Exchange cell = kernel.execute("6 * 7");

        assertThat(KernelHarness.iopubTypes(cell))
                .containsExactly("status", "execute_input", "execute_result", "status");
        assertThat(cell.published("execute_input").get(0).content().path("execution_count").asInt())
                .isEqualTo(before + 1);
        assertThat(cell.published("execute_input").get(0).content().path("code").asText()).isEqualTo("6 * 7");
        assertThat(KernelHarness.resultText(cell)).isEqualTo("42");
        assertThat(cell.published("execute_result").get(0).content().path("execution_count").asInt())
                .isEqualTo(before + 1);
        assertThat(cell.replyContent().path("status").asText()).isEqualTo("ok");
        assertThat(cell.replyContent().path("execution_count").asInt()).isEqualTo(before + 1);
        assertThat(cell.reply().orElseThrow().msgType()).isEqualTo("execute_reply");
    }

    @Test
    void silentRequestPublishesNothingAndIsNotCounted() {
        int before = count();
        ObjectNode content = KernelHarness.executeContent("System.out.println(\"quiet\"); 1 + 1");
        content.put("silent", true);

        Exchange cell = kernel.execute(content);

        assertThat(KernelHarness.iopubTypes(cell)).containsExactly("status", "status");
        assertThat(cell.replyContent().path("status").asText()).isEqualTo("ok");
        assertThat(cell.replyContent().path("execution_count").asInt()).isEqualTo(before);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void storeHistoryFalseRunsVisiblyButIsNotCounted() {
        int before = count();
        ObjectNode content = KernelHarness.executeContent("40 + 2");
        content.put("store_history", false);

        Exchange cell = kernel.execute(content);

        assertThat(KernelHarness.resultText(cell)).isEqualTo("42");
        assertThat(cell.replyContent().path("execution_count").asInt()).isEqualTo(before);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void stdoutAndStderrArePublishedAsStreams() {
        Exchange cell = kernel.execute("System.out.println(\"to out\"); System.err.println(\"to err\");");

        assertThat(KernelHarness.stdout(cell)).isEqualTo("to out\n");
        assertThat(KernelHarness.stderr(cell)).isEqualTo("to err\n");
    }

    @Test
    void exceptionIsRepliedAndPublishedWithNameValueAndTraceback() {
        Exchange cell = kernel.execute("throw new IllegalStateException(\"boom\");");

        ObjectNode reply = cell.replyContent();
        assertThat(reply.path("status").asText()).isEqualTo("error");
        assertThat(reply.path("ename").asText()).contains("IllegalStateException");
        assertThat(reply.path("evalue").asText()).contains("boom");
        assertThat(reply.path("traceback").isArray()).isTrue();
        List<Message> errors = cell.published("error");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).content().path("ename").asText()).isEqualTo(reply.path("ename").asText());
        assertThat(errors.get(0).content().path("evalue").asText()).isEqualTo(reply.path("evalue").asText());
        assertThat(errors.get(0).content().get("traceback")).isEqualTo(reply.get("traceback"));
    }

    @Test
    void failedCellIsCountedLikeAnyStoredCell() {
        int before = count();

        Exchange cell = kernel.execute("throw new RuntimeException(\"x\");");

        assertThat(cell.replyContent().path("execution_count").asInt()).isEqualTo(before + 1);
    }

    @Test
    void queuedCellsAfterAnErrorAreAbortedUntilTheQueueDrains() {
        int before = count();
        Message failing = kernel.submit(KernelHarness.executeContent("throw new RuntimeException(\"first\");"));
        Message queued1 = kernel.submit(KernelHarness.executeContent("System.out.println(\"never\");"));
        Message queued2 = kernel.submit(KernelHarness.executeContent("1 + 1"));

        Exchange failed = kernel.await(failing);
        Exchange aborted1 = kernel.await(queued1);
        Exchange aborted2 = kernel.await(queued2);
        Exchange after = kernel.execute("2 + 2");

        assertThat(failed.replyContent().path("status").asText()).isEqualTo("error");
        assertThat(aborted1.replyContent().path("status").asText()).isEqualTo("aborted");
        assertThat(aborted2.replyContent().path("status").asText()).isEqualTo("aborted");
        assertThat(KernelHarness.iopubTypes(aborted1)).containsExactly("status", "status");
        assertThat(KernelHarness.resultText(after)).isEqualTo("4");
        assertThat(after.replyContent().path("execution_count").asInt()).isEqualTo(before + 2);
    }

    @Test
    void stopOnErrorFalseLetsQueuedCellsRun() {
        ObjectNode failingContent = KernelHarness.executeContent("throw new RuntimeException(\"tolerated\");");
        failingContent.put("stop_on_error", false);
        Message failing = kernel.submit(failingContent);
        Message next = kernel.submit(KernelHarness.executeContent("3 + 3"));

        assertThat(kernel.await(failing).replyContent().path("status").asText()).isEqualTo("error");
        assertThat(KernelHarness.resultText(kernel.await(next))).isEqualTo("6");
    }

    @Test
    void userExpressionsAreEvaluatedAndReturnedByName() {
        kernel.execute("int base = 20;");
        ObjectNode content = KernelHarness.executeContent("int other = 1;");
        content.putObject("user_expressions").put("answer", "base + 22").put("broken", "noSuchVariable + 1");

        ObjectNode expressions = (ObjectNode) kernel.execute(content).replyContent().path("user_expressions");

        assertThat(expressions.path("answer").path("status").asText()).isEqualTo("ok");
        assertThat(expressions.path("answer").path("data").path("text/plain").asText()).isEqualTo("42");
        assertThat(expressions.path("broken").path("status").asText()).isEqualTo("error");
        assertThat(expressions.path("broken").path("ename").asText()).isNotEmpty();
    }

    @Test
    void cellIdFromRequestMetadataReachesTheEvaluator() {
        ObjectNode metadata = Json.object();
        metadata.put("cellId", "cell-abc");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (KernelHarness observed = KernelHarness.start(new RecordingEvaluator(
                org.labbook.kernel.eval.JShellEvaluator.create(),
                request -> seen.add(request.cellId().orElse("none") + "#" + request.executionCount())))) {
            observed.await(observed.submit(KernelHarness.executeContent("1"), metadata));
            observed.execute("2");
        }
        assertThat(seen).containsExactly("cell-abc#1", "none#2");
    }

    @Test
    void pagerCellReturnsDocumentationAsPagePayload() {
        Exchange cell = kernel.execute("String?");

        assertThat(cell.replyContent().path("status").asText()).isEqualTo("ok");
        assertThat(cell.replyContent().path("payload").get(0).path("source").asText()).isEqualTo("page");
        assertThat(cell.replyContent().path("payload").get(0).path("data").path("text/plain").asText())
                .contains("String");
    }
}
