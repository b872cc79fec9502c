package org.labbook.tracking.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.StoreLocation;

class ScrubberTest {

    private static final String MARKER = Scrubber.MARKER;

    private static Scrubber scrubberWith(String... values) {
        SecretValues collected = new SecretValues();
        for (String value : values) {
            collected.add(value);
        }
        return Scrubber.of(RedactionSettings.none(), collected);
    }

    @Test
    void aCollectedValueIsRemovedFromOutputSourceAndDiffWhereverItStands() {
        Scrubber scrubber = scrubberWith("hunter2x");
        assertThat(scrubber.text("pw hunter2x\n")).isEqualTo("pw " + MARKER + "\n");
        assertThat(scrubber.text("xhunter2xhunter2x")).isEqualTo("x" + MARKER + MARKER);
        assertThat(scrubber.source("connect(\"db\", \"hunter2x\");")).isEqualTo("connect(\"db\", \"" + MARKER + "\");");
        assertThat(scrubber.diff("+conn = open(hunter2x)")).isEqualTo("+conn = open(" + MARKER + ")");
        assertThat(scrubber.values("{\"text\":\"hunter2x\"}")).isEqualTo("{\"text\":\"" + MARKER + "\"}");
    }

    @Test
    void valuesShorterThanTheMinimumAreNotCollectedBecauseTheyOccurByChance() {
        SecretValues values = new SecretValues();
        assertThat(values.add("admin")).isFalse();
        assertThat(values.add("  12345  ")).isFalse();
        assertThat(values.add("redacted")).as("inside the marker").isFalse();
        assertThat(values.add("abc123")).isTrue();
        assertThat(SecretValues.MIN_LENGTH).isEqualTo(6);
        assertThat(Scrubber.of(RedactionSettings.none(), values).text("admin 12345 abc123")).isEqualTo("admin 12345 " + MARKER);
    }

    @Test
    void theLongerOfTwoValuesStartingAtOnePlaceIsReplacedWhole() {
        Scrubber scrubber = scrubberWith("secret1", "secret1-and-more");
        assertThat(scrubber.text("a secret1-and-more b secret1 c")).isEqualTo("a " + MARKER + " b " + MARKER + " c");
    }

    @Test
    void aValueHoldingQuotesIsFoundInJsonTextByItsEscapedForm() {
        Scrubber scrubber = scrubberWith("pa\"ss\\word");
        assertThat(scrubber.values("{\"v\": \"pa\\\"ss\\\\word\"}")).isEqualTo("{\"v\": \"" + MARKER + "\"}");
    }

