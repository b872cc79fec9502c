package org.labbook.tracking.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.labbook.tracking.ValidationException;
import org.labbook.tracking.testkit.Fuzz;

/** The space-definition grammar: what it reads, what it refuses in one line, and that it never breaks. */
class SpaceTest {
    private Fuzz fuzz;

    @BeforeEach
    void fuzz(TestInfo test) {
        fuzz = Fuzz.forTest(test);
    }

    @Test
    void readsTheFourDistributions() {
        Space space = Space.parse("""
                lr: loguniform(1e-5, 1e-1)
                batch: choice(16, 32, 64, 128)
                dropout: uniform(0.1, 0.5)   # a comment
                layers: int(1, 4)

                # a comment line
                optimizer: choice(adam, "sgd \\"momentum\\"", true, 0.5)
                """);
        assertThat(space).isEqualTo(Space.of(Space.logUniform("lr", 1e-5, 1e-1), Space.choice("batch", 16, 32, 64, 128),
                Space.uniform("dropout", 0.1, 0.5), Space.intRange("layers", 1, 4),
                Space.choice("optimizer", "adam", "sgd \"momentum\"", true, 0.5)));
        assertThat(Space.parse(space.toText())).isEqualTo(space);
    }

    @Test
    void badSpacesGetOneLineNamingTheProblem() {
        assertRefused("batch: choice()", "batch: choice() is empty");
        assertRefused("dropout: uniform(0.5, 0.1)", "low > high");
        assertRefused("lr: loguniform(0, 0.1)", "non-positive bound");
        assertRefused("lr: lognormal(0, 1)", "unknown distribution 'lognormal'");
        assertRefused("lr: uniform(0, 1)\nlr: uniform(1, 2)", "'lr' is defined twice");
        assertRefused("layers: int(1.5, 4)", "whole number");
        assertRefused("lr uniform(0, 1)", "expected ':'");
        assertRefused("lr: uniform(0, 1", "expected ')'");
        assertRefused("lr: uniform(0)", "two bounds");
        assertRefused("", "no parameters");
        assertRefused("a: choice(\"x)", "not closed");
    }

    private static void assertRefused(String text, String fragment) {
        assertThatThrownBy(() -> Space.parse(text))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith("Invalid"));
    }

    @Test
    void anyTextEitherParsesOrIsRefusedWithOneLine() {
        String[] pieces = {"lr", "batch", ":", " ", "(", ")", ",", "uniform", "loguniform", "int", "choice", "1e-5",
            "-3", "0.5", "\"", "\\", "\n", "#", "true", "x.y", "é", "\t", "1e999", "--1", "\u0000"};
        fuzz.forAllTexts(5_000, random -> {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                text.append(random.nextInt(4) == 0 ? String.valueOf((char) random.nextInt(128))
                        : pieces[random.nextInt(pieces.length)]);
            }
            return text.toString();
        }, text -> {
            try {
                Space space = Space.parse(text);
                assertThat(Space.parse(space.toText())).isEqualTo(space);
            } catch (ValidationException e) {
                assertThat(e.getMessage()).startsWith("Invalid").doesNotContain("\n");
            }
        });
    }

    @Test
    void everyGeneratedSpaceReadsBackFromItsText() {
        fuzz.forAll(2_000, SpaceTest::randomSpace, space -> assertThat(Space.parse(space.toText())).isEqualTo(space));
    }

    private static Space randomSpace(Random random) {
        List<Dimension> dims = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String name = "p" + i + (random.nextBoolean() ? "_x" : ".y");
            double a = random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
            double b = a + Math.abs(random.nextGaussian()) * Math.pow(10, random.nextInt(8) - 4);
            dims.add(switch (random.nextInt(4)) {
                case 0 -> Space.uniform(name, a, b);
                case 1 -> Space.logUniform(name, Math.abs(a) + 1e-9, Math.abs(a) + 1e-9 + Math.abs(b - a));
                case 2 -> Space.intRange(name, random.nextInt(100) - 50, 50 + random.nextInt(100));
                default -> {
                    List<Object> values = new ArrayList<>();
                    int k = 1 + random.nextInt(5);
                    for (int j = 0; j < k; j++) {
                        Object v = switch (random.nextInt(4)) {
                            case 0 -> (long) random.nextInt(1000) * 1000 + j;
                            case 1 -> random.nextDouble() + j;
                            case 2 -> "s" + j + (char) (32 + random.nextInt(95)) + "\"\\\t";
                            default -> j % 2 == 0;
                        };
                        if (!values.contains(v)) {
                            values.add(v);
                        }
                    }
                    yield new Dimension.Choice(name, values);
                }
            });
        }
        return new Space(dims);
    }
}
