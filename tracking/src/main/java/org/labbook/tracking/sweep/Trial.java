package org.labbook.tracking.sweep;

import java.util.Collections;
import java.util.Map;

import org.labbook.tracking.Run;
import org.labbook.tracking.ValidationException;

/**
 * One trial, handed to the body of {@link Sweep#run}: its configuration, its run (a child of the sweep's
 * run, holding the configuration as params) and {@link #report}, which logs a metric and may stop a
 * hopeless trial.
 */
public final class Trial {
    private final Sweep sweep;
    private final int number;
    private final Map<String, Object> config;
    private final Run run;
    private double lastObjective = Double.NaN;
    private boolean reported;

    Trial(Sweep sweep, int number, Map<String, Object> config, Run run) {
        this.sweep = sweep;
        this.number = number;
        this.config = Collections.unmodifiableMap(config);
        this.run = run;
    }

    /** The trial's number in the sweep, from 0. */
    public int number() {
        return number;
    }

    /** The trial's run, for logging anything else: metrics, artifacts, notes. */
    public Run run() {
        return run;
    }

    /** The configuration, in the space's order. */
    public Map<String, Object> params() {
        return config;
    }

    public Object get(String name) {
        Object value = config.get(name);
        if (value == null) {
            throw new ValidationException("Unknown parameter '" + name + "': the sweep's space has " + config.keySet()
                    + ". Use one of those names.");
        }
        return value;
    }

    public double getDouble(String name) {
        return number(name).doubleValue();
    }

    public long getLong(String name) {
        Number n = number(name);
        if (n instanceof Double d && d != Math.rint(d)) {
            throw new ValidationException("Parameter '" + name + "' is " + d + ", not a whole number. Read it with"
                    + " getDouble(\"" + name + "\").");
        }
        return n.longValue();
    }

    public int getInt(String name) {
        long value = getLong(name);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ValidationException("Parameter '" + name + "' is " + value + ", too large for an int. Read it"
                    + " with getLong(\"" + name + "\").");
        }
        return (int) value;
    }

    public String getString(String name) {
        return String.valueOf(get(name));
    }

    public boolean getBoolean(String name) {
        Object value = get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ValidationException("Parameter '" + name + "' is " + value + ", not a boolean. Use"
                + " choice(true, false) for a flag.");
    }

    private Number number(String name) {
        Object value = get(name);
        if (value instanceof Number n) {
            return n;
        }
        throw new ValidationException("Parameter '" + name + "' is \"" + value + "\", not a number. Read it with"
                + " getString(\"" + name + "\").");
    }

    /**
     * Logs {@code value} as the metric {@code key} at {@code step} of the trial's run. For the sweep's
     * objective the value also becomes the trial's latest objective, and with a pruner it is compared with
     * the other trials at that step: a hopeless trial is stopped by a {@link TrialPruned} thrown from here.
     */
    public void report(String key, double value, long step) {
        run.metric(key, value, step);
        if (key.equals(sweep.objective().metric())) {
            lastObjective = value;
            reported = true;
            sweep.checkPrune(this, value, step);
        }
    }

    /** As {@link #report(String, double, long)} for the objective metric. */
    public void report(double value, long step) {
        report(sweep.objective().metric(), value, step);
    }

    boolean reported() {
        return reported;
    }

    double lastObjective() {
        return lastObjective;
    }

    @Override
    public String toString() {
        return "Trial " + number + " " + config;
    }
}
