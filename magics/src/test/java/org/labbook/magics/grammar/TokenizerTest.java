package org.labbook.magics.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenizerTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("a b  c", List.of("a", "b", "c")),
                Arguments.of("  \t a\tb ", List.of("a", "b")),
                Arguments.of("'two words' x", List.of("two words", "x")),
                Arguments.of("'no \\escape \"here\"'", List.of("no \\escape \"here\"")),
                Arguments.of("\"say \\\"hi\\\"\"", List.of("say \"hi\"")),
                Arguments.of("\"C:\\data\\x\"", List.of("C:\\data\\x")),
                Arguments.of("\"a\\\\b\"", List.of("a\\b")),
                Arguments.of("two\\ words", List.of("two words")),
                Arguments.of("\\'", List.of("'")),
                Arguments.of("name=\"two words\"", List.of("name=two words")),
                Arguments.of("a'b'\"c\"d", List.of("abcd")),
                Arguments.of("''", List.of("")),
                Arguments.of("--opt=\"x y\"", List.of("--opt=x y")),
                Arguments.of("ünïcode 日本 🎉", List.of("ünïcode", "日本", "🎉")),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("lines")
    void splitsLikeAShellWithoutExpansions(String line, List<String> expected) {
        assertThat(Tokenizer.tokenize(line)).extracting(Token::text).containsExactlyElementsOf(expected);
    }

    @Test
    void recordsTheColumnOfEachWord() {
        assertThat(Tokenizer.tokenize("ab  'c d' e")).extracting(Token::column).containsExactly(1, 5, 11);
    }

    @Test
    void quotedEqualsSignDoesNotSplitKeyAndValue() {
        Token quoted = Tokenizer.tokenize("'a=b'").get(0);
        Token split = Tokenizer.tokenize("\"my key\"=a=b").get(0);
        assertThat(quoted.hasEquals()).isFalse();
        assertThat(split.key()).isEqualTo("my key");
        assertThat(split.value()).isEqualTo("a=b");
    }

    @Test
    void onlyUnquotedDashesMakeAnOption() {
        List<Token> words = Tokenizer.tokenize("--x \"--y\" -z -1 \\--w");
        assertThat(words).extracting(Token::optionLike).containsExactly(true, false, true, false, false);
    }

    @Test
    void hashStartsACommentOnlyAtTheStartOfAnUnquotedWordWhenAsked() {
        assertThat(Tokenizer.tokenize("a=1 # note", true)).extracting(Token::text).containsExactly("a=1");
        assertThat(Tokenizer.tokenize("url=x#y '#z'", true)).extracting(Token::text).containsExactly("url=x#y", "#z");
        assertThat(Tokenizer.tokenize("issue #42")).extracting(Token::text).containsExactly("issue", "#42");
    }

    @Test
    void unbalancedDoubleQuoteNamesItsColumn() {
        assertThatThrownBy(() -> Tokenizer.tokenize("start \"my run"))
                .isInstanceOf(TrackSyntaxException.class)
                .hasMessage("Unbalanced double quote opened at column 7 (\"my run): close it with \","
                        + " or escape it as \\\" to mean the character itself.");
    }

    @Test
    void unbalancedSingleQuoteNamesItsColumn() {
        assertThatThrownBy(() -> Tokenizer.tokenize("note it's"))
                .isInstanceOf(TrackSyntaxException.class)
                .hasMessageStartingWith("Unbalanced single quote opened at column 8 ('s)");
    }

    @Test
    void loneTrailingBackslashIsAnError() {
        assertThatThrownBy(() -> Tokenizer.tokenize("path C:\\"))
                .isInstanceOf(TrackSyntaxException.class)
                .hasMessageContaining("lone backslash at column 8");
    }
}
