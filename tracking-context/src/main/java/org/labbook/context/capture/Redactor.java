package org.labbook.context.capture;

import java.util.Map;
import org.labbook.tracking.redact.Scrubber;

/**
 * The kernel side's name for the tracking library's {@link Scrubber}: everything the extension records about
 * a session goes through it, so collected secret values, credential formats and secret-looking names are
 * removed the same way in notebooks and in CI jobs. Instances are immutable and thread-safe.
 */
public final class Redactor {

    /** What a redacted value reads as. */
    public static final String MARKER = Scrubber.MARKER;

    private static final Redactor STANDARD = new Redactor(null);

    /** Null for the process's scrubber, looked up on use so that it is created only when first needed. */
    private final Scrubber scrubber;

    private Redactor(Scrubber scrubber) {
        this.scrubber = scrubber;
    }

    /** The process's redactor: this process's settings and collected values. */
    public static Redactor standard() {
        return STANDARD;
    }

    /** A redactor over a given scrubber (tests use this). */
    public static Redactor of(Scrubber scrubber) {
        return new Redactor(scrubber);
    }

    public Scrubber scrubber() {
        return scrubber != null ? scrubber : Scrubber.standard();
    }

    /** True when a variable, parameter or environment name looks like it holds a secret. */
    public boolean isSecretName(String name) {
        return scrubber().isSecretName(name);
    }

    /** The value to record for a named value: the marker for a secret name, else the value scrubbed. */
    public String redactValue(String name, String value) {
        return scrubber().value(name, value);
    }

    /** Environment variables with secret-looking names masked and the rest scrubbed, sorted by name. */
    public Map<String, String> redactEnvironment(Map<String, String> environment) {
        return scrubber().environment(environment);
    }

    /** Output text (stdout, stderr, results, errors). */
    public String redactText(String text) {
        return scrubber().text(text);
    }

    /** Cell source: code such as {@code password = readPassword()} stays, so that the cell still compiles. */
    public String redactSource(String source) {
        return scrubber().source(source);
    }

    /** A git diff: also the value of every {@code key=value} or {@code key: value} line whose key looks secret. */
    public String redactDiff(String diff) {
        return scrubber().diff(diff);
    }
}
