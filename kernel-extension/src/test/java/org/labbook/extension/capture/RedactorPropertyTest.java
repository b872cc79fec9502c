package org.labbook.extension.capture;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Planted secrets of every known format never survive, whatever text surrounds them. */
class RedactorPropertyTest {

    private final Redactor redactor = Redactor.standard();

    @Property(tries = 300)
    void plantedCredentialsNeverSurviveInOutput(@ForAll("surroundingText") String before,
                                                @ForAll("credentials") Planted planted,
                                                @ForAll("surroundingText") String after) {
        String out = redactor.redactText(before + " " + planted.text() + "\n" + after);
        assertThat(out).doesNotContain(planted.secret());
    }

    @Property(tries = 300)
    void plantedCredentialsNeverSurviveInSource(@ForAll("credentials") Planted planted) {
        String source = "var client = connect(\"" + planted.text() + "\");\nSystem.out.println(client);";
        assertThat(redactor.redactSource(source)).doesNotContain(planted.secret());
    }

    /** A credential as it appears in text, and the part of it that must not survive. */
    record Planted(String text, String secret) {
        static Planted whole(String text) {
            return new Planted(text, text);
        }
    }

    @Property(tries = 300)
    void valuesOfSecretNamedVariablesNeverSurvive(@ForAll("secretNames") String name,
                                                  @ForAll("surroundingText") String value) {
        assertThat(redactor.redactValue(name, value)).isEqualTo(Redactor.MARKER);
    }

    @Property(tries = 200)
    void secretAssignmentsInOutputNeverKeepTheirValue(@ForAll("secretNames") String name,
                                                      @ForAll("passwords") String value) {
        String out = redactor.redactText("config " + name + "=" + value + " loaded");
        assertThat(out).doesNotContain(value);
    }

    @Property(tries = 200)
    void textWithoutSecretsIsLeftAlone(@ForAll("surroundingText") String text) {
        assertThat(redactor.redactText(text)).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> surroundingText() {
        Arbitrary<String> word = Arbitraries.of("epoch", "loss", "0.25", "acc", "=", "step", "42", "done", "the",
                "model", "[INFO]", "train", "val:", "batch", "lr", "(x)", "->", "tokens:", "1024", "author");
        return word.list().ofMaxSize(30).map(words -> String.join(" ", words));
    }

    @Provide
    Arbitrary<Planted> credentials() {
        Arbitrary<String> alnum = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').ofMinLength(40).ofMaxLength(60);
        Arbitrary<String> upperDigits = Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9')
                .ofLength(16);
        Arbitrary<String> base64url = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('-', '_').ofMinLength(10).ofMaxLength(80);
        Arbitrary<String> whole = Arbitraries.oneOf(
                upperDigits.map(s -> "AKIA" + s),
                alnum.map(s -> "ghp_" + s),
                alnum.map(s -> "gho_" + s),
                alnum.map(s -> "github_pat_" + s),
                alnum.map(s -> "xoxb-" + s),
                alnum.map(s -> "xoxp-" + s),
                alnum.map(s -> "sk-" + s),
                alnum.map(s -> "sk-proj-" + s),
                alnum.map(s -> "AIza" + s.substring(0, 35)),
                Combinators.combine(base64url, base64url, base64url).as((a, b, c) -> "eyJ" + a + "." + b + "." + c),
                alnum.map(s -> "-----BEGIN PRIVATE KEY-----\n" + s + "\n" + s + "\n-----END PRIVATE KEY-----"),
                alnum.map(s -> "-----BEGIN EC PRIVATE KEY-----\n" + s));
        Arbitrary<Planted> partial = Arbitraries.oneOf(
                alnum.map(s -> "x" + s.substring(0, 12))
                        .map(pw -> new Planted("https://user:" + pw + "@example.com/repo.git", pw)),
                alnum.map(s -> "7" + s).map(token -> new Planted("Authorization: Bearer " + token, token)));
        return Arbitraries.oneOf(whole.map(Planted::whole), partial);
    }

    @Provide
    Arbitrary<String> secretNames() {
        Arbitrary<String> prefix = Arbitraries.of("", "db", "openai", "my", "LABBOOK", "aws", "client", "github");
        Arbitrary<String> secret = Arbitraries.of("password", "passwd", "secret", "token", "api key", "credential",
                "private key", "access key", "session key", "auth token", "secret access key");
        Arbitrary<String> style = Arbitraries.of("snake", "SCREAMING", "camel", "kebab", "dotted");
        return Combinators.combine(prefix, secret, style).as(RedactorPropertyTest::styled);
    }

    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('!', '#', '$', '%', '*', '+', '/', '.', '-', '_').ofMinLength(6).ofMaxLength(30);
    }

    private static String styled(String prefix, String secret, String style) {
        String words = (prefix.isEmpty() ? "" : prefix + " ") + secret;
        String[] parts = words.toLowerCase().split(" ");
        return switch (style) {
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
}
