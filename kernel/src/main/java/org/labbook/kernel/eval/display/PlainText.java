package org.labbook.kernel.eval.display;

import java.lang.reflect.Array;
import java.util.Arrays;

/** The text/plain form of any value: arrays element by element, long texts cut with a note. */
public final class PlainText {
    /** Enough for a large table printed by hand; beyond that a front end only slows down. */
    static final int MAX_CHARS = 20_000;

    private PlainText() {
    }

    public static String of(Object value) {
        return cap(uncapped(value), MAX_CHARS);
    }

    static String uncapped(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Object[] objects) {
            return Arrays.deepToString(objects);
        }
        if (value.getClass().isArray()) {
            StringBuilder text = new StringBuilder("[");
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    text.append(", ");
                }
                text.append(Array.get(value, i));
                if (text.length() > MAX_CHARS) {
                    break;
                }
            }
            return text.append(']').toString();
        }
        return String.valueOf(value);
    }

    public static String cap(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
    }
}
