package org.labbook.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.labbook.tracking.query.Filter;
import org.labbook.tracking.query.FilterParser;
import org.labbook.tracking.query.Operand;
import org.labbook.tracking.query.Literal;

/**
 * A promotion's condition, in the run-search filter language, evaluated against one run by the store's
 * own search (so a gate means exactly what the same filter means in {@code %track runs}). When it does
 * not hold, each top-level AND clause is checked alone to name the one that failed, with the run's
 * actual value beside it.
 */
final class Gate {
    private final Filter filter;

    private Gate(Filter filter) {
        this.filter = filter;
    }

    /** Parses a gate; a syntax error is a {@link ValidationException} naming the column and the fix. */
    static Gate parse(String text) {
        Filter parsed;
        try {
            parsed = FilterParser.parse(text);
        } catch (TrackingException e) {
            throw new ValidationException("Invalid gate \"" + org.labbook.tracking.spi.Validation.shorten(text) + "\": "
                    + e.getMessage());
        }
        if (parsed.matchesAll()) {
            throw new ValidationException("Invalid gate: it is empty. Give a condition such as"
                    + " \"metrics.val_auc >= 0.92\", or leave out --if.");
        }
        return new Gate(parsed);
    }

    Filter filter() {
        return filter;
    }

    /** The canonical text, as the audit trail records it. */
    @Override
    public String toString() {
        return filter.toString();
    }

    /** The first top-level clause the run does not satisfy, or empty when the whole gate holds. */
    Optional<Filter> failingClause(Tracker tracker, String runId) {
        if (holds(tracker, runId, filter)) {
            return Optional.empty();
        }
        for (Filter clause : clauses(filter)) {
            if (!holds(tracker, runId, clause)) {
                return Optional.of(clause);
            }
        }
        return Optional.of(filter);
    }

    /** The metric clauses that order (>, >=, <, <=): what {@code --compare-to} compares on. */
    List<Filter.Compare> metricOrderings() {
        List<Filter.Compare> result = new ArrayList<>();
        for (Filter clause : clauses(filter)) {
            if (clause instanceof Filter.Compare c && c.operand().kind() == Operand.Kind.METRIC && c.op().isOrdering()) {
                result.add(c);
            }
        }
        return result;
    }

    private static boolean holds(Tracker tracker, String runId, Filter clause) {
        String text = "(" + clause + ") AND attributes.run_id = " + Literal.of(runId);
        return !tracker.runs(RunQuery.all().filter(text).includingDeleted().limit(1)).runs().isEmpty();
    }

    static List<Filter> clauses(Filter filter) {
        List<Filter> result = new ArrayList<>();
        if (filter instanceof Filter.And and) {
            result.addAll(clauses(and.left()));
            result.addAll(clauses(and.right()));
        } else {
            result.add(filter);
        }
        return result;
    }

    /** The run's actual values of every operand in a clause, e.g. {@code metrics.val_auc = 0.87}. */
    static String actualValues(Filter clause, RunDetails run, List<DatasetInput> datasets) {
        List<Operand> operands = new ArrayList<>();
        collect(clause, operands);
        return operands.stream().distinct().map(o -> o + " = " + actual(o, run, datasets))
                .collect(Collectors.joining(", "));
    }

    private static void collect(Filter filter, List<Operand> operands) {
        if (filter instanceof Filter.And and) {
            collect(and.left(), operands);
            collect(and.right(), operands);
        } else if (filter instanceof Filter.Or or) {
            collect(or.left(), operands);
            collect(or.right(), operands);
        } else if (filter instanceof Filter.Not not) {
            collect(not.inner(), operands);
        } else if (filter instanceof Filter.Compare compare) {
            operands.add(compare.operand());
        }
    }

    static Optional<Double> metric(Operand operand, RunDetails run) {
        MetricSummary summary = run.metrics().get(operand.key());
        if (summary == null) {
            return Optional.empty();
        }
        return Optional.of(switch (operand.aggregate()) {
            case LATEST -> summary.latest();
            case MIN -> summary.min();
            case MAX -> summary.max();
        });
    }

    private static String actual(Operand operand, RunDetails run, List<DatasetInput> datasets) {
        String absent = "(none: the run has no such " + operand.kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
        return switch (operand.kind()) {
            case METRIC -> metric(operand, run).map(Gate::number).orElse(absent);
            case PARAM -> Optional.ofNullable(run.params().get(operand.key())).map(v -> "'" + v + "'").orElse(absent);
            case TAG -> Optional.ofNullable(run.tags().get(operand.key())).map(v -> "'" + v + "'").orElse(absent);
            case DATASET -> datasets.isEmpty() ? absent : datasets.stream().map(d -> switch (operand.key()) {
                case "name" -> d.name();
                case "digest" -> d.sha256();
                default -> d.location();
            }).map(v -> "'" + v + "'").collect(Collectors.joining(" / "));
            case ATTRIBUTE -> attribute(operand, run.info());
        };
    }

    private static String attribute(Operand operand, RunInfo info) {
        Object value = switch (operand.asAttribute().orElseThrow()) {
            case RUN_ID -> info.id();
            case RUN_NAME -> info.name();
            case STATUS -> info.status().name();
            case START_TIME -> info.startTime().toEpochMilli();
            case END_TIME -> info.end().map(java.time.Instant::toEpochMilli).orElse(null);
            case USER -> info.user();
            case EXPERIMENT -> info.experimentName();
            case EXPERIMENT_ID -> info.experimentId();
            case PARENT_RUN_ID -> info.parentRunId();
        };
        if (value == null) {
            return "(none)";
        }
        return value instanceof String s ? "'" + s + "'" : value.toString();
    }

    static String number(double value) {
        return Literal.of(value).toString();
    }
}
