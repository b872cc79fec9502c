package org.labbook.extension.view;

/** What curves are drawn against. */
public enum XAxis {
    /** The step the user logged with each point. */
    STEP,
    /** Seconds since each run's first point, so runs started on different days line up. */
    RELATIVE_TIME,
    /** The clock time each point was logged. */
    WALL_TIME;

    String title() {
        return switch (this) {
            case STEP -> "step";
            case RELATIVE_TIME -> "seconds since first point";
            case WALL_TIME -> "time";
        };
    }
}
