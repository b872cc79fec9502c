package org.labbook.tracking.internal;

import java.nio.file.Path;

import org.labbook.tracking.DatasetInput;

/**
 * The program {@link DatasetsTest} runs in a JVM with a small heap: describes the dataset at
 * {@code args[0]} and prints {@code rows columns size sha256} on one line.
 */
public final class DatasetsChild {
    private DatasetsChild() {
    }

    public static void main(String[] args) {
        DatasetInput input = Datasets.describe(Path.of(args[0]), "big");
        System.out.println(input.rows() + " " + input.columns() + " " + input.size() + " " + input.sha256());
    }
}
