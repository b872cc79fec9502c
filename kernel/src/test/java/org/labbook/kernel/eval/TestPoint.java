package org.labbook.kernel.eval;

/** A value type for which {@link RecordingExtension} registers a renderer. */
public record TestPoint(int x, int y) {
}
