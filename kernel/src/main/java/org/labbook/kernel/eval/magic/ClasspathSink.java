package org.labbook.kernel.eval.magic;

import java.util.List;
import org.labbook.kernel.api.ClasspathEntry;

/** Where {@code %jars}, {@code %classpath} and {@code %maven} put what they found. */
@FunctionalInterface
public interface ClasspathSink {
    /** Adds the entries to the user's classpath, in order, and loads extensions they bring. */
    void add(List<ClasspathEntry> entries);
}
