package org.labbook.tracking;

import java.util.OptionalLong;

import org.labbook.tracking.spi.Validation;

/**
 * A dataset a run read: what it is called, where it was, and a digest that says whether it is still
 * the same data. For a file the digest is the SHA-256 of its bytes; for a folder, the SHA-256 of the
 * sorted list of relative paths with each file's own digest. CSV files also record rows (without the
 * header) and columns.
 *
 * @param rows -1 when unknown (not a CSV file)
 * @param columns -1 when unknown
 */
public record DatasetInput(String name, String location, String sha256, long size, long rows, int columns) {
    public DatasetInput {
        Validation.key("dataset name", name);
        Validation.value("dataset location", name, location, Validation.MAX_PARAM_VALUE_LENGTH);
        Validation.required("dataset digest", sha256);
        if (size < 0) {
            throw new ValidationException("Invalid dataset size " + size + " for '" + name + "': it must be >= 0.");
        }
    }

    public OptionalLong rowCount() {
        return rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    }
}
