package org.labbook.tracking.internal.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.labbook.tracking.query.Attribute;
import org.labbook.tracking.query.Filter;
import org.labbook.tracking.query.Literal;
import org.labbook.tracking.query.Op;
import org.labbook.tracking.query.Operand;
import org.labbook.tracking.query.OrderBy;

/**
 * Turns a parsed {@link Filter} tree and {@link OrderBy} list into SQL over the store's tables. The
 * statement refers to the run as {@code r} and its experiment as {@code e}.
 *
 * <p>Every key and value becomes a {@code ?} argument; the only text that enters the SQL are the
 * fragments below, chosen by the node types and enums. Each clause on a metric, param, tag or dataset
 * is an {@code r.run_id IN (SELECT run_id ... WHERE key = ? AND ...)} so that SQLite can evaluate it
 * once from the (key, value) indexes instead of once per run.
 *
 * <p>Metric values that are NaN are stored as SQL NULL in the value columns on every database, which is
 * why comparisons with NaN become NULL tests here. The database's own spellings (LIKE, ILIKE) come from
 * its {@link Dialect}.
 */
final class FilterCompiler {
    private final Dialect dialect;
    private final long crashCutoffMillis;

    /** @param crashCutoffMillis RUNNING runs with an older heartbeat read as CRASHED */
    FilterCompiler(Dialect dialect, long crashCutoffMillis) {
        this.dialect = dialect;
        this.crashCutoffMillis = crashCutoffMillis;
    }

    /** The effective status of run {@code r}: CRASHED when its heartbeat stopped. */
    SqlText status() {
        return new SqlText().sql("(CASE WHEN r.status = 'RUNNING' AND r.heartbeat < ").arg(crashCutoffMillis)
                .sql(" THEN 'CRASHED' ELSE r.status END)");
    }

    SqlText where(Filter filter) {
        SqlText out = new SqlText();
        if (filter instanceof Filter.All) {
            return out.sql("1 = 1");
        } else if (filter instanceof Filter.And and) {
            return out.sql("(").append(where(and.left())).sql(" AND ").append(where(and.right())).sql(")");
        } else if (filter instanceof Filter.Or or) {
            return out.sql("(").append(where(or.left())).sql(" OR ").append(where(or.right())).sql(")");
        } else if (filter instanceof Filter.Not not) {
            return out.sql("(NOT ").append(where(not.inner())).sql(")");
        } else if (filter instanceof Filter.Compare compare) {
            return compare(compare);
        }
        throw new IllegalStateException("unknown filter node " + filter.getClass());
    }

    private SqlText compare(Filter.Compare clause) {
        Operand operand = clause.operand();
        return switch (operand.kind()) {
            case METRIC -> metric(clause);
            case PARAM -> keyed("params", clause);
            case TAG -> keyed("tags", clause);
            case DATASET -> dataset(clause);
            case ATTRIBUTE -> attribute(clause);
        };
    }

    private SqlText metric(Filter.Compare clause) {
        String column = metricColumn(clause.operand());
        SqlText out = new SqlText();
        Op op = clause.op();
        if (op == Op.IS_NULL) {
            return out.sql("r.run_id NOT IN (SELECT run_id FROM metric_summaries WHERE key = ")
                    .arg(clause.operand().key()).sql(")");
        }
        out.sql("r.run_id IN (SELECT run_id FROM metric_summaries WHERE key = ").arg(clause.operand().key());
        if (op != Op.IS_NOT_NULL) {
            out.sql(" AND ").append(numberTest(column, op, clause.values()));
        }
        return out.sql(")");
    }

