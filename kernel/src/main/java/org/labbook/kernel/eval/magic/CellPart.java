package org.labbook.kernel.eval.magic;

/** A piece of a cell, run in order: Java, a line magic, or a cell magic that owns the rest of the cell. */
public sealed interface CellPart {

    /**
     * @param source    the Java lines, unchanged
     * @param firstLine the line of the cell where they begin (1-based)
     */
    record Java(String source, int firstLine) implements CellPart {
    }

    /** {@code %name args}, at {@code line} of the cell. */
    record LineMagic(String name, String args, int line) implements CellPart {
    }

    /** {@code %%name args} on the first line; {@code body} is every line after it. */
    record CellMagic(String name, String args, String body) implements CellPart {
    }
}
