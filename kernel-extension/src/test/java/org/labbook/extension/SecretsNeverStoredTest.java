package org.labbook.extension;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labbook.context.capture.Redactor;
import org.labbook.kernel.testing.KernelHarness;
import org.labbook.tracking.Labbook;
import org.labbook.tracking.RunDetails;
import org.labbook.tracking.RunQuery;
import org.labbook.tracking.Tracker;

/**
 * A notebook run with {@code labbook run} in its own process, as a user runs one: a password in the
 * environment and a token in a variable, both printed to stdout and stderr, shown as a result and in a
 * stack trace, in a git repository whose uncommitted diff holds secrets too, and in the notebook file's
 * saved outputs. Afterwards not one byte of any secret is in the store folder (database, artifact files,
 * anything compressed inside them) nor in the exported notebook.
 */
class SecretsNeverStoredTest {

    private static final String ENV_SECRET = "Hx7-env-pass-93kQ";
    /** Built in the cell from two parts, so that only the variable's value, not the cell's source, holds it. */
    private static final String VARIABLE_SECRET = "tok-Qw3rty9876zz";
    private static final String DIFF_PASSWORD = "diffOnlyPw77";
    private static final String DIFF_AWS_SECRET = "wJalrXUtnFEMIxK7MDENGxbPxRfiCYzzKEY";
    private static final List<String> SECRETS = List.of(ENV_SECRET, VARIABLE_SECRET, DIFF_PASSWORD, DIFF_AWS_SECRET);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void noSecretReachesTheStoreOrAnExportFromAnyOutputDiffOrNotebookCopy() throws Exception {
        Path repo = dir.resolve("repo");
        Path store = dir.resolve("store");
        Path export = dir.resolve("exported.ipynb");
        Path notebook = repo.resolve("leaky.ipynb");
        dirtyRepository(repo);
        Files.writeString(notebook, notebook(store, notebook));

        runNotebook(notebook, repo, dir.resolve("out.ipynb"));
        // The secrets really were printed: the user's own output notebook (not the store) shows them.
        String ran = Files.readString(dir.resolve("out.ipynb"));
        assertThat(ran).contains("out " + ENV_SECRET).contains("err " + ENV_SECRET).contains("token is " + VARIABLE_SECRET)
                .contains("boom " + ENV_SECRET);

        try (Tracker tracker = Labbook.open(store.toString())) {
            List<RunDetails> runs = tracker.runs(RunQuery.all()).runs();
            assertThat(runs).hasSize(1);
            List<String> names = tracker.artifacts(runs.get(0).id()).stream().map(a -> a.name()).toList();
            assertThat(names).contains(RunArtifacts.NOTEBOOK_AT_START, RunArtifacts.NOTEBOOK_AT_END,
                    RunArtifacts.SESSION_NOTEBOOK, RunArtifacts.SESSION_RECORDS, RunArtifacts.CODE_VERSION,
                    RunArtifacts.ENVIRONMENT);
            // The diff was recorded, with its lines, only their values gone.
            String code = new String(tracker.readArtifact(tracker.artifacts(runs.get(0).id()).stream()
                    .filter(a -> a.name().equals(RunArtifacts.CODE_VERSION)).findFirst().orElseThrow()),
                    StandardCharsets.UTF_8);
            assertThat(code).contains("spring.datasource.password=[redacted]").contains("DB_PASSWORD=[redacted]")
                    .contains("password: [redacted]").contains("export AWS_SECRET_ACCESS_KEY=[redacted]");
        }
        // Later, from another session, the run is exported (as a teammate would).
        Path later = dir.resolve("later.ipynb");
        ObjectNode nb = JSON.createObjectNode();
        ArrayNode cells = nb.putArray("cells");
        code(cells, "%track store " + store);
        code(cells, "%track export leaky --to " + export);
        nb.putObject("metadata");
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        Files.writeString(later, JSON.writeValueAsString(nb));
        runNotebook(later, repo, dir.resolve("later-out.ipynb"));
        assertThat(Files.readString(export)).as("the export holds the printing cells")
                .contains("System.getenv").contains("token is ").contains("out " + Redactor.MARKER);

        Map<String, List<String>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(store)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                search(store.relativize(file).toString(), Files.readAllBytes(file), found);
            }
        }
        search("export " + export.getFileName(), Files.readAllBytes(export), found);
        assertThat(found).as("secrets found in the store or the export").isEmpty();
    }

    private static void runNotebook(Path notebook, Path workingDirectory, Path output) throws Exception {
        Path log = output.resolveSibling(output.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.labbook.kernel.cli.LabbookCommand", "run",
                notebook.toString(), "--output", output.toString())
                .directory(workingDirectory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("LABBOOK_STORE");
        builder.environment().put("DB_PASSWORD", ENV_SECRET);
        Process kernel = builder.start();
        assertThat(kernel.waitFor(KernelHarness.WAIT.toSeconds() * 2, TimeUnit.SECONDS)).as("kernel finished").isTrue();
        assertThat(kernel.exitValue()).as(Files.readString(log)).isZero();
    }

    /** Records every secret in the bytes, and in what they decompress to if they are gzip or zlib data. */
    private static void search(String where, byte[] bytes, Map<String, List<String>> found) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String utf16 = new String(bytes, StandardCharsets.UTF_16LE);
        for (String secret : SECRETS) {
            if (text.contains(secret) || utf16.contains(secret)) {
                found.computeIfAbsent(where, k -> new ArrayList<>()).add(secret);
            }
        }
        // Compressed streams anywhere in the file (a blob, or a page of the database holding one).
        for (int i = 0; i + 1 < bytes.length; i++) {
            int b0 = bytes[i] & 0xFF;
            int b1 = bytes[i + 1] & 0xFF;
            if (b0 == 0x1F && b1 == 0x8B) {
                inflated(new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, i, bytes.length - i)))
                        .ifPresent(inner -> addAll(where + " (gzip at " + inner.length + ")", inner, found));
            } else if (b0 == 0x78 && (b1 == 0x01 || b1 == 0x5E || b1 == 0x9C || b1 == 0xDA)) {
                inflated(new InflaterInputStream(new java.io.ByteArrayInputStream(bytes, i, bytes.length - i)))
                        .ifPresent(inner -> addAll(where + " (zlib)", inner, found));
            }
        }
    }

    private static void addAll(String where, byte[] inner, Map<String, List<String>> found) {
        String text = new String(inner, StandardCharsets.ISO_8859_1);
        for (String secret : SECRETS) {
            if (text.contains(secret)) {
                found.computeIfAbsent(where, k -> new ArrayList<>()).add(secret);
            }
        }
    }

    private static java.util.Optional<byte[]> inflated(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (in) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0 && out.size() < 64 << 20) {
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // Not a compressed stream after all (two bytes that merely look like a header), or cut short.
        }
        return out.size() > 0 ? java.util.Optional.of(out.toByteArray()) : java.util.Optional.empty();
    }

    private static void dirtyRepository(Path repo) throws Exception {
        Files.createDirectories(repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("app.properties"), "spring.datasource.password=changeme\nepochs=3\n");
            Files.writeString(repo.resolve("env.sh"), "export AWS_SECRET_ACCESS_KEY=placeholder\n");
            Files.writeString(repo.resolve("config.yml"), "db:\n  password: placeholder\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("first").setAuthor("Ada", "ada@example.com").setCommitter("Ada", "ada@example.com")
                    .setSign(false).call();
        }
        Files.writeString(repo.resolve("app.properties"),
                "spring.datasource.password=" + DIFF_PASSWORD + "\nDB_PASSWORD=" + ENV_SECRET + "\nepochs=3\n");
        Files.writeString(repo.resolve("env.sh"), "export AWS_SECRET_ACCESS_KEY=" + DIFF_AWS_SECRET + "\n");
        Files.writeString(repo.resolve("config.yml"), "db:\n  password: " + DIFF_PASSWORD + "\n");
    }

    private static String notebook(Path store, Path self) throws IOException {
        ObjectNode nb = JSON.createObjectNode();
        ArrayNode cells = nb.putArray("cells");
        markdown(cells, "The staging password is " + ENV_SECRET + ", do not share.");
        code(cells, "%track store " + store);
        code(cells, "%track notebook " + self);
        code(cells, "%track start leaky");
        ObjectNode printing = code(cells, "String dbPassword = System.getenv(\"DB_PASSWORD\");\n"
                + "System.out.println(\"out \" + dbPassword);\nSystem.err.println(\"err \" + dbPassword);");
        // An output saved in the file from an earlier run, as notebooks keep them.
        ObjectNode stale = ((ArrayNode) printing.get("outputs")).addObject();
        stale.put("output_type", "stream").put("name", "stdout").putArray("text").add("out " + ENV_SECRET + "\n");
        code(cells, "String apiToken = \"tok-\" + \"Qw3rty9876zz\";\nSystem.out.println(\"token is \" + apiToken);\n"
                + "System.err.println(\"token is \" + apiToken);");
        code(cells, "new IllegalStateException(\"boom \" + dbPassword).printStackTrace();");
        code(cells, "dbPassword + \" and \" + apiToken");
        code(cells, "%track end");
        nb.putObject("metadata");
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(nb);
    }

    private static ObjectNode code(ArrayNode cells, String source) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "code").putNull("execution_count");
        cell.put("id", "c" + cells.size()).putObject("metadata");
        cell.putArray("outputs");
        cell.put("source", source);
        return cell;
    }

    private static void markdown(ArrayNode cells, String source) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "markdown").put("id", "m" + cells.size()).putObject("metadata");
        cell.put("source", source);
    }

}
