/**
 * The {@code %track} grammar: a shell-like {@link org.labbook.magics.grammar.Tokenizer}, the one table of
 * subcommands ({@link org.labbook.magics.grammar.Subcommands}) and the parser that turns a line or cell
 * into an immutable {@link org.labbook.magics.grammar.TrackCommand} record.
 */
package org.labbook.magics.grammar;
