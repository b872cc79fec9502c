import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Prints an executed notebook as plain text: each code cell's source, then its outputs (text as it is, rich
 * outputs as their MIME types and sizes). Lets the quick start show what ran with nothing but Java.
 *
 * <p>Run as a single-file program with Jackson from the Labbook jar on the classpath:
 * {@code java -cp dist/target/labbook.jar scripts/NotebookText.java EXECUTED.ipynb}
 */
public class NotebookText {

    /** Long text outputs are cut after this many lines; the notebook file has them in full. */
    private static final int MAX_LINES_PER_OUTPUT = 12;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp labbook.jar scripts/NotebookText.java EXECUTED.ipynb");
            System.exit(2);
        }
        JsonNode notebook = new ObjectMapper().readTree(new File(args[0]));
        for (JsonNode cell : notebook.path("cells")) {
            if (cell.path("cell_type").asText().equals("code")) {
                printCell(cell);
            }
        }
    }

    private static void printCell(JsonNode cell) {
        JsonNode count = cell.path("execution_count");
        String prompt = "In [" + (count.isInt() ? count.asInt() : " ") + "]: ";
        String indent = " ".repeat(prompt.length());
        List<String> source = lines(text(cell.path("source")));
        for (int i = 0; i < source.size(); i++) {
            System.out.println((i == 0 ? prompt : indent) + source.get(i));
        }
        for (JsonNode output : cell.path("outputs")) {
            for (String line : describe(output)) {
                System.out.println(indent + "| " + line);
            }
        }
        System.out.println();
    }

    private static List<String> describe(JsonNode output) {
        switch (output.path("output_type").asText()) {
            case "stream":
                return capped(lines(text(output.path("text"))));
            case "error":
                return List.of(output.path("ename").asText() + ": " + output.path("evalue").asText());
            case "execute_result":
            case "display_data":
                return describeBundle(output.path("data"));
            default:
                return List.of("(" + output.path("output_type").asText() + ")");
        }
    }

    /** The text/plain form, then the rich types a front end would show instead, with their sizes. */
    private static List<String> describeBundle(JsonNode data) {
        List<String> described = new ArrayList<>();
        if (data.has("text/plain")) {
            described.addAll(capped(lines(text(data.path("text/plain")))));
        }
        List<String> rich = new ArrayList<>();
        for (Iterator<String> types = data.fieldNames(); types.hasNext(); ) {
            String type = types.next();
            if (!type.equals("text/plain")) {
                rich.add(type + " (" + size(text(data.path(type)).length()) + ")");
            }
        }
        if (!rich.isEmpty()) {
            described.add("[" + String.join(", ", rich) + "]");
        }
        return described;
    }

    private static String size(int characters) {
        return characters < 1024 ? characters + " bytes" : characters / 1024 + " KB";
    }

    /** Notebook text fields are a string or a list of strings. */
    private static String text(JsonNode node) {
        if (!node.isArray()) {
            return node.asText();
        }
        StringBuilder joined = new StringBuilder();
        node.forEach(part -> joined.append(part.asText()));
        return joined.toString();
    }

    private static List<String> lines(String text) {
        return List.of(text.stripTrailing().split("\n", -1));
    }

    private static List<String> capped(List<String> lines) {
        if (lines.size() <= MAX_LINES_PER_OUTPUT) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, MAX_LINES_PER_OUTPUT));
        shown.add("... (" + (lines.size() - MAX_LINES_PER_OUTPUT) + " more lines)");
        return shown;
    }
}
