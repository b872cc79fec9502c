package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

class DeferredImportsTest {
    private final List<String> made = new ArrayList<>();
    private final DeferredImports imports = new DeferredImports(made::add, getClass().getClassLoader());

    @Test
    void identifiersSkipCommentsStringsCharactersTextBlocksAndNumbers() {
        String source = """
                // List in a line comment
                /* Map in a block comment */
                String s = "Files in a string \\" Path still in it";
                char c = 'X'; char q = '\\'';
                String block = \"""
                    Pattern in a text block \\\""" Matcher too
                    \""";
                long n = 0x1FL + 10e5 + 1_000L;
                var result = Stream.of(s).count();
                """;
        assertThat(DeferredImports.identifiers(source))
                .contains("String", "s", "c", "q", "block", "n", "var", "result", "Stream", "of", "count", "char", "long")
                .doesNotContain("List", "Map", "Files", "Path", "Pattern", "Matcher", "X", "FL", "e5", "L", "_000L");
    }

    @Test
    void anUnterminatedCommentOrLiteralEndsTheScan() {
        assertThat(DeferredImports.identifiers("a /* List")).containsExactly("a");
        assertThat(DeferredImports.identifiers("b \"Map")).containsExactly("b");
        assertThat(DeferredImports.identifiers("c \"\"\" Set")).containsExactly("c");
    }

    @Test
    void jdkPackagesListTheirTopLevelTypes() {
        assertThat(DeferredImports.typesOfJdkPackage("java.util")).contains("List", "ArrayList", "Map", "Optional")
                .noneMatch(name -> name.contains("$") || name.equals("package-info"));
        assertThat(DeferredImports.typesOfJdkPackage("java.util.stream")).contains("Stream", "Collectors");
        assertThat(DeferredImports.typesOfJdkPackage("org.nowhere.at.all")).isNull();
    }

    @Test
    void anImportIsMadeOnlyWhenSourceNamesWhatItBrings() {
        assertThat(imports.defer("import java.util.*;")).isTrue();
        assertThat(imports.defer("import java.util.regex.*;")).isTrue();
        assertThat(imports.defer("import static org.labbook.kernel.api.Display.*;")).isTrue();
        assertThat(imports.defer("import org.labbook.kernel.api.MimeBundle;")).isTrue();

        imports.prepareFor("int x = 1; System.out.println(\"List of Pattern\");");
        assertThat(made).isEmpty();
        imports.prepareFor("var names = new ArrayList<String>();");
        assertThat(made).containsExactly("import java.util.*;");
        imports.prepareFor("display(names); Matcher m = null; MimeBundle b = null; List<String> again;");
        assertThat(made).containsExactly("import java.util.*;", "import java.util.regex.*;",
                "import static org.labbook.kernel.api.Display.*;", "import org.labbook.kernel.api.MimeBundle;");
        imports.prepareAll();
        assertThat(made).hasSize(4);
    }

    @Test
    void everyImportCellsSeeIsListedBeforeItIsMade() {
        imports.defer("import java.util.*;");
        imports.defer("import java.io.*;");
        imports.prepareFor("File f;");
        assertThat(imports.declared()).containsExactly("import java.util.*;", "import java.io.*;");
    }

    @Test
    void aUnicodeEscapeMakesEveryImport() {
        imports.defer("import java.util.*;");
        imports.defer("import java.io.*;");
        imports.prepareFor("String s = \"\\u0041\";");
        assertThat(made).containsExactly("import java.util.*;", "import java.io.*;");
    }

    @Test
    void importsWhoseNamesCannotBeListedAreNotDeferred() {
        assertThat(imports.defer("import org.nowhere.Missing;")).isFalse();
        assertThat(imports.defer("import static org.nowhere.Missing.*;")).isFalse();
        assertThat(imports.defer("import org.nowhere.*;")).isFalse();
        assertThat(imports.defer("import java.util.*; import java.io.*;")).isFalse();
        assertThat(imports.defer("int x = 1;")).isFalse();
        assertThat(imports.declared()).isEmpty();
        imports.prepareAll();
        assertThat(made).isEmpty();
    }

    @Test
    void aFailingImportIsTriedOnce() {
        DeferredImports failing = new DeferredImports(source -> {
            made.add(source);
            throw new IllegalStateException("startup snippet failed");
        }, getClass().getClassLoader());
        failing.defer("import java.util.*;");
        assertThatThrownBy(() -> failing.prepareFor("List<String> a;")).isInstanceOf(IllegalStateException.class);
        failing.prepareFor("List<String> b;");
        assertThat(made).containsExactly("import java.util.*;");
    }

    @Test
    void inJShellACellNamingATypeGetsItsPackageAndOthersStayUnimported() {
        try (JShell jshell = JShell.builder().executionEngine("local").build()) {
            DeferredImports deferred = new DeferredImports(source -> evaluate(jshell, source),
                    getClass().getClassLoader());
            for (String statement : CellEngine.DEFAULT_IMPORTS) {
                assertThat(deferred.defer(statement)).as(statement).isTrue();
            }

            String cell = "var squares = Stream.of(1, 2, 3).map(i -> i * i).collect(Collectors.toList());";
            deferred.prepareFor(cell);
            evaluate(jshell, cell);

            assertThat(jshell.imports().map(i -> i.source().strip()))
                    .containsExactly("import java.util.stream.*;");
            assertThat(jshell.varValue(jshell.variables().filter(v -> v.name().equals("squares")).findFirst()
                    .orElseThrow())).isEqualTo("[1, 4, 9]");
        }
    }

    private static void evaluate(JShell jshell, String source) {
        for (SnippetEvent event : jshell.eval(source)) {
            if (event.status() != Snippet.Status.VALID || event.exception() != null) {
                throw new AssertionError(source + " failed: " + event);
            }
        }
    }
}
