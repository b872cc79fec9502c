/**
 * The run search language: filters such as
 * {@code metrics.val_acc > 0.9 and params.lr = '0.001' and tags.type != 'ablation' and status = 'FINISHED'}
 * and sort keys such as {@code metrics.val_loss DESC}. It accepts MLflow's {@code search_runs} filters
 * and adds OR, NOT, parentheses, {@code IS [NOT] NULL}, {@code min(...)}/{@code max(...)} of a metric,
 * and IN on every key.
 *
 * <p>{@link org.labbook.tracking.query.FilterParser} reads text into an immutable
 * {@link org.labbook.tracking.query.Filter} tree or a list of
 * {@link org.labbook.tracking.query.OrderBy}; a store compiles the tree to parameterized SQL, so
 * no part of the text ever reaches SQL as text. A mistake throws
 * {@link org.labbook.tracking.query.FilterSyntaxException}, whose one-line message gives the column,
 * what was wrong and a fix.
 *
 * <h2>Grammar</h2>
 *
 * Keywords ({@code AND OR NOT IN LIKE ILIKE IS NULL ASC DESC}, {@code min max}, {@code NaN Infinity})
 * and prefixes are case-insensitive; keys are case-sensitive. Spaces, tabs and line breaks separate
 * tokens anywhere.
 *
 * <pre>{@code
 * filter      = [ or ] ;                          (* empty: every run *)
 * or          = and { "OR" and } ;                (* AND binds tighter than OR *)
 * and         = unary { "AND" unary } ;
 * unary       = "NOT" unary | "(" or ")" | clause ;
 * clause      = operand compare value
 *             | operand [ "NOT" ] ( "LIKE" | "ILIKE" ) value
 *             | operand [ "NOT" ] "IN" "(" value { "," value } ")"
 *             | operand "IS" [ "NOT" ] "NULL" ;
 * compare     = "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=" ;
 * operand     = ( "min" | "max" ) "(" key ")"     (* metrics only *)
 *             | key ;
 * key         = prefix "." name                  (* metrics.acc, metrics.`val loss` *)
 *             | "`" prefix "`" "." name          (* `metrics`.acc: MLflow lets the prefix be backquoted *)
 *             | attribute | backquoted | double-quoted ;   (* status, `Run name` *)
 * prefix      = "metrics" | "metric"
 *             | "params" | "param" | "parameters" | "parameter"
 *             | "tags" | "tag"
 *             | "attributes" | "attribute" | "attr" | "run"
 *             | "datasets" | "dataset" ;
 * name        = plain-name | backquoted | double-quoted ;
 * plain-name  = { letter | digit | "_" | "." | "/" | "-" } ;     (* written right after the dot *)
 * backquoted  = "`" { any character, with "``" for a backquote } "`" ;
 * value       = number | text | "NaN" | "Infinity" | "inf" ;
 * number      = [ "+" | "-" ] ( digits [ "." { digit } ] | "." digits ) [ ( "e" | "E" ) [ "+" | "-" ] digits ]
 *             | ( "+" | "-" ) ( "Infinity" | "inf" ) ;
 * text        = "'" { character | "''" | escape } "'"
 *             | '"' { character | '""' | escape } '"' ;
 * escape      = "\\" | "\'" | '\"' | "\n" | "\r" | "\t" ;  (* a backslash before anything else stays *)
 *
 * order-by    = [ sort-key { "," sort-key } ] ;
 * sort-key    = operand [ "ASC" | "DESC" ] ;      (* ascending when omitted; no dataset fields;
 *                                                  each operand at most once in a list *)
 * }</pre>
 *
 * <p>A word is one token: it starts with a letter or {@code _} and runs over letters, digits and
 * {@code _ . / -}, so {@code metrics.train/loss} needs no quotes and {@code metrics.val loss} does:
 * {@code metrics.`val loss`} or {@code metrics."val loss"}. The key is everything after the first dot:
 * {@code params.optimizer.lr} is the param {@code optimizer.lr}. After a backquoted prefix the plain
 * name is taken as it follows the dot, so {@code `metrics`.train/loss} is {@code metrics.train/loss}.
 * A quoted name without a prefix must be an attribute: {@code `status`}, {@code "Run name"}.
 *
 * <h2>Keys and what they compare</h2>
 *
 * <ul>
 *   <li><b>Metrics</b> compare as numbers with {@code = != < <= > >= IN NOT IN IS NULL IS NOT NULL}.
 *       {@code metrics.x} is the run's latest value of {@code x} (highest step, then latest
 *       timestamp); {@code min(metrics.x)} and {@code max(metrics.x)} its smallest and largest. A
 *       quoted value or LIKE on a metric is an error. {@code NaN} and {@code Infinity} are values.
 *   <li><b>Params and tags</b> compare as text with {@code = != LIKE ILIKE IN NOT IN IS NULL IS NOT NULL};
 *       {@code < <= > >=} on them is an error. An unquoted number is taken as the text exactly as
 *       written: {@code params.batch = 64} means {@code params.batch = '64'}, and
 *       {@code params.lr = 1e-3} means {@code '1e-3'}, not {@code '0.001'}. (MLflow rejects the
 *       unquoted form; accepting it is friendlier and unambiguous.)
 *   <li><b>Attributes</b>, named bare or after {@code attributes.}, {@code attribute.}, {@code attr.} or
 *       {@code run.} (see {@link org.labbook.tracking.query.Attribute}): {@code run_id} (alias
 *       {@code id}), {@code run_name} ({@code name}, and MLflow's {@code `Run name`}), {@code status},
 *       {@code start_time} ({@code created}), {@code end_time}, {@code user} ({@code user_id}),
 *       {@code experiment} ({@code experiment_name}), {@code experiment_id}, {@code parent_run_id}
 *       ({@code parent_id}).
 *       The times are epoch milliseconds and compare as numbers; the others compare as text. A status
 *       compared with {@code = != IN NOT IN} must be one of RUNNING, FINISHED, FAILED, KILLED, CRASHED
 *       (any case; it is stored upper-case).
 *   <li><b>Datasets</b>: {@code datasets.name}, {@code datasets.digest} (also {@code sha256}) and
 *       {@code datasets.location} (also {@code path}, {@code uri}) compare as text; a run matches when
 *       any of its datasets does.
 * </ul>
 *
 * <p>LIKE and ILIKE (case-insensitive) take SQL patterns: {@code %} for any run of characters,
 * {@code _} for one. {@code x NOT LIKE p} is read as {@code NOT (x LIKE p)}.
 *
 * <p>An order-by names each key once, as in MLflow: {@code metrics.loss ASC, metric.loss DESC} is an
 * error whatever the directions, because the second key could never decide an order.
 * {@code min(metrics.loss)} and {@code metrics.loss} are different keys.
 *
 * <h2>Missing keys</h2>
 *
 * A clause on a metric, param, tag or dataset the run lacks is false, whatever its operator
 * ({@code tags.type != 'ablation'} does not match runs without a {@code type} tag), except
 * {@code IS NULL}, which tests exactly that. NOT is plain negation:
 * {@code NOT (tags.type = 'ablation')} matches runs without the tag too.
 *
 * <h2>Limits</h2>
 *
 * A filter or order-by is at most {@value org.labbook.tracking.query.FilterParser#MAX_LENGTH}
 * characters, and parentheses and NOT nest at most
 * {@value org.labbook.tracking.query.FilterParser#MAX_DEPTH} deep, so that no input can exhaust memory
 * or the stack. Keys are at most 250 characters, as in the store.
 *
 * <h2>Canonical form</h2>
 *
 * {@code toString()} of every tree node, {@link org.labbook.tracking.query.Operand},
 * {@link org.labbook.tracking.query.Literal} and {@link org.labbook.tracking.query.OrderBy} prints a
 * canonical text that parses back to an equal value: upper-case keywords, full prefixes
 * ({@code metrics. params. tags. attributes. datasets.}), canonical attribute names, single-quoted
 * text, and only the parentheses the tree needs.
 */
package org.labbook.tracking.query;
