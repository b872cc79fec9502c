package org.labbook.kernel.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.labbook.kernel.engine.Evaluator;
import org.labbook.kernel.eval.JShellEvaluator;
import org.labbook.kernel.protocol.Channel;
import org.labbook.kernel.protocol.InProcessClient;
import org.labbook.kernel.protocol.InProcessClient.Exchange;
import org.labbook.kernel.protocol.Json;
import org.labbook.kernel.protocol.KernelLog;
import org.labbook.kernel.protocol.KernelProtocol;
import org.labbook.kernel.protocol.Message;
import org.labbook.kernel.protocol.MessageFactory;

/**
 * Drives a real kernel (the JShell evaluator behind {@link KernelProtocol}) in-process, without sockets: send a
 * request, get its reply and every iopub message it caused. Modules that plug into the kernel use it too.
 *
 * <pre>{@code
 * try (KernelHarness kernel = KernelHarness.start()) {
 *     Exchange cell = kernel.execute("1 + 1");
 *     assertThat(KernelHarness.resultText(cell)).isEqualTo("2");
 * }
 * }</pre>
 */
public final class KernelHarness implements AutoCloseable {
    /** A guard against a hung kernel, not a speed expectation. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final InProcessClient client;
    private final KernelProtocol kernel;
    private final CompletableFuture<Boolean> shutdownRestart = new CompletableFuture<>();

    private KernelHarness(Evaluator evaluator) {
        client = new InProcessClient();
        kernel = new KernelProtocol(evaluator, client, new MessageFactory(UUID.randomUUID().toString()),
                shutdownRestart::complete);
        client.connect(kernel);
        kernel.start();
    }

    /** A kernel with the real JShell evaluator. */
    public static KernelHarness start() {
        // The kernel's own diagnostics keep the stderr of the test run, not of the cells.
        KernelLog.capture();
        return new KernelHarness(JShellEvaluator.create());
    }

    /** A kernel around a given evaluator, e.g. the real one wrapped to observe its calls. */
    public static KernelHarness start(Evaluator evaluator) {
        return new KernelHarness(evaluator);
    }

    public InProcessClient client() {
        return client;
    }

    public KernelProtocol protocol() {
        return kernel;
    }

    /** Runs a cell as a notebook does (counted, stored, stop on error) and waits for it. */
    public Exchange execute(String code) {
        return await(submit(executeContent(code)));
    }

    /** Runs a cell with the given execute_request content (see {@link #executeContent}). */
    public Exchange execute(ObjectNode content) {
        return await(submit(content));
    }

    /** The content of a default execute_request, to adjust before sending. */
    public static ObjectNode executeContent(String code) {
        ObjectNode content = Json.object();
        content.put("code", code);
        content.put("silent", false);
        content.put("store_history", true);
        content.putObject("user_expressions");
        content.put("allow_stdin", false);
        content.put("stop_on_error", true);
        return content;
    }

    /** Queues an execute_request without waiting for it. */
    public Message submit(ObjectNode executeContent) {
        return client.submit(Channel.SHELL, "execute_request", executeContent, Json.object());
    }

    /** Queues an execute_request carrying request metadata, e.g. {@code cellId}. */
    public Message submit(ObjectNode executeContent, ObjectNode metadata) {
        return client.submit(Channel.SHELL, "execute_request", executeContent, metadata);
    }

    /** Waits until the kernel went idle after {@code request}. */
    public Exchange await(Message request) {
        try {
            return client.await(request, WAIT);
        } catch (TimeoutException e) {
            throw new AssertionError("the kernel did not finish " + request.msgType() + " within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the kernel", e);
        }
    }

    /** Sends any request and waits for it. */
    public Exchange request(Channel channel, String msgType, ObjectNode content) {
        return await(client.submit(channel, msgType, content, Json.object()));
    }

    public Exchange request(String msgType, ObjectNode content) {
        return request(Channel.SHELL, msgType, content);
    }

    /** The restart flag of the shutdown the kernel asked its owner for, waiting for it; null if none came. */
    public Boolean shutdownRequested() {
        // The kernel tells its owner after it published idle, so the request's exchange may end first.
        try {
            return shutdownRestart.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    /** All stdout text of a cell, in order. */
    public static String stdout(Exchange exchange) {
        return stream(exchange, "stdout");
    }

    public static String stderr(Exchange exchange) {
        return stream(exchange, "stderr");
    }

    /** The text/plain of the cell's execute_result, or null when there was none. */
    public static String resultText(Exchange exchange) {
        List<Message> results = exchange.published("execute_result");
        return results.isEmpty() ? null : results.get(0).content().path("data").path("text/plain").asText();
    }

    /** The iopub message types in order, e.g. [status, execute_input, stream, execute_result, status]. */
    public static List<String> iopubTypes(Exchange exchange) {
        return exchange.iopub().stream().map(Message::msgType).toList();
    }

    private static String stream(Exchange exchange, String name) {
        return exchange.published("stream").stream()
                .filter(m -> m.content().path("name").asText().equals(name))
                .map(m -> m.content().path("text").asText())
                .collect(Collectors.joining());
    }

    @Override
    public void close() {
        kernel.close();
    }
}
