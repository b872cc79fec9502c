package org.labbook.kernel.api;

/** A {@code %name args} magic. */
@FunctionalInterface
public interface LineMagic {
    /**
     * Runs the magic. A non-null return value is shown as the cell's result through the display registry.
     * Throw {@link UserError} for a mistake of the user: the cell fails with that one line, no stack trace.
     */
    Object run(MagicCall call) throws Exception;
}
