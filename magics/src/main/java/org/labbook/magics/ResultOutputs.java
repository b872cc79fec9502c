package org.labbook.magics;

import java.util.List;

/**
 * Splits the result of a {@code %track} command into outputs shown one after another, e.g. a comparison into
 * its table and one output per chart, so that each chart keeps its own MIME types (an image for every front
 * end, an interactive spec for JupyterLab). List the implementation in
 * {@code META-INF/services/org.labbook.magics.ResultOutputs}; the {@code %track} magic finds it with
 * {@link java.util.ServiceLoader} when the kernel starts. Without one, a result is one output.
 */
public interface ResultOutputs {

    /** The outputs to show in order, or an empty list to show the result as it is. */
    List<Object> split(Object result);
}
