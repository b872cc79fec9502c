package org.labbook.extension.view;

import org.labbook.kernel.api.KernelSession;

/** Where a live chart shows its frames: a kernel session, or nothing outside a notebook. */
public interface DisplaySink {

    /** Shows a value and returns its display id. */
    String show(Object value);

    /** Redraws the display with that id in place. */
    void update(String displayId, Object value);

    static DisplaySink of(KernelSession session) {
        return new DisplaySink() {
            @Override
            public String show(Object value) {
                return session.display(value);
            }

            @Override
            public void update(String displayId, Object value) {
                session.updateDisplay(displayId, value);
            }
        };
    }

    /** For code running outside a kernel (a CI job): the chart still collects points, but shows nothing. */
    static DisplaySink none() {
        return new DisplaySink() {
            @Override
            public String show(Object value) {
                return "none";
            }

            @Override
            public void update(String displayId, Object value) {
            }
        };
    }
}
