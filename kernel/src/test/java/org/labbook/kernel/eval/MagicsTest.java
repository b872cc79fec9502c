package org.labbook.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.kernel.api.UserError;
import org.labbook.kernel.eval.magic.CellParser;
import org.labbook.kernel.eval.magic.CellPart;
import org.labbook.kernel.eval.magic.MagicArgs;

class MagicsTest {
    private static Cells cells;

    @BeforeAll
    static void start() {
        cells = new Cells(JShellEvaluator.create());
    }

    @AfterAll
    static void stop() {
        cells.evaluator().close();
    }

    @Test
    void lineMagicsMayStandOnTheirOwnLinesBetweenJava() {
        assertThat(CellParser.parse("int a = 1;\n%time a++;\n\nint b = a;")).containsExactly(
                new CellPart.Java("int a = 1;", 1),
                new CellPart.LineMagic("time", "a++;", 2),
                new CellPart.Java("\nint b = a;", 3));
        assertThat(CellParser.parse("\n%%time\nint c = 1;")).containsExactly(new CellPart.CellMagic("time", "", "int c = 1;"));
    }

    @Test
    void javaLinesStartingWithAnOperatorAreNotMagics() {
        assertThat(cells.run("int r = 17\n    % 5;\nr").ok().plain()).isEqualTo("2");
    }

    @Test
    void cellMagicBelowTheFirstLineIsAOneLineError() {
        var error = cells.run("int a = 1;\n%%time\na++;").error();
        assertThat(error.evalue()).contains("must be the first line");
        assertThat(error.traceback()).hasSize(1);
    }

    @Test
    void magicArgumentsHonourQuotesAndEscapes() {
        assertThat(MagicArgs.split("a \"b c\" 'd e' f\\ g")).containsExactly("a", "b c", "d e", "f g");
        assertThatThrownBy(() -> MagicArgs.split("\"open")).isInstanceOf(UserError.class).hasMessageContaining("Unclosed quote");
    }

    @Test
    void unknownMagicIsOneLineNamingTheKnownOnesAndTheClosest() {
        var error = cells.run("%mavne org.example:x:1").error();
        assertThat(error.ename()).isEqualTo("UsageError");
        assertThat(error.evalue()).contains("Unknown magic %mavne").contains("Did you mean %maven?")
                .contains("%jars", "%classpath", "%load", "%time", "%%time");
        assertThat(error.traceback()).hasSize(1);
    }

    @Test
    void timePrintsWallTimeAndKeepsTheValue() {
        var ran = cells.run("%time 6 * 7").ok();
        assertThat(ran.plain()).isEqualTo("42");
        assertThat(ran.stdout()).matches("Wall time: [0-9.]+ (µs|ms|s)\n");
        var cell = cells.run("%%time\nint slow = 1;\nSystem.out.println(\"body\");").ok();
        assertThat(cell.stdout()).startsWith("body\nWall time: ");
    }

    @Test
    void compileErrorInsideTimedCellPointsAtTheCellLine() {
        var error = cells.run("%%time\nint ok = 1;\nString bad = 1;").error();
        assertThat(error.ename()).isEqualTo("CompileError");
        assertThat(error.traceback().get(0)).startsWith("line 3, column 14:");
    }

    @Test
    void loadRunsAFileAsACell(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("helpers.jsh");
        Files.writeString(file, "int triple(int v) {\n    return 3 * v;\n}\ntriple(5)\n");
        assertThat(cells.run("%load " + file).ok().plain()).isEqualTo("15");
        assertThat(cells.run("triple(2)").ok().plain()).isEqualTo("6");
        var missing = cells.run("%load " + dir.resolve("nope.jsh")).error();
        assertThat(missing.evalue()).contains("does not exist");
        assertThat(missing.traceback()).hasSize(1);
    }

    @Test
    void jarsAndClasspathAddCompiledCodeToTheShell(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes");
        Path source = dir.resolve("src/demo/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package demo; public class Greeter { public static String hi() { return \"hi from jar\"; } }");
        var compiler = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
        Path jar = dir.resolve("lib/greeter.jar");
        Files.createDirectories(jar.getParent());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("demo/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
        }
        assertThat(cells.run("%jars " + dir + "/lib/*.jar\ndemo.Greeter.hi()").ok().plain()).isEqualTo("hi from jar");
        var session = ((JShellEvaluator) cells.evaluator()).session();
        assertThat(session.classpath()).anyMatch(e -> e.path().equals(jar) && e.addedBy().startsWith("%jars"));

        var noMatch = cells.run("%jars " + dir + "/none/*.jar").error();
        assertThat(noMatch.evalue()).contains("no .jar file matches");
        var missing = cells.run("%classpath " + dir.resolve("absent")).error();
        assertThat(missing.evalue()).contains("does not exist");
        cells.run("%classpath " + classes).ok();
        assertThat(session.classpath()).anyMatch(e -> e.path().equals(classes));
    }

    @Test
    void mavenResolvesTheArtifactWithItsTransitiveDependencies() {
        var ran = cells.run("%maven org.apache.commons:commons-text:1.12.0\n"
                + "org.apache.commons.text.WordUtils.capitalize(\"lab book\") + org.apache.commons.lang3.StringUtils.repeat('!', 2)").ok();
        assertThat(ran.plain()).isEqualTo("Lab Book!!");
        var session = ((JShellEvaluator) cells.evaluator()).session();
        assertThat(session.classpath()).anyMatch(e -> e.maven().equals(java.util.Optional.of("org.apache.commons:commons-text:1.12.0")));
        assertThat(session.classpath()).anyMatch(e -> e.maven().orElse("").startsWith("org.apache.commons:commons-lang3:"));
    }

    @Test
    void mavenRejectsMalformedCoordinatesInOneLine() {
        var error = cells.run("%maven not-a-coordinate").error();
        assertThat(error.evalue()).contains("group:artifact:version");
        assertThat(error.traceback()).hasSize(1);
        assertThat(error.ename()).isEqualTo("UsageError");
    }
}
