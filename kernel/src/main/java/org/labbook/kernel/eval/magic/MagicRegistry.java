package org.labbook.kernel.eval.magic;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.labbook.kernel.api.CellMagic;
import org.labbook.kernel.api.LineMagic;
import org.labbook.kernel.api.UserError;

/** The magics the kernel knows: built-in ones and those extensions registered. Names are case-sensitive. */
public final class MagicRegistry {
    private final Map<String, LineMagic> lineMagics = new TreeMap<>();
    private final Map<String, CellMagic> cellMagics = new TreeMap<>();

    public synchronized void lineMagic(String name, LineMagic magic) {
        if (lineMagics.containsKey(name)) {
            throw new IllegalArgumentException("line magic %" + name + " is already registered");
        }
        lineMagics.put(name, magic);
    }

    public synchronized void cellMagic(String name, CellMagic magic) {
        if (cellMagics.containsKey(name)) {
            throw new IllegalArgumentException("cell magic %%" + name + " is already registered");
        }
        cellMagics.put(name, magic);
    }

    public synchronized LineMagic line(String name) {
        LineMagic magic = lineMagics.get(name);
        if (magic == null) {
            throw unknown("%" + name);
        }
        return magic;
    }

    public synchronized CellMagic cell(String name) {
        CellMagic magic = cellMagics.get(name);
        if (magic == null) {
            throw unknown("%%" + name);
        }
        return magic;
    }

    /** Every magic as written, e.g. "%maven", "%%time", sorted. */
    public synchronized TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        lineMagics.keySet().forEach(n -> names.add("%" + n));
        cellMagics.keySet().forEach(n -> names.add("%%" + n));
        return names;
    }

    private UserError unknown(String written) {
        TreeSet<String> names = names();
        String closest = names.stream()
                .min(java.util.Comparator.comparingInt(n -> distance(n, written)))
                .filter(n -> distance(n, written) <= Math.max(2, written.length() / 3))
                .map(n -> " Did you mean " + n + "?")
                .orElse("");
        return new UserError("Unknown magic " + written + "." + closest + " Known magics: "
                + names.stream().collect(Collectors.joining(", ")));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
