package org.labbook.tracking.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.labbook.tracking.testkit.Fuzz;

/**
 * Whatever the text and whatever the collected values, scrubbing never throws and its output never contains
 * a collected value, in any of its modes. Texts are built from fragments of the values themselves, the
 * marker's pieces, credential-shaped words and noise, so that values overlap, nest and touch markers.
 */
class ScrubberFuzzTest {

    private static final String NOISE = " \n\t=:\"'[]{}@/\\+-_.,;?&redactREDACT0123456789abcxyz\u00e9\u20ac😀\u0000";
    private static final List<String> FRAGMENTS = List.of("[redacted]", "[redac", "ted]", "d]", "[", "]", "password=",
            "PASSWORD: ", "export DB_PASSWORD=", "+token=", "postgresql://u:", "@db/x", "ghp_", "AKIA", "eyJ", "\n+",
            "-----BEGIN PRIVATE KEY-----", "Bearer ", "?secret=", "\"apiKey\": \"");

    private Fuzz fuzz;

    @BeforeEach
    void seed(TestInfo test) {
        fuzz = Fuzz.forTest(test);
    }

    record Case(List<String> values, String text) {
    }

    @Test
    void outputNeverHoldsACollectedValueAndScrubbingNeverThrows() {
        fuzz.forAll(10_000, ScrubberFuzzTest::generate, input -> {
            SecretValues values = new SecretValues();
            input.values().forEach(values::add);
            Scrubber scrubber = Scrubber.of(RedactionSettings.none(), values);
            for (String out : List.of(scrubber.text(input.text()), scrubber.source(input.text()),
                    scrubber.diff(input.text()), scrubber.values(input.text()))) {
                for (String value : values.values()) {
                    assertThat(out).as("value %s", Fuzz.literal(value)).doesNotContain(value);
                }
            }
        });
    }

    private static Case generate(Random random) {
        List<String> values = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            values.add(piece(random, List.of(), 4 + random.nextInt(14)));
        }
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(30);
        for (int i = 0; i < parts; i++) {
            int kind = random.nextInt(4);
            if (kind == 0 && !values.isEmpty()) {
                String value = values.get(random.nextInt(values.size()));
                // Whole, or a prefix or suffix of it, so that values are cut, joined and overlapped.
                int from = random.nextInt(3) == 0 ? random.nextInt(value.length()) : 0;
                int to = random.nextInt(3) == 0 ? from + random.nextInt(value.length() - from + 1) : value.length();
                text.append(value, from, to);
            } else if (kind == 1) {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            } else {
                text.append(piece(random, values, 1 + random.nextInt(8)));
            }
        }
        return new Case(values, text.toString());
    }

    private static String piece(Random random, List<String> values, int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            if (random.nextInt(5) == 0) {
                out.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            } else {
                out.appendCodePoint(NOISE.codePointAt(NOISE.offsetByCodePoints(0, random.nextInt(NOISE.codePointCount(0,
                        NOISE.length())))));
            }
        }
        return out.toString();
    }
}
