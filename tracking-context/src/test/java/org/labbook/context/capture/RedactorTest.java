package org.labbook.context.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    private final Redactor redactor = Redactor.standard();

    @ParameterizedTest
    @ValueSource(strings = {"password", "dbPassword", "DB_PASSWD", "secret", "clientSecret", "GITHUB_TOKEN",
            "token", "apiKey", "API_KEY", "api-key", "openai.apikey", "awsCredentials", "private_key",
            "privateKey", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "auth", "authToken", "SESSION_KEY",
            "sessionKey", "passphrase", "HF_TOKEN", "LABBOOK_STORE_PASSWORD", "oauth", "Authorization"})
    void namesThatLookLikeSecretsAreRecognised(String name) {
        assertThat(redactor.isSecretName(name)).isTrue();
        assertThat(redactor.redactValue(name, "s3cr3t-value")).isEqualTo(Redactor.MARKER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenizer", "tokens", "author", "authority", "keyword", "learningRate", "JAVA_HOME",
            "passCount", "monkey", "LANG", "x", "epochs", "keySet", "primaryKey"})
    void harmlessNamesKeepTheirValues(String name) {
        assertThat(redactor.isSecretName(name)).isFalse();
        assertThat(redactor.redactValue(name, "0.001")).isEqualTo("0.001");
    }

    @Test
    void credentialFormatsInOutputAreReplaced() {
        String text = String.join("\n",
                "aws AKIAIOSFODNN7EXAMPLE done",
                "gh ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                "pat github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
                "slack xoxb-123456789012-abcdefABCDEF",
                "openai sk-proj-abcdefghijklmnopqrstuvwxyz012345",
                "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                "google AIzaSyA1234567890abcdefghijklmnopqrstuv",
                "url postgresql://alice:hunter2@db.example.com:5432/lab",
                "header Authorization: Bearer abc123def456ghi789",
                "jdbc:postgresql://db/lab?user=alice&password=hunter2&ssl=true");
        String out = redactor.redactText(text);
        assertThat(out).doesNotContain("AKIAIOSFODNN7EXAMPLE", "ghp_16C7e42F", "github_pat_11ABCDEFG", "xoxb-1234",
                "sk-proj-abc", "eyJhbGciOiJIUzI1NiJ9", "AIzaSyA123", "hunter2", "abc123def456");
        assertThat(out).contains("postgresql://alice:[redacted]@db.example.com", "Bearer [redacted]", "ssl=true",
                "aws [redacted] done");
    }

    @Test
    void privateKeyBlocksAreReplacedWholeEvenWhenCutBeforeTheirEnd() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6\n"
                + "-----END RSA PRIVATE KEY-----";
        assertThat(redactor.redactText("key:\n" + pem + "\nafter")).isEqualTo("key:\n[redacted]\nafter");
        assertThat(redactor.redactText("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA"))
                .isEqualTo(Redactor.MARKER);
    }

    @Test
    void secretAssignmentsInOutputLoseTheirValues() {
        assertThat(redactor.redactText("PASSWORD=hunter2 next")).isEqualTo("PASSWORD=[redacted] next");
        assertThat(redactor.redactText("{\"apiKey\": \"abc-def\", \"lr\": 0.1}"))
                .isEqualTo("{\"apiKey\": \"[redacted]\", \"lr\": 0.1}");
        assertThat(redactor.redactText("db.password: swordfish")).isEqualTo("db.password: [redacted]");
    }

    @Test
    void ordinaryTrainingOutputIsUnchanged() {
        String log = "epoch 3/10 loss=0.2345 acc=0.91 tokens: 1024 tokenizer=bert author=Ada lr 0.001\n"
                + "Basic statistics computed over 12000 rows; token budget 4096";
        assertThat(redactor.redactText(log)).isEqualTo(log);
    }

    @Test
    void sourceKeepsCodeThatReadsSecretsButLosesSecretLiterals() {
        String source = "String password = System.getenv(\"DB_PASSWORD\");\nString apiKey = \"live-42-xyz\";\n"
                + "var url = \"https://bob:pw123@host/x\";";
        String out = redactor.redactSource(source);
        assertThat(out).contains("String password = System.getenv(\"DB_PASSWORD\");",
                "String apiKey = \"[redacted]\";", "https://bob:[redacted]@host/x");
        assertThat(out).doesNotContain("live-42-xyz", "pw123");
    }

    @Test
    void environmentIsSortedAndMasked() {
        Map<String, String> env = redactor.redactEnvironment(Map.of("LANG", "C.UTF-8", "LABBOOK_TOKEN", "abc",
                "MAVEN_OPTS", "-Dtoken=ghp_16C7e42F292c6912E7710c838347Ae178B4a"));
        assertThat(env).containsExactly(Map.entry("LABBOOK_TOKEN", "[redacted]"), Map.entry("LANG", "C.UTF-8"),
                Map.entry("MAVEN_OPTS", "-Dtoken=[redacted]"));
    }

    @Test
    void longRunsOfNameCharactersAreScannedQuickly() {
        // Would take minutes if the name patterns backtracked quadratically.
        String garbage = "a.".repeat(500_000);
        assertThat(redactor.redactText(garbage)).isEqualTo(garbage);
    }
}
