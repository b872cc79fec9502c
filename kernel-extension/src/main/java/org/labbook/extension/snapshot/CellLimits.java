package org.labbook.extension.snapshot;

/**
 * How much of a cell is recorded. Anything longer is cut with a visible marker, never refused: a cell that
 * prints a gigabyte still gets a record.
 *
 * @param sourceChars  a cell's source
 * @param outputChars  each of stdout, stderr and each text representation of an output
 * @param summaryChars each variable's value text
 * @param displays     displays kept per cell (the first and the last half; live charts publish hundreds)
 * @param jsonChars    a JSON representation, measured as text; a larger one is replaced by a note
 */
public record CellLimits(int sourceChars, int outputChars, int summaryChars, int displays, int jsonChars) {
    public CellLimits {
        if (sourceChars < 1 || outputChars < 1 || summaryChars < 1 || displays < 2 || jsonChars < 1) {
            throw new IllegalArgumentException("cell limits must be positive (and displays at least 2)");
        }
    }

    /** 1 MiB of source, 64 KiB per output text, 256 characters per variable, 50 displays, 256 KiB per JSON output. */
    public static CellLimits standard() {
        return new CellLimits(1024 * 1024, 64 * 1024, 256, 50, 256 * 1024);
    }
}
