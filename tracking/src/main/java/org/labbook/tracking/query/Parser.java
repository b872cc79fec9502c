package org.labbook.tracking.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recursive descent over {@link Lexer} tokens, one token of lookahead plus one more for
 * {@code min(}. Every rule of the language is checked here, where the column is known, before a tree
 * node is built; the nodes check the same rules again only to protect trees built in code.
 */
final class Parser {
    private static final String KEY_EXAMPLES = "a key such as metrics.acc, params.lr, tags.type or status";

    private final Lexer lexer;
    private final String subject;
    private Token current;
    private Token lookahead;
    private int previousEnd;
    private int depth;
    /** The innermost clause or group parsed last: what an error about the token after it quotes. */
    private Clause last;

    Parser(String subject, String input) {
        this.subject = subject;
        this.lexer = new Lexer(subject, input);
        this.current = lexer.next();
    }

    Filter filter() {
        if (current.type() == Token.Type.END) {
            return Filter.all();
        }
        Clause clause = or();
        if (current.type() != Token.Type.END) {
            throw error(current, "expected AND, OR or the end of the filter after '" + text(last) + "' but found "
                    + describe(current) + ". Join clauses with AND or OR, for example metrics.acc > 0.9 AND params.lr = '0.001'");
        }
        return clause.filter();
    }

    List<OrderBy> orderByList() {
        List<OrderBy> result = new ArrayList<>();
        if (current.type() == Token.Type.END) {
            return result;
        }
        // Each key may appear once, whatever its direction, as in MLflow; the first is kept for the message.
        Map<Operand, SortKey> seen = new HashMap<>();
        while (true) {
            SortKey key = sortKey();
            SortKey first = seen.putIfAbsent(key.orderBy().operand(), key);
            if (first != null) {
                throw duplicate(first, key);
            }
            result.add(key.orderBy());
            if (current.type() == Token.Type.END) {
                return result;
            }
            if (current.type() != Token.Type.COMMA) {
                throw error(current, "expected ASC, DESC, ',' or the end of the order-by but found " + describe(current)
                        + ". Separate sort keys with commas, for example metrics.val_loss ASC, start_time DESC");
            }
            advance();
        }
    }

    /** A sort key with where its operand is written: {@code start} is its first token, {@code end} its end index. */
    private record SortKey(OrderBy orderBy, Token start, int end) {
    }

    /**
     * A sort key given twice: its second place could never decide an order, and a different direction
     * there would contradict the first.
     */
    private FilterSyntaxException duplicate(SortKey first, SortKey second) {
        String firstText = Lexer.shorten(lexer.input().substring(first.start().start(), first.end()));
        String secondText = Lexer.shorten(lexer.input().substring(second.start().start(), second.end()));
        String where = firstText.equals(secondText)
                ? ", at columns " + column(first.start()) + " and " + column(second.start())
                : ": '" + firstText + "' at column " + column(first.start()) + " and '" + secondText + "' at column "
                        + column(second.start()) + " name the same key";
        return error(second.start(), "'" + second.orderBy().operand() + "' appears twice" + where
                + ". Order by each key once");
    }

    OrderBy singleOrderBy() {
        if (current.type() == Token.Type.END) {
            throw error(current, "the order-by is empty. Name a sort key, for example metrics.val_loss ASC");
        }
        OrderBy orderBy = orderBy();
        if (current.type() != Token.Type.END) {
            throw error(current, "expected ASC, DESC or the end of the order-by but found " + describe(current)
                    + ". Give one sort key, for example start_time DESC");
        }
        return orderBy;
    }

    /**
     * A filter with where its source text starts and ends, for messages about what follows it. The
     * text is cut out only when a message needs it, so that long AND chains stay linear.
     */
    private record Clause(Filter filter, int start, int end) {
    }

    private String text(Clause clause) {
        return Lexer.shorten(lexer.input().substring(clause.start(), clause.end()));
    }

    private OrderBy orderBy() {
        return sortKey().orderBy();
    }

    private SortKey sortKey() {
        Token start = current;
        Operand operand = operand();
        int end = previousEnd;
        if (operand.kind() == Operand.Kind.DATASET) {
            throw error(start, OrderBy.DATASET_PROBLEM);
        }
        boolean ascending = true;
        if (current.isKeyword("ASC") || current.isKeyword("DESC")) {
            ascending = current.isKeyword("ASC");
            advance();
        }
        return new SortKey(new OrderBy(operand, ascending), start, end);
    }

    private Clause or() {
        int start = current.start();
        Clause left = and();
        while (current.isKeyword("OR")) {
            advance();
            Clause right = and();
            left = new Clause(new Filter.Or(left.filter(), right.filter()), start, previousEnd);
        }
        return left;
    }

    private Clause and() {
        int start = current.start();
        Clause left = unary();
        while (current.isKeyword("AND")) {
            advance();
            Clause right = unary();
            left = new Clause(new Filter.And(left.filter(), right.filter()), start, previousEnd);
        }
        return left;
    }

    private Clause unary() {
        int start = current.start();
        if (current.isKeyword("NOT")) {
            enter(current);
            advance();
            Clause inner = unary();
            depth--;
            last = new Clause(new Filter.Not(inner.filter()), start, previousEnd);
            return last;
        }
        if (current.type() == Token.Type.LEFT_PAREN) {
            Token open = current;
            enter(open);
            advance();
            Clause inner = or();
            if (current.type() != Token.Type.RIGHT_PAREN) {
                throw error(current, "expected AND, OR or ')' to close the '(' at column " + column(open) + " after '"
                        + text(last) + "' but found " + describe(current) + ". Add the missing )");
            }
            advance();
            depth--;
            last = new Clause(inner.filter(), start, previousEnd);
            return last;
        }
        last = new Clause(comparison(), start, previousEnd);
        return last;
    }

    /** Guards the stack: parentheses and NOT are the only recursion that input length alone does not bound. */
    private void enter(Token token) {
        if (++depth > FilterParser.MAX_DEPTH) {
            throw error(token, "parentheses and NOT are nested more than " + FilterParser.MAX_DEPTH
                    + " deep. Remove redundant parentheses or split the search");
        }
    }

    private Filter comparison() {
        int operandStart = current.start();
        Operand operand = operand();
        Token operatorToken = current;
        if (current.type() == Token.Type.OPERATOR) {
            Op op = switch (current.value()) {
                case "=", "==" -> Op.EQ;
                case "!=", "<>" -> Op.NE;
                case "<" -> Op.LT;
                case "<=" -> Op.LE;
                case ">" -> Op.GT;
                default -> Op.GE;
            };
            checkOperator(operand, op, operatorToken);
            advance();
            return compare(operand, op, List.of(value(operand, op, "after '" + operatorToken.value() + "'")));
        }
        boolean negated = false;
        if (current.isKeyword("NOT")) {
            negated = true;
            advance();
            if (!current.isKeyword("IN") && !current.isKeyword("LIKE") && !current.isKeyword("ILIKE")) {
                throw error(current, "expected IN, LIKE or ILIKE after NOT but found " + describe(current)
                        + ". Example: " + operand + " NOT IN (" + sampleValue(operand) + ")");
            }
        }
        if (current.isKeyword("IN")) {
            Op op = negated ? Op.NOT_IN : Op.IN;
            checkOperator(operand, op, operatorToken);
            advance();
            return compare(operand, op, list(operand, op));
        }
        if (current.isKeyword("LIKE") || current.isKeyword("ILIKE")) {
            Op op = current.isKeyword("LIKE") ? Op.LIKE : Op.ILIKE;
            checkOperator(operand, op, operatorToken);
            advance();
            Filter like = compare(operand, op, List.of(value(operand, op, "after " + op.symbol())));
            // NOT LIKE has no operator of its own: it is the negation of LIKE, which means the same.
            return negated ? new Filter.Not(like) : like;
        }
        if (current.isKeyword("IS")) {
            advance();
            Op op = Op.IS_NULL;
            if (current.isKeyword("NOT")) {
                op = Op.IS_NOT_NULL;
                advance();
            }
            if (!current.isKeyword("NULL")) {
                throw error(current, "expected NULL or NOT NULL after IS but found " + describe(current)
                        + ". Example: " + operand + " IS NOT NULL");
            }
            advance();
            return compare(operand, op, List.of());
        }
        throw error(current, "expected an operator (" + operators(operand) + ") after '" + sourceFrom(operandStart)
                + "' but found " + describe(current) + ". Example: " + Filter.Compare.example(operand));
    }

    private Operand operand() {
        Token token = current;
        if (token.type() == Token.Type.WORD && (token.isKeyword("min") || token.isKeyword("max"))
                && peek().type() == Token.Type.LEFT_PAREN) {
            Operand.Aggregate aggregate = token.isKeyword("min") ? Operand.Aggregate.MIN : Operand.Aggregate.MAX;
            advance();
            advance();
            Token inner = current;
            Operand metric = key();
            if (metric.kind() != Operand.Kind.METRIC) {
                throw error(inner, Operand.problem(metric.kind(), metric.key(), aggregate));
            }
            if (current.type() != Token.Type.RIGHT_PAREN) {
                throw error(current, "expected ')' to close " + token.value() + "( but found " + describe(current)
                        + ". Example: " + aggregate.name().toLowerCase(Locale.ROOT) + "(metrics.val_loss) < 0.2");
            }
            advance();
            return new Operand(Operand.Kind.METRIC, metric.key(), aggregate);
        }
        return key();
    }

    private Operand key() {
        Token token = current;
        if (token.type() == Token.Type.QUOTED_PREFIX) {
            return keyAfterPrefix(token, token.value(), "`" + token.value().replace("`", "``") + "`.");
        }
        if (token.type() == Token.Type.QUOTED_KEY || (token.type() == Token.Type.TEXT && token.quote() == '"')) {
            // A quoted name alone is an attribute, as MLflow reads `Run name`.
            return bareKey(token, token.value());
        }
        if (token.type() == Token.Type.TEXT) {
            throw error(token, "expected " + KEY_EXAMPLES + " but found " + describe(token)
                    + ". Quote only the name after the prefix, for example metrics.`val loss` or params.\"a.b\"");
        }
        if (token.type() != Token.Type.WORD || isReserved(token.value())) {
            throw error(token, "expected " + KEY_EXAMPLES + " but found " + describe(token)
                    + ". Each clause compares a key with a value, for example metrics.acc > 0.9");
        }
        String word = token.value();
        int dot = word.indexOf('.');
        if (dot < 0) {
            return bareKey(token, word);
        }
        String prefix = word.substring(0, dot);
        String key = word.substring(dot + 1);
        if (!key.isEmpty()) {
            Operand.Kind kind = kindOf(prefix, token);
            advance();
            return operand(kind, key, token);
        }
        return keyAfterPrefix(token, prefix, word);
    }

    /**
     * The name after a prefix written with nothing after its dot ({@code metrics.}, {@code `metrics`.}):
     * a backquoted or double-quoted name, or for a backquoted prefix a plain name right after the dot.
     */
    private Operand keyAfterPrefix(Token token, String prefix, String written) {
        Operand.Kind kind = kindOf(prefix, token);
        advance();
        boolean quotedName = current.type() == Token.Type.QUOTED_KEY
                || (current.type() == Token.Type.TEXT && current.quote() == '"');
        boolean plainName = current.type() == Token.Type.WORD && current.start() == previousEnd
                && token.type() == Token.Type.QUOTED_PREFIX;
        if (!quotedName && !plainName) {
            throw error(current, "expected a key right after '" + Lexer.shorten(written) + "' but found " + describe(current)
                    + ". Write it plain or in backquotes, for example " + written + "acc or " + written + "`val loss`");
        }
        String key = current.value();
        advance();
        return operand(kind, key, token);
    }

    /** A name without a prefix, plain or quoted: an attribute such as {@code status} or {@code `Run name`}. */
    private Operand bareKey(Token token, String name) {
        Optional<Attribute> attribute = Attribute.byName(name);
        if (attribute.isPresent()) {
            advance();
            return Operand.attribute(attribute.get());
        }
        if (kindOfPrefix(name) != null) {
            throw error(token, "'" + name + "' needs a key after a dot, for example " + name + ".acc");
        }
        if (name.isBlank()) {
            throw error(token, "the key is empty. Name an attribute or a prefixed key, for example status or metrics.acc");
        }
        String spelled = Lexer.shorten(Lexer.isPlainKey(name) ? name : "`" + name.replace("`", "``") + "`");
        throw error(token, "unknown key '" + Lexer.shorten(name) + "'. Name a metric, param or tag with its prefix ("
                + "metrics." + spelled + ", params." + spelled + ", tags." + spelled
                + ") or use an attribute: " + Attribute.listing());
    }

    private Operand.Kind kindOf(String prefix, Token token) {
        Operand.Kind kind = kindOfPrefix(prefix);
        if (kind == null) {
            throw error(token, "unknown prefix '" + Lexer.shorten(prefix) + "' in '"
                    + Lexer.shorten(lexer.input().substring(token.start(), token.end()))
                    + "'. Use metrics., params., tags., attributes. or datasets., for example metrics.acc");
        }
        return kind;
    }

    private Operand operand(Operand.Kind kind, String key, Token token) {
        String canonical = key;
        if (kind == Operand.Kind.ATTRIBUTE) {
            canonical = Attribute.byName(key).map(Attribute::key).orElse(key);
        } else if (kind == Operand.Kind.DATASET) {
            canonical = switch (key.toLowerCase(Locale.ROOT)) {
                case "sha256" -> "digest";
                case "path", "uri" -> "location";
                default -> key.toLowerCase(Locale.ROOT);
            };
        }
        String problem = Operand.problem(kind, canonical, Operand.Aggregate.LATEST);
        if (problem != null) {
            throw error(token, problem);
        }
        return new Operand(kind, canonical, Operand.Aggregate.LATEST);
    }

    private static Operand.Kind kindOfPrefix(String prefix) {
        return switch (prefix.toLowerCase(Locale.ROOT)) {
            case "metrics", "metric" -> Operand.Kind.METRIC;
            case "params", "param", "parameters", "parameter" -> Operand.Kind.PARAM;
            case "tags", "tag" -> Operand.Kind.TAG;
            case "attributes", "attribute", "attr", "run" -> Operand.Kind.ATTRIBUTE;
            case "datasets", "dataset" -> Operand.Kind.DATASET;
            default -> null;
        };
    }

    private static boolean isReserved(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "IS", "NULL", "ASC", "DESC" -> true;
            default -> false;
        };
    }

    private List<Literal> list(Operand operand, Op op) {
        if (current.type() != Token.Type.LEFT_PAREN) {
            throw error(current, op.symbol() + " needs a list in parentheses but found " + describe(current)
                    + ". Example: " + operand + " " + op.symbol() + " (" + sampleValue(operand) + ")");
        }
        advance();
        if (current.type() == Token.Type.RIGHT_PAREN) {
            throw error(current, op.symbol() + " needs at least one value. Example: " + operand + " " + op.symbol()
                    + " (" + sampleValue(operand) + ")");
        }
        List<Literal> values = new ArrayList<>();
        while (true) {
            values.add(value(operand, op, "in the " + op.symbol() + " list"));
            if (current.type() == Token.Type.RIGHT_PAREN) {
                advance();
                return values;
            }
            if (current.type() != Token.Type.COMMA) {
                throw error(current, "expected ',' or ')' in the " + op.symbol() + " list but found " + describe(current)
                        + ". Example: " + operand + " " + op.symbol() + " (" + sampleValue(operand) + ")");
            }
            advance();
        }
    }

    /**
     * One value, converted to what the operand compares: an unquoted number given for a text operand
     * becomes the text exactly as written ({@code params.batch = 64} means {@code '64'}), and a status
     * is upper-cased.
     */
    private Literal value(Operand operand, Op op, String where) {
        Token token = current;
        Literal literal;
        if (token.type() == Token.Type.NUMBER) {
            literal = operand.isNumeric() ? new Literal.Number(token.number()) : new Literal.Text(token.value());
        } else if (token.type() == Token.Type.TEXT) {
            literal = new Literal.Text(token.value());
        } else if (token.isKeyword("NaN") || token.isKeyword("Infinity") || token.isKeyword("inf")) {
            double number = token.isKeyword("NaN") ? Double.NaN : Double.POSITIVE_INFINITY;
            literal = operand.isNumeric() ? new Literal.Number(number) : new Literal.Text(token.value());
        } else if (token.isKeyword("NULL")) {
            throw error(token, "NULL is not a value to compare with. Write " + operand + " IS NULL or "
                    + operand + " IS NOT NULL");
        } else if (token.type() == Token.Type.WORD) {
            throw error(token, "expected a number or a quoted text " + where + " but found "
                    + describe(token) + ". Put text in quotes, for example " + operand + " = '"
                    + Lexer.shorten(token.value()) + "'");
        } else {
            throw error(token, "expected a number or a quoted text " + where + " but found "
                    + describe(token) + ". Example: " + Filter.Compare.example(operand));
        }
        if (literal instanceof Literal.Text text && operand.asAttribute().orElse(null) == Attribute.STATUS
                && !op.isPattern()) {
            literal = new Literal.Text(text.value().toUpperCase(Locale.ROOT));
        }
        String problem = Filter.Compare.valueProblem(operand, op, literal);
        if (problem != null) {
            throw error(token, problem);
        }
        advance();
        return literal;
    }

    private void checkOperator(Operand operand, Op op, Token token) {
        String problem = Filter.Compare.operatorProblem(operand, op);
        if (problem != null) {
            throw error(token, problem);
        }
    }

    private static Filter compare(Operand operand, Op op, List<Literal> values) {
        return new Filter.Compare(operand, op, values);
    }

    private static String operators(Operand operand) {
        return operand.isNumeric() ? Filter.Compare.NUMBER_OPERATORS : Filter.Compare.TEXT_OPERATORS;
    }

    private static String sampleValue(Operand operand) {
        if (operand.isNumeric()) {
            return "1, 2";
        }
        return operand.asAttribute().orElse(null) == Attribute.STATUS ? "'FAILED', 'KILLED'" : "'a', 'b'";
    }

    private Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private void advance() {
        previousEnd = current.end();
        if (lookahead != null) {
            current = lookahead;
            lookahead = null;
        } else {
            current = lexer.next();
        }
    }

    /** The input from {@code start} to the end of the last consumed token, shortened for a message. */
    private String sourceFrom(int start) {
        return Lexer.shorten(lexer.input().substring(start, Math.max(start, previousEnd)));
    }

    private int column(Token token) {
        return lexer.input().codePointCount(0, token.start()) + 1;
    }

    private String describe(Token token) {
        if (token.type() == Token.Type.END) {
            return "the end of the " + subject;
        }
        return "'" + Lexer.shorten(lexer.input().substring(token.start(), token.end())) + "'";
    }

    private FilterSyntaxException error(Token token, String reason) {
        return lexer.error(token.start(), reason);
    }
}