    @Test
    void aValueThatAMarkerAndItsNeighboursCouldFormIsStillNeverLeftInTheOutput() {
        Scrubber scrubber = scrubberWith("hunter22", "ab[redac", "d]zz1234");
        String out = scrubber.text("abhunter22 and hunter22zz1234");
        assertThat(out).doesNotContain("ab[redac").doesNotContain("d]zz1234").doesNotContain("hunter22");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASSWORD", "PGPASSWORD", "MYSQL_PWD", "SMTP_PASSWD", "CLIENT_SECRET", "GITHUB_TOKEN",
            "HF_TOKEN", "AWS_SECRET_ACCESS_KEY", "STRIPE_KEY", "OPENAI_API_KEY", "GOOGLE_APPLICATION_CREDENTIALS",
            "dbPassword", "apiKey", "spring.datasource.password"})
    void environmentValuesOfSecretLookingNamesAreCollected(String name) {
        SecretValues values = SecretValues.fromEnvironment(Map.of(name, "value-of-" + name, "HOME", "/home/user1"),
                SecretNames.builtIn());
        assertThat(values.values()).containsExactly("value-of-" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOME", "PATH", "TOKENIZERS_PARALLELISM", "AUTHOR", "KEYBOARD", "LANG", "JAVA_HOME"})
    void environmentValuesOfOrdinaryNamesAreNotCollected(String name) {
        assertThat(SecretValues.fromEnvironment(Map.of(name, "/usr/lib/jvm/x"), SecretNames.builtIn()).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+spring.datasource.password=hunter2|+spring.datasource.password=[redacted]",
            "+DB_PASSWORD=hunter2|+DB_PASSWORD=[redacted]",
            "+  password: hunter2|+  password: [redacted]",
            "-  password: hunter2|-  password: [redacted]",
            "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|export AWS_SECRET_ACCESS_KEY=[redacted]",
            "+export GITHUB_TOKEN=\"abc def\"|+export GITHUB_TOKEN=\"[redacted]\"",
            "+api_key = abc|+api_key = [redacted]",
            "+\"client_secret\": \"abc\",|+\"client_secret\": \"[redacted]\",",
            "+learning_rate=0.1|+learning_rate=0.1",
            "+tokens: 1024|+tokens: 1024",
            "+  String password = readPassword();|+  String password = readPassword();"})
    void aDiffLosesTheValueOfEveryConfigLineWhoseKeyLooksSecret(String line, String expected) {
        String diff = "diff --git a/app.properties b/app.properties\n@@ -1,2 +1,2 @@\n" + line + "\n unchanged=1\n";
        assertThat(Scrubber.of(RedactionSettings.none(), new SecretValues()).diff(diff))
                .isEqualTo("diff --git a/app.properties b/app.properties\n@@ -1,2 +1,2 @@\n" + expected + "\n unchanged=1\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://admin:Zx9/ab+cd@db|postgresql://admin:[redacted]@db",
            "postgresql://admin:p@ss@db/prod|postgresql://admin:[redacted]@db/prod",
            "postgresql://:secret@db/prod|postgresql://:[redacted]@db/prod",
            "mysql://root:TopSecret99@db/x|mysql://root:[redacted]@db/x",
            "https://x-access-token:ghs_abc@github.com/o/r.git|https://x-access-token:[redacted]@github.com/o/r.git",
            "jdbc:postgresql://db/x?user=a&password=pw1|jdbc:postgresql://db/x?user=a&password=[redacted]",
            "see https://example.com/page for more|see https://example.com/page for more"})
    void urlPasswordsAreRemovedWholeWhateverTheyHold(String url, String expected) {
        String out = Scrubber.of(RedactionSettings.none(), new SecretValues()).text("connecting to " + url + " now");
        assertThat(out).isEqualTo("connecting to " + expected + " now");
    }

    @Test
    void anUnsupportedStoreUriIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> Labbook.open("mysql://root:TopSecret99@db/x"))
                .hasMessageNotContaining("TopSecret99").hasMessageContaining("mysql");
        assertThat(StoreLocation.redact("mysql://root:TopSecret99@db/x")).doesNotContain("TopSecret99");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ghp_abcdefghijklmnopqrstuvwxyz0123456789", "AKIAIOSFODNN7EXAMPLE",
            "xoxb-1234567890-abcdefghij", "sk-proj-abcdefghijklmnopqrstuvwx", "glpat-abcdefghijklmnopqrst",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "hf_abcdefghijklmnopqrstuvwxyz0123456789"})
    void knownTokenFormatsAreRemovedWithoutBeingCollected(String token) {
        assertThat(Scrubber.of(RedactionSettings.none(), new SecretValues()).text("using " + token + " here"))
                .isEqualTo("using " + MARKER + " here");
    }

    @Test
    void tokenCountsAndTokenizersSurviveWhileATokenIsRemoved() {
        Scrubber scrubber = Scrubber.of(RedactionSettings.none(), new SecretValues());
        assertThat(scrubber.text("tokens: 1024 tokenizer=bpe token=abc123 Token 9f8e7d6c5b"))
                .isEqualTo("tokens: 1024 tokenizer=bpe token=" + MARKER + " Token " + MARKER);
        assertThat(scrubber.text("authorization: Basic YWRtaW46czNjcjN0")).isEqualTo("authorization: Basic " + MARKER);
    }

    @Test
    void environmentCaptureMasksSecretNamesAndScrubsTheRest() {
        Scrubber scrubber = scrubberWith("s3cr3t-value");
        Map<String, String> out = scrubber.environment(Map.of("DB_PASSWORD", "x", "JAVA_OPTS", "-Dpw=s3cr3t-value",
                "LANG", "C.UTF-8"));
        assertThat(out).containsEntry("DB_PASSWORD", MARKER).containsEntry("JAVA_OPTS", "-Dpw=" + MARKER)
                .containsEntry("LANG", "C.UTF-8");
    }

    @Test
    void settingsAddNamesAndPatternsAndABrokenPatternIsUsedAsLiteralTextWithAWarning() {
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        RedactionSettings settings = RedactionSettings.of(
                Map.of(RedactionSettings.NAMES_VARIABLE, "*_PIN, internal_url",
                        RedactionSettings.PATTERNS_VARIABLE, "ACME-[0-9]{8};;ZZ[9"),
                null, null, new PrintStream(warnings, true, StandardCharsets.UTF_8));
        assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("ZZ[9").contains("literal")
                .contains(RedactionSettings.PATTERNS_VARIABLE);
        SecretNames names = SecretNames.with(settings);
        assertThat(names.isSecret("CARD_PIN")).isTrue();
        assertThat(names.isSecret("INTERNAL_URL")).isTrue();
        assertThat(names.isSecret("PINNED")).isFalse();
        SecretValues values = SecretValues.fromEnvironment(Map.of("INTERNAL_URL", "https://intra.example/x"), names);
        Scrubber scrubber = Scrubber.of(settings, values);
        assertThat(scrubber.text("order ACME-12345678 at https://intra.example/x ZZ[9"))
                .isEqualTo("order " + MARKER + " at " + MARKER + " " + MARKER);
        assertThat(scrubber.diff("+CARD_PIN=4321")).isEqualTo("+CARD_PIN=" + MARKER);
    }

    @Test
    void aPropertyOverridesTheEnvironmentVariableButOnlyAddsToTheBuiltInRules() {
        RedactionSettings settings = RedactionSettings.of(Map.of(RedactionSettings.NAMES_VARIABLE, "A_NAME"),
                "OTHER_NAME", null, System.err);
        SecretNames names = SecretNames.with(settings);
        assertThat(names.isSecret("OTHER_NAME")).isTrue();
        assertThat(names.isSecret("DB_PASSWORD")).isTrue();
    }

    @Test
    void textThatCannotBeScrubbedIsWithheldWholeNeverKeptRaw() {
        // A user pattern whose matching overflows the regex engine's stack on a long input.
        RedactionSettings settings = new RedactionSettings(java.util.List.of(),
                java.util.List.of(java.util.regex.Pattern.compile("(x|y)*z")));
        Scrubber scrubber = Scrubber.of(settings, new SecretValues());
        String hostile = "xy".repeat(500_000) + " hunter2";
        assertThat(scrubber.text(hostile)).isEqualTo(MARKER);
        assertThat(scrubber.diff(hostile)).isEqualTo(MARKER);
    }

    @Test
    void bytesThatAreNotUtf8AreNotReturnedUnscrubbed() {
        Scrubber scrubber = scrubberWith("hunter2x");
        byte[] broken = {'h', 'u', 'n', 't', 'e', 'r', '2', 'x', (byte) 0xC3};
        assertThat(scrubber.valuesInUtf8(broken)).isEmpty();
        assertThat(new String(scrubber.valuesInUtf8("a hunter2x".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("a " + MARKER);
    }
}