    /**
     * A numeric comparison where the column is NULL exactly when the value is NaN. NaN compares as in
     * IEEE arithmetic (and in MLflow's searches): it equals nothing, orders against nothing, and differs
     * from every number.
     */
    private static SqlText numberTest(String column, Op op, List<Literal> values) {
        SqlText out = new SqlText();
        if (op.takesList()) {
            List<Object> numbers = new ArrayList<>();
            boolean nan = false;
            for (Literal literal : values) {
                double v = number(literal);
                if (Double.isNaN(v)) {
                    nan = true;
                } else {
                    numbers.add(v);
                }
            }
            SqlText in = numbers.isEmpty() ? new SqlText().sql("1 = 0")
                    : new SqlText().sql(column).sql(" IN ").args(numbers);
            if (op == Op.IN) {
                return nan ? out.sql("(").append(in).sql(" OR ").sql(column).sql(" IS NULL)") : in;
            }
            return nan ? out.sql("(").sql(column).sql(" IS NOT NULL AND NOT ").append(in).sql(")")
                    : out.sql("(").sql(column).sql(" IS NULL OR NOT ").append(in).sql(")");
        }
        double v = number(values.get(0));
        if (Double.isNaN(v)) {
            return switch (op) {
                case EQ -> out.sql(column).sql(" IS NULL");
                case NE -> out.sql(column).sql(" IS NOT NULL");
                default -> out.sql("1 = 0"); // every ordering with NaN is false, as in Java
            };
        }
        if (op == Op.NE) {
            return out.sql("(").sql(column).sql(" IS NULL OR ").sql(column).sql(" != ").arg(v).sql(")");
        }
        return out.sql(column).sql(" ").sql(sqlOperator(op)).sql(" ").arg(v);
    }

    private SqlText keyed(String table, Filter.Compare clause) {
        SqlText out = new SqlText();
        String key = clause.operand().key();
        if (clause.op() == Op.IS_NULL) {
            return out.sql("r.run_id NOT IN (SELECT run_id FROM ").sql(table).sql(" WHERE key = ").arg(key).sql(")");
        }
        out.sql("r.run_id IN (SELECT run_id FROM ").sql(table).sql(" WHERE key = ").arg(key);
        if (clause.op() != Op.IS_NOT_NULL) {
            out.sql(" AND ").append(textTest("value", clause.op(), clause.values()));
        }
        return out.sql(")");
    }

    private SqlText dataset(Filter.Compare clause) {
        String column = switch (clause.operand().key()) {
            case "name" -> "name";
            case "digest" -> "sha256";
            case "location" -> "location";
            default -> throw new IllegalStateException("unknown dataset field " + clause.operand().key());
        };
        SqlText out = new SqlText();
        if (clause.op() == Op.IS_NULL) {
            return out.sql("r.run_id NOT IN (SELECT run_id FROM datasets)");
        }
        out.sql("r.run_id IN (SELECT run_id FROM datasets");
        if (clause.op() != Op.IS_NOT_NULL) {
            out.sql(" WHERE ").append(textTest(column, clause.op(), clause.values()));
        }
        return out.sql(")");
    }

    private SqlText attribute(Filter.Compare clause) {
        Attribute attribute = clause.operand().asAttribute().orElseThrow();
        SqlText column = attributeExpression(attribute);
        SqlText out = new SqlText();
        Op op = clause.op();
        if (op == Op.IS_NULL || op == Op.IS_NOT_NULL) {
            return out.append(column).sql(op == Op.IS_NULL ? " IS NULL" : " IS NOT NULL");
        }
        if (!attribute.isNumeric()) {
            return textTest(column, op, clause.values());
        }
        if (op.takesList()) {
            List<Object> numbers = clause.values().stream().map(l -> (Object) number(l)).toList();
            return out.append(column).sql(op == Op.IN ? " IN " : " NOT IN ").args(numbers);
        }
        return out.append(column).sql(" ").sql(sqlOperator(op)).sql(" ").arg(number(clause.value()));
    }

    private SqlText textTest(String column, Op op, List<Literal> values) {
        return textTest(new SqlText().sql(column), op, values);
    }

    /** LIKE is case-sensitive and ILIKE is not, however the database spells them. */
    private SqlText textTest(SqlText column, Op op, List<Literal> values) {
        SqlText out = new SqlText();
        return switch (op) {
            case IN -> out.append(column).sql(" IN ").args(texts(values));
            case NOT_IN -> out.append(column).sql(" NOT IN ").args(texts(values));
            case LIKE -> dialect.like(column, text(values.get(0)));
            case ILIKE -> dialect.ilike(column, text(values.get(0)));
            case EQ, NE, LT, LE, GT, GE -> out.append(column).sql(" ").sql(sqlOperator(op)).sql(" ").arg(text(values.get(0)));
            case IS_NULL, IS_NOT_NULL -> throw new IllegalStateException("handled by the caller");
        };
    }

