package org.labbook.kernel.eval.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a cell into Java and magics, as IJava users write them: a {@code %%name} on the first non-blank line
 * makes the whole cell a cell magic; otherwise any line starting with {@code %name} is a line magic, and the
 * Java between magic lines runs in order with them. A line is a magic only when '%' is directly followed by a
 * name, so a Java continuation line such as {@code % 2;} stays Java.
 */
public final class CellParser {
    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%([A-Za-z_][\\w.-]*)(?:\\s+(.*))?\\s*$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z_][\\w.-]*)(?:[ \\t]+([^\\n]*))?[ \\t]*$");

    private CellParser() {
    }

    public static List<CellPart> parse(String cell) {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && lines[first].stripLeading().startsWith("%%")) {
            Matcher m = CELL_MAGIC.matcher(lines[first]);
            if (!m.matches()) {
                throw new org.labbook.kernel.api.UserError("Malformed cell magic: '" + lines[first].strip()
                        + "'. A cell magic is %%name followed by its arguments on the first line.");
            }
            StringBuilder body = new StringBuilder();
            for (int i = first + 1; i < lines.length; i++) {
                body.append(lines[i]);
                if (i < lines.length - 1) {
                    body.append('\n');
                }
            }
            return List.of(new CellPart.CellMagic(m.group(1), nullToEmpty(m.group(2)).strip(), body.toString()));
        }
        List<CellPart> parts = new ArrayList<>();
        StringBuilder java = new StringBuilder();
        int javaStart = 1;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE_MAGIC.matcher(lines[i]);
            if (m.matches()) {
                addJava(parts, java, javaStart);
                parts.add(new CellPart.LineMagic(m.group(1), nullToEmpty(m.group(2)).strip(), i + 1));
                javaStart = i + 2;
            } else if (lines[i].stripLeading().startsWith("%%")) {
                throw new org.labbook.kernel.api.UserError("Cell magic " + lines[i].strip().split("\\s+")[0]
                        + " on line " + (i + 1) + ": a cell magic must be the first line of its cell. Move it to the top.");
            } else {
                if (java.length() == 0 && lines[i].isBlank() && parts.isEmpty()) {
                    javaStart = i + 2;
                    continue;
                }
                java.append(lines[i]).append('\n');
            }
        }
        addJava(parts, java, javaStart);
        return parts;
    }

    private static void addJava(List<CellPart> parts, StringBuilder java, int firstLine) {
        if (!java.toString().isBlank()) {
            String text = java.toString();
            parts.add(new CellPart.Java(text.substring(0, text.length() - 1), firstLine));
        }
        java.setLength(0);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
