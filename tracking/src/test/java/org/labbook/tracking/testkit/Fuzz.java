package org.labbook.tracking.testkit;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.junit.jupiter.api.TestInfo;

/**
 * A small kit for property tests: generated inputs are checked one by one, and the first that fails is
 * reported with everything needed to repeat it.
 *
 * <p>Inputs come from a fixed seed, {@value #DEFAULT_SEED}, so every build checks the same ones and a
 * failure repeats; {@code -Dlabbook.fuzz.seed=N} checks others. Each test method draws from its own
 * {@link Random}, derived from the seed and the method's name, so its inputs are the same whichever
 * tests ran before it. A test class makes one {@code Fuzz} per method, in a {@code @BeforeEach} method
 * that takes JUnit's {@link TestInfo} and calls {@link #forTest(TestInfo)}.
 *
 * <p>A failure reads, with the check's own failure as its cause:
 * <pre>
 * Failed on input 17 of 10000 from seed 20240917 (-Dlabbook.fuzz.seed=20240917 repeats it); the input,
 * shrunk from 212 characters: "metrics.x = 'a"
 * </pre>
 * The input is shown as a Java string literal, so every invisible character shows and it pastes into a
 * test. A failing input is first shrunk if the property has a {@link Shrinker}; texts have
 * {@link #shrinkText one}.
 */
public final class Fuzz {

    /** The seed every build uses unless {@code -Dlabbook.fuzz.seed} names another. */
    public static final long DEFAULT_SEED = 20_240_917L;

    /** The seed of this run. */
    public static final long SEED = Long.getLong("labbook.fuzz.seed", DEFAULT_SEED);

    /**
     * Checks the text shrinker may make: enough to cut a failing 100,000-character text down by whole
     * spans, or a 10,000-character one to its core, in a few seconds.
     */
    public static final int SHRINK_ATTEMPTS = 2_000;

    /** How long a literal shows an input before cutting it off. */
    private static final int SHOWN_UNITS = 500;

    private final Random random;

    private Fuzz(Random random) {
        this.random = random;
    }

    /** Inputs for the test method being run. */
    public static Fuzz forTest(TestInfo test) {
        return forMethod(test.getTestMethod().orElseThrow().getName());
    }

    /** Inputs for the test method of this name. */
    public static Fuzz forMethod(String name) {
        return new Fuzz(new Random(SEED ^ name.hashCode()));
    }

    /** Makes a failing input smaller, keeping only changes after which {@code fails} still holds. */
    @FunctionalInterface
    public interface Shrinker<T> {
        T shrink(T failing, Predicate<T> fails);
    }

    /**
     * A failure reported as it is found, without shrinking, and not counted as failing while another is
     * shrunk: one that every smaller try could repeat at full cost, such as a timeout.
     */
    public static class Unshrinkable extends AssertionError {
        private static final long serialVersionUID = 1L;

        public Unshrinkable(String message) {
            super(message);
        }
    }

    /** Checks {@code tries} generated inputs; the first failure is reported with the seed and the input. */
    public <T> void forAll(int tries, Function<Random, T> generate, Consumer<T> check) {
        forAll(tries, generate, check, (failing, fails) -> failing);
    }

    /** Checks {@code tries} generated texts; the first failure is reported with the seed and the text, shrunk. */
    public void forAllTexts(int tries, Function<Random, String> generate, Consumer<String> check) {
        forAll(tries, generate, check, Fuzz::shrinkText);
    }

    /** Checks {@code tries} generated inputs; the first failure is reported with the seed and the input, shrunk. */
    public <T> void forAll(int tries, Function<Random, T> generate, Consumer<T> check, Shrinker<T> shrinker) {
        for (int i = 1; i <= tries; i++) {
            T input = generate.apply(random);
            Throwable failure = failureOf(check, input);
            if (failure != null) {
                T smallest = failure instanceof Unshrinkable ? input : shrinker.shrink(input, smaller -> {
                    Throwable smallerFailure = failureOf(check, smaller);
                    return smallerFailure != null && !(smallerFailure instanceof Unshrinkable);
                });
                boolean shrunk = !smallest.equals(input);
                throw new AssertionError("Failed on input " + i + " of " + tries + " from seed " + SEED
                        + " (-Dlabbook.fuzz.seed=" + SEED + " repeats it); the input"
                        + (shrunk ? ", shrunk from " + String.valueOf(input).length() + " characters: " : ": ")
                        + literal(String.valueOf(smallest)), shrunk ? failureOf(check, smallest) : failure);
            }
        }
    }

    /** What {@code check} throws for {@code input}, or null if it passes. */
    public static <T> Throwable failureOf(Consumer<T> check, T input) {
        try {
            check.accept(input);
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }

    /**
     * Drops ever shorter spans of the text, halves first, as long as what is left still fails; gives up
     * after {@value #SHRINK_ATTEMPTS} checks with the smallest text found.
     */
    public static String shrinkText(String text, Predicate<String> fails) {
        String smallest = text;
        int attempts = 0;
        for (int span = Math.max(1, text.length() / 2); span > 0 && attempts < SHRINK_ATTEMPTS; span /= 2) {
            for (int at = 0; at + span <= smallest.length() && attempts < SHRINK_ATTEMPTS; attempts++) {
                String shorter = smallest.substring(0, at) + smallest.substring(at + span);
                if (fails.test(shorter)) {
                    smallest = shorter;
                } else {
                    at += span;
                }
            }
        }
        return smallest;
    }

    /**
     * The text as a Java string literal: printable ASCII as it is, everything else escaped. Texts longer
     * than {@value #SHOWN_UNITS} UTF-16 units are cut off there, with their length added.
     */
    public static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().limit(SHOWN_UNITS).forEach(unit -> out.append(switch (unit) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            default -> unit >= ' ' && unit <= '~' ? String.valueOf((char) unit) : String.format("\\u%04x", unit);
        }));
        return out.append(text.length() > SHOWN_UNITS ? "\"... (" + text.length() + " characters)" : "\"").toString();
    }
}
