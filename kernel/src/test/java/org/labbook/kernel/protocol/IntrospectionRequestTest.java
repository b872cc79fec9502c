package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labbook.kernel.testing.KernelHarness;

class IntrospectionRequestTest {
    static KernelHarness kernel;

    @BeforeAll
    static void startKernel() {
        kernel = KernelHarness.start();
        kernel.execute("String greeting = \"hi\";");
    }

    @AfterAll
    static void stopKernel() {
        kernel.close();
    }

    private static ObjectNode withCursor(String code, int cursor) {
        ObjectNode content = Json.object();
        content.put("code", code);
        content.put("cursor_pos", cursor);
        return content;
    }

    @Test
    void completeReplyOffersMatchesForTheWordAtTheCursor() {
        ObjectNode reply = kernel.request("complete_request", withCursor("greeting.toUpp", 14)).replyContent();

        assertThat(reply.path("status").asText()).isEqualTo("ok");
        assertThat(reply.path("matches").toString()).contains("toUpperCase");
        assertThat(reply.path("cursor_end").asInt()).isEqualTo(14);
        assertThat(reply.path("cursor_start").asInt()).isEqualTo(9);
        assertThat(reply.path("metadata").isObject()).isTrue();
    }

    @Test
    void completeCursorCountsCodePointsNotUtf16Units() {
        // The emoji is one code point but two UTF-16 units: a client's cursor 21 is Java index 22.
        String code = "String s = \"\uD83D\uDE00\"; s.toUpp";
        int cursorInCodePoints = code.codePointCount(0, code.length());

        ObjectNode reply = kernel.request("complete_request", withCursor(code, cursorInCodePoints)).replyContent();

        assertThat(reply.path("matches").toString()).contains("toUpperCase");
        assertThat(reply.path("cursor_end").asInt()).isEqualTo(cursorInCodePoints);
        assertThat(reply.path("cursor_start").asInt()).isEqualTo(cursorInCodePoints - "toUpp".length());
    }

    @Test
    void inspectReplyFindsDocumentationOfAKnownName() {
        ObjectNode reply = kernel.request("inspect_request", withCursor("greeting.length()", 12)).replyContent();

        assertThat(reply.path("status").asText()).isEqualTo("ok");
        assertThat(reply.path("found").asBoolean()).isTrue();
        assertThat(reply.path("data").path("text/plain").asText()).contains("length");
    }

    @Test
    void inspectReplyOfNothingIsOkButNotFound() {
        ObjectNode reply = kernel.request("inspect_request", withCursor("   ", 1)).replyContent();

        assertThat(reply.path("status").asText()).isEqualTo("ok");
        assertThat(reply.path("found").asBoolean()).isFalse();
        assertThat(reply.path("data").isObject()).isTrue();
    }

    @Test
    void isCompleteTellsCompleteIncompleteWithIndentAndInvalid() {
        ObjectNode complete = Json.object().put("code", "int a = 1;");
        ObjectNode incomplete = Json.object().put("code", "for (int i = 0; i < 3; i++) {");
        ObjectNode invalid = Json.object().put("code", "int 1a = ;");

        assertThat(kernel.request("is_complete_request", complete).replyContent().path("status").asText())
                .isEqualTo("complete");
        ObjectNode open = kernel.request("is_complete_request", incomplete).replyContent();
        assertThat(open.path("status").asText()).isEqualTo("incomplete");
        assertThat(open.has("indent")).isTrue();
        assertThat(kernel.request("is_complete_request", invalid).replyContent().path("status").asText())
                .isEqualTo("invalid");
    }
}
