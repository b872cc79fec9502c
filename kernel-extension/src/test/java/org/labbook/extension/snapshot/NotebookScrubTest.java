package org.labbook.extension.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.labbook.tracking.redact.RedactionSettings;
import org.labbook.tracking.redact.Scrubber;
import org.labbook.tracking.redact.SecretValues;

class NotebookScrubTest {

    private static final String MARKER = Scrubber.MARKER;

    private static Scrubber scrubber() {
        SecretValues values = new SecretValues();
        values.add("Hx7-env-pass-93kQ");
        return Scrubber.of(RedactionSettings.none(), values);
    }

    private static String scrubbed(String notebook) {
        return new String(NotebookScrub.scrub(notebook.getBytes(StandardCharsets.UTF_8), scrubber()).orElseThrow(),
                StandardCharsets.UTF_8);
    }

    @Test
    void aNotebookWithNothingToHideIsCopiedByteForByte() {
        String notebook = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"int epochs = 3;\"], \"outputs\": []}],"
                + "  \"nbformat\": 4}";
        assertThat(scrubbed(notebook)).isEqualTo(notebook);
    }

    @Test
    void sourcesOutputsAndMarkdownLoseSecretsAndSourcesStillReadAsCode() {
        String notebook = """
                {"cells": [
                 {"cell_type": "markdown", "source": ["The password is Hx7-env-pass-93kQ."]},
                 {"cell_type": "code", "source": ["String password = readPassword();\\n", "String apiKey = \\"abc-123\\";"],
                  "outputs": [{"output_type": "stream", "name": "stderr", "text": ["pw Hx7-env-pass-93kQ\\n"]},
                              {"output_type": "execute_result", "data": {"text/html": ["<b>password=swordfish</b>"]}}]}],
                 "nbformat": 4}
                """;
        String out = scrubbed(notebook);
        assertThat(out).doesNotContain("Hx7-env-pass-93kQ").doesNotContain("abc-123").doesNotContain("swordfish")
                .contains("String password = readPassword();").contains("pw " + MARKER)
                .contains("The password is " + MARKER);
    }

    @Test
    void aPrivateKeySplitOverSourceLinesIsFoundWhole() {
        String notebook = "{\"cells\": [{\"cell_type\": \"code\", \"outputs\": [], \"source\": ["
                + "\"-----BEGIN RSA PRIVATE KEY-----\\n\", \"MIIEowIBAAKCAQEA\\n\", \"-----END RSA PRIVATE KEY-----\\n\"]}]}";
        assertThat(scrubbed(notebook)).doesNotContain("MIIEowIBAAKCAQEA").contains(MARKER);
    }

    @Test
    void aFileThatIsNotJsonIsScrubbedAsTextAndOneThatIsNotUtf8IsNotCopied() {
        assertThat(scrubbed("not json: Hx7-env-pass-93kQ")).isEqualTo("not json: " + MARKER);
        byte[] latin1 = "pw Hx7-env-pass-93kQ \u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(NotebookScrub.scrub(latin1, scrubber())).isEmpty();
    }
}
