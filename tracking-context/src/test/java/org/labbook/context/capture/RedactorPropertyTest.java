package org.labbook.context.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.labbook.tracking.testkit.Fuzz;

/**
 * Planted secrets of every known format never survive, whatever text surrounds them.
 *
 * <p>Inputs come from a fixed seed, so every build checks the same ones and a failure repeats;
 * {@code -Dlabbook.fuzz.seed=N} checks others. A failure names the seed and the input (see {@link Fuzz}).
 */
class RedactorPropertyTest {

    private static final List<String> WORDS = List.of("epoch", "loss", "0.25", "acc", "=", "step", "42", "done", "the",
            "model", "[INFO]", "train", "val:", "batch", "lr", "(x)", "->", "tokens:", "1024", "author");
    private static final List<String> PREFIXES = List.of("", "db", "openai", "my", "LABBOOK", "aws", "client", "github");
    private static final List<String> SECRETS = List.of("password", "passwd", "secret", "token", "api key", "credential",
            "private key", "access key", "session key", "auth token", "secret access key");
    private static final List<String> STYLES = List.of("snake", "SCREAMING", "camel", "kebab", "dotted");

    private static final String LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Redactor redactor = Redactor.standard();

    private Fuzz fuzz;

    @BeforeEach
    void seedPerProperty(TestInfo test) {
        // Each property draws its own inputs, whichever ran before it.
        fuzz = Fuzz.forTest(test);
    }

    /** A credential as it appears in text, and the part of it that must not survive. */
    record Planted(String text, String secret) {
        static Planted whole(String text) {
            return new Planted(text, text);
        }
    }

    record InText(String before, Planted planted, String after) {}

    record Assignment(String name, String value) {}

    @Test
    void plantedCredentialsNeverSurviveInOutput() {
        fuzz.forAll(300, random -> new InText(surroundingText(random), credential(random), surroundingText(random)),
                input -> {
                    String out = redactor.redactText(
                            input.before() + " " + input.planted().text() + "\n" + input.after());
                    assertThat(out).doesNotContain(input.planted().secret());
                });
    }

    @Test
    void plantedCredentialsNeverSurviveInSource() {
        fuzz.forAll(300, RedactorPropertyTest::credential, planted -> {
            String source = "var client = connect(\"" + planted.text() + "\");\nSystem.out.println(client);";
            assertThat(redactor.redactSource(source)).doesNotContain(planted.secret());
        });
    }

    @Test
    void valuesOfSecretNamedVariablesNeverSurvive() {
        fuzz.forAll(300, random -> new Assignment(secretName(random), surroundingText(random)),
                input -> assertThat(redactor.redactValue(input.name(), input.value())).isEqualTo(Redactor.MARKER));
    }

    @Test
    void secretAssignmentsInOutputNeverKeepTheirValue() {
        fuzz.forAll(200, random -> new Assignment(secretName(random), password(random)), input -> {
            String out = redactor.redactText("config " + input.name() + "=" + input.value() + " loaded");
            assertThat(out).doesNotContain(input.value());
        });
    }

    @Test
    void textWithoutSecretsIsLeftAlone() {
        fuzz.forAll(200, RedactorPropertyTest::surroundingText,
                text -> assertThat(redactor.redactText(text)).isEqualTo(text));
    }

    private static String surroundingText(Random random) {
        String[] words = new String[random.nextInt(31)];
        for (int i = 0; i < words.length; i++) {
            words[i] = pick(random, WORDS);
        }
        return String.join(" ", words);
    }

    /** Half whole tokens of every known format, half secrets that are only part of what surrounds them. */
    private static Planted credential(Random random) {
        String alnum = chars(random, LETTERS_AND_DIGITS, 40, 60);
        if (random.nextBoolean()) {
            String password = "x" + alnum.substring(0, 12);
            return random.nextBoolean() ? new Planted("https://user:" + password + "@example.com/repo.git", password)
                    : new Planted("Authorization: Bearer 7" + alnum, "7" + alnum);
        }
        return Planted.whole(switch (random.nextInt(12)) {
            case 0 -> "AKIA" + chars(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16, 16);
            case 1 -> "ghp_" + alnum;
            case 2 -> "gho_" + alnum;
            case 3 -> "github_pat_" + alnum;
            case 4 -> "xoxb-" + alnum;
            case 5 -> "xoxp-" + alnum;
            case 6 -> "sk-" + alnum;
            case 7 -> "sk-proj-" + alnum;
            case 8 -> "AIza" + alnum.substring(0, 35);
            case 9 -> "eyJ" + base64Url(random) + "." + base64Url(random) + "." + base64Url(random);
            case 10 -> "-----BEGIN PRIVATE KEY-----\n" + alnum + "\n" + alnum + "\n-----END PRIVATE KEY-----";
            default -> "-----BEGIN EC PRIVATE KEY-----\n" + alnum;
        });
    }

    private static String base64Url(Random random) {
        return chars(random, LETTERS_AND_DIGITS + "-_", 10, 80);
    }

    private static String password(Random random) {
        return chars(random, LETTERS_AND_DIGITS + "!#$%*+/.-_", 6, 30);
    }

    /** A secret-sounding name, with or without a prefix, in any of the usual spellings. */
    private static String secretName(Random random) {
        String prefix = pick(random, PREFIXES);
        String words = (prefix.isEmpty() ? "" : prefix + " ") + pick(random, SECRETS);
        String[] parts = words.toLowerCase().split(" ");
        return switch (pick(random, STYLES)) {
            case "snake" -> String.join("_", parts);
            case "SCREAMING" -> String.join("_", parts).toUpperCase();
            case "kebab" -> String.join("-", parts);
            case "dotted" -> String.join(".", parts);
            default -> {
                StringBuilder out = new StringBuilder(parts[0]);
                for (int i = 1; i < parts.length; i++) {
                    out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
                }
                yield out.toString();
            }
        };
    }

    private static String pick(Random random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String chars(Random random, String alphabet, int minLength, int maxLength) {
        char[] chars = new char[minLength + random.nextInt(maxLength - minLength + 1)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }
}
