package org.labbook.tracking.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.labbook.tracking.RunStatus;

/**
 * A parsed run filter: an immutable tree of clauses joined by AND, OR and NOT.
 *
 * <p>{@code toString()} prints the canonical text of a filter, which {@link FilterParser#parse}
 * reads back into an equal tree. {@link All} matches every run and only ever stands alone: it is what
 * an empty filter parses to, and no other node may contain it.
 *
 * <p>Meaning, for a store that evaluates the tree: a clause on a metric, param, tag or dataset the run
 * does not have is false (except {@code IS NULL}, which is exactly that test); {@link Not} is plain
 * negation, so {@code NOT (metrics.acc > 0.9)} also matches runs with no {@code acc} metric.
 */
public sealed interface Filter permits Filter.All, Filter.And, Filter.Or, Filter.Not, Filter.Compare {

    /** The filter that matches every run. */
    static Filter all() {
        return All.INSTANCE;
    }

    /** Both filters; {@link All} on either side is dropped, so {@code all().and(f)} is {@code f}. */
    default Filter and(Filter other) {
        Objects.requireNonNull(other, "other");
        if (this instanceof All) {
            return other;
        }
        return other instanceof All ? this : new And(this, other);
    }

    /** True for the filter that matches every run. */
    default boolean matchesAll() {
        return this instanceof All;
    }

    /** Matches every run; prints as the empty string. */
    record All() implements Filter {
        static final All INSTANCE = new All();

        @Override
        public String toString() {
            return "";
        }
    }

    record And(Filter left, Filter right) implements Filter {
        public And {
            requireClause(left, "left");
            requireClause(right, "right");
        }

        /** AND groups left to right, so only an OR on the left and any AND or OR on the right need parentheses. */
        @Override
        public String toString() {
            return group(left, left instanceof Or) + " AND " + group(right, right instanceof Or || right instanceof And);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        public Or {
            requireClause(left, "left");
            requireClause(right, "right");
        }

        /** AND binds tighter than OR, so only an OR on the right needs parentheses. */
        @Override
        public String toString() {
            return left + " OR " + group(right, right instanceof Or);
        }
    }

    record Not(Filter inner) implements Filter {
        public Not {
            requireClause(inner, "inner");
        }

        @Override
        public String toString() {
            return "NOT (" + inner + ")";
        }
    }

    /**
     * One clause: an operand, an operator and its values.
     *
     * <p>Invariants: {@code IS NULL} and {@code IS NOT NULL} have no value, {@code IN} and
     * {@code NOT IN} one or more, every other operator exactly one. Numeric operands (metrics,
     * {@code start_time}, {@code end_time}) take {@link Literal.Number} values and no {@code LIKE};
     * text operands take {@link Literal.Text} values and no {@code < <= > >=}. A status compared with
     * {@code = != IN NOT IN} is one of {@link RunStatus}'s names in upper case.
     */
    record Compare(Operand operand, Op op, List<Literal> values) implements Filter {
        static final String NUMBER_OPERATORS = "= != < <= > >= IN, NOT IN, IS NULL, IS NOT NULL";
        static final String TEXT_OPERATORS = "= != LIKE ILIKE IN, NOT IN, IS NULL, IS NOT NULL";

        public Compare {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(op, "op");
            values = List.copyOf(values);
            int expected = op.takesNoValue() ? 0 : 1;
            if (op.takesList() ? values.isEmpty() : values.size() != expected) {
                throw new IllegalArgumentException(op.symbol() + " takes " + (op.takesList() ? "one or more values"
                        : expected == 0 ? "no value" : "exactly one value") + ", not " + values.size());
            }
            String problem = operatorProblem(operand, op);
            for (int i = 0; problem == null && i < values.size(); i++) {
                problem = valueProblem(operand, op, values.get(i));
            }
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }

        public static Compare of(Operand operand, Op op, Literal... values) {
            return new Compare(operand, op, Arrays.asList(values));
        }

        /** The single value of a clause whose operator takes exactly one. */
        public Literal value() {
            if (values.size() != 1 || op.takesList()) {
                throw new IllegalStateException(op.symbol() + " does not take exactly one value");
            }
            return values.get(0);
        }

        @Override
        public String toString() {
            String head = operand + " " + op.symbol();
            if (op.takesNoValue()) {
                return head;
            }
            if (op.takesList()) {
                return head + " (" + values.stream().map(Literal::toString).collect(Collectors.joining(", ")) + ")";
            }
            return head + " " + values.get(0);
        }

        /** Why this operator does not apply to this operand, or null when it does. Shared with the parser. */
        static String operatorProblem(Operand operand, Op op) {
            if (operand.isNumeric() && op.isPattern()) {
                return op.symbol() + " matches text, but " + operand + " is a number. Compare it with "
                        + NUMBER_OPERATORS + ", for example " + example(operand);
            }
            if (!operand.isNumeric() && op.isOrdering()) {
                String hint = operand.kind() == Operand.Kind.PARAM || operand.kind() == Operand.Kind.TAG
                        ? "; to compare a value as a number, log it as a metric" : "";
                return op.symbol() + " compares numbers, but " + operand + " is text. Compare it with "
                        + TEXT_OPERATORS + ", for example " + example(operand) + hint;
            }
            return null;
        }

        /** Why this value does not fit this operand and operator, or null when it does. Shared with the parser. */
        static String valueProblem(Operand operand, Op op, Literal value) {
            if (operand.isNumeric()) {
                if (value instanceof Literal.Text text) {
                    return text + " is text, but " + operand + " is a number. Write a number without quotes,"
                            + " for example " + example(operand);
                }
                return null;
            }
            if (value instanceof Literal.Number number) {
                return number + " is a number, but " + operand + " is text. Put the value in quotes, for example "
                        + operand + " = '" + number + "'";
            }
            String text = ((Literal.Text) value).value();
            if (operand.asAttribute().orElse(null) == Attribute.STATUS && !op.isPattern()
                    && Arrays.stream(RunStatus.values()).noneMatch(s -> s.name().equals(text))) {
                return "unknown run status '" + Lexer.shorten(text) + "'. Use one of "
                        + Arrays.stream(RunStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
                        + ", for example status = 'FINISHED'";
            }
            return null;
        }

        /** A clause that works for this operand, shown at the end of error messages. */
        static String example(Operand operand) {
            if (operand.kind() == Operand.Kind.METRIC) {
                return operand + (operand.aggregate() == Operand.Aggregate.MIN ? " < 0.2" : " > 0.9");
            }
            if (operand.isNumeric()) {
                return operand + " >= 1767225600000";
            }
            if (operand.asAttribute().orElse(null) == Attribute.STATUS) {
                return operand + " = 'FINISHED'";
            }
            return operand + " = 'value'";
        }
    }

    private static void requireClause(Filter filter, String role) {
        Objects.requireNonNull(filter, role);
        if (filter instanceof All) {
            throw new IllegalArgumentException("Filter.all() stands alone and cannot be the " + role
                    + " part of another filter; use Filter.and to combine it");
        }
    }

    /** Parenthesizes a child whose operator binds more loosely than, or groups against, its parent. */
    private static String group(Filter child, boolean needed) {
        return needed ? "(" + child + ")" : child.toString();
    }
}