    SqlText attributeExpression(Attribute attribute) {
        SqlText out = new SqlText();
        return switch (attribute) {
            case RUN_ID -> out.sql("r.run_id");
            case RUN_NAME -> out.sql("r.name");
            case STATUS -> status();
            case START_TIME -> out.sql("r.start_time");
            case END_TIME -> out.sql("r.end_time");
            case USER -> out.sql("r.user_name");
            case EXPERIMENT -> out.sql("e.name");
            case EXPERIMENT_ID -> out.sql("r.experiment_id");
            case PARENT_RUN_ID -> out.sql("r.parent_run_id");
        };
    }

    /**
     * Adds one sort key: its terms to {@code orderBy} (each followed by ", ") and, for a metric, a join
     * to {@code joins} under the alias given. Runs without the value sort last in both directions. A
     * metric sorts as MLflow's do: numbers (with infinities) in the direction asked, then NaN, then runs
     * without the metric. NaN is NULL in the value column, so the value comes first with NULLS LAST and
     * a rank (NaN before no metric) second: the same order as a rank first, but one that an index on
     * (key, value) in that direction can give, so a LIMIT stops early instead of sorting every match.
     *
     * <p>When {@code filter} only matches runs that have the metric, the join is an inner one: the
     * result is the same, and the database may then drive the search from the metric's index in order.
     */
    void order(OrderBy order, String alias, Filter filter, SqlText joins, SqlText orderBy) {
        Operand operand = order.operand();
        String direction = order.ascending() ? " ASC NULLS LAST, " : " DESC NULLS LAST, ";
        switch (operand.kind()) {
            case METRIC -> {
                String column = alias + "." + metricColumn(operand);
                boolean required = requiresMetric(filter, operand.key());
                joins.sql(required ? " JOIN metric_summaries " : " LEFT JOIN metric_summaries ").sql(alias)
                        .sql(" ON ").sql(alias).sql(".run_id = r.run_id AND ").sql(alias).sql(".key = ").arg(operand.key());
                orderBy.sql(column).sql(direction);
                if (required) {
                    orderBy.sql("CASE WHEN ").sql(column).sql(" IS NULL THEN 1 ELSE 0 END ASC, ");
                } else {
                    orderBy.sql("CASE WHEN ").sql(alias).sql(".run_id IS NULL THEN 2 WHEN ").sql(column)
                            .sql(" IS NULL THEN 1 ELSE 0 END ASC, ");
                }
            }
            case PARAM -> orderBy.sql("(SELECT value FROM params p WHERE p.run_id = r.run_id AND p.key = ")
                    .arg(operand.key()).sql(")").sql(direction);
            case TAG -> orderBy.sql("(SELECT value FROM tags t WHERE t.run_id = r.run_id AND t.key = ")
                    .arg(operand.key()).sql(")").sql(direction);
            case ATTRIBUTE -> orderBy.append(attributeExpression(operand.asAttribute().orElseThrow())).sql(direction);
            case DATASET -> throw new IllegalStateException("OrderBy rejects dataset operands");
        }
    }

    /**
     * True when every run the filter matches has the metric {@code key}: one of the clauses joined by
     * AND at the top is a test on that metric other than IS NULL (each such clause is an
     * {@code IN (SELECT run_id FROM metric_summaries WHERE key = ...)}). Clauses under OR or NOT prove nothing.
     */
    static boolean requiresMetric(Filter filter, String key) {
        if (filter instanceof Filter.And and) {
            return requiresMetric(and.left(), key) || requiresMetric(and.right(), key);
        }
        return filter instanceof Filter.Compare compare && compare.operand().kind() == Operand.Kind.METRIC
                && compare.operand().key().equals(key) && compare.op() != Op.IS_NULL;
    }

    private static String metricColumn(Operand operand) {
        return switch (operand.aggregate()) {
            case LATEST -> "latest";
            case MIN -> "min_value";
            case MAX -> "max_value";
        };
    }

    private static String sqlOperator(Op op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "!=";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            default -> throw new IllegalStateException(op + " is not a comparison");
        };
    }

    private static double number(Literal literal) {
        if (literal instanceof Literal.Number n) {
            return n.value();
        }
        throw new IllegalStateException("the parser guarantees numbers for numeric operands");
    }

    private static String text(Literal literal) {
        if (literal instanceof Literal.Text t) {
            return t.value();
        }
        throw new IllegalStateException("the parser guarantees text for text operands");
    }

    private static List<Object> texts(List<Literal> literals) {
        return literals.stream().map(l -> (Object) text(l)).toList();
    }
}
