package org.labbook.tracking;

import java.nio.file.Files;

/**
 * Serving code as a user writes it, run by {@link ModelRegistryContract} in a JVM of its own with only the
 * tracking library on the class path: resolves a reference in the store {@code LABBOOK_STORE} names and
 * prints the version, the run, the commit and the artifact's content.
 */
public final class ServingChild {
    private ServingChild() {
    }

    public static void main(String[] args) throws Exception {
        ResolvedModel model = Labbook.model(args[0]);
        System.out.println("VERSION " + model.version().version());
        System.out.println("RUN " + model.run().name());
        System.out.println("COMMIT " + model.lineage().gitCommit().orElse("-"));
        System.out.println("ARTIFACT " + Files.readString(model.artifact()));
        System.out.println("PATH " + model.artifact());
    }
}
