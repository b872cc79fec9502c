package org.labbook.kernel.api;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Short texts of values that run no user code, for what the kernel reads after every cell. A variable whose
 * {@code toString} takes seconds, or a list of a million elements, must not slow the cell that names it: values of
 * the JDK's simple types are rendered as JShell prints them (capped); arrays, JDK collections and maps by type and
 * size; anything else by its type and identity, the way {@code Object.toString} does. {@link #isComplete} tells
 * which texts are the whole rendering, so that a caller may render the others off the cell's path.
 */
public final class ValueText {
    /** Exact classes (these are final, so no subclass overrides their toString) whose text is cheap and bounded. */
    private static final Set<Class<?>> SIMPLE = Set.of(Boolean.class, Character.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, BigInteger.class, UUID.class,
            java.time.Instant.class, java.time.Duration.class, java.time.LocalDate.class, java.time.LocalTime.class,
            java.time.LocalDateTime.class, java.time.OffsetDateTime.class, java.time.ZonedDateTime.class);
    private static final int ARRAY_ELEMENTS = 10;
    private static final int RENDERED_ELEMENTS = 100;

    private ValueText() {
    }

    /** Whether {@link #of} renders the value in full, as its own text, rather than by type and size. */
    public static boolean isComplete(Object value) {
        return value == null || value instanceof String || value instanceof Enum<?> || value instanceof Class<?>
                || SIMPLE.contains(value.getClass()) || value.getClass() == BigDecimal.class
                || isSmallPrimitiveArray(value);
    }

    /**
     * Whether the value's own toString says more than {@link #of} and is worth running off the cell's path: not
     * for complete texts, arrays (their toString is a type and a hash) or JDK collections and maps of more than
     * {@value #RENDERED_ELEMENTS} elements, whose text would be cut to a few hundred characters anyway.
     */
    public static boolean worthRendering(Object value) {
        if (isComplete(value) || value.getClass().isArray()) {
            return false;
        }
        boolean jdk = value.getClass().getClassLoader() == null;
        if (jdk && value instanceof Collection<?> collection) {
            return collection.size() <= RENDERED_ELEMENTS;
        }
        if (jdk && value instanceof Map<?, ?> map) {
            return map.size() <= RENDERED_ELEMENTS;
        }
        return true;
    }

    /** A text of the value of at most about {@code maxChars} characters, running none of its code. */
    public static String of(Object value, int maxChars) {
        if (value == null) {
            return "null";
        }
        Class<?> type = value.getClass();
        if (value instanceof String text) {
            return quoted(text, maxChars);
        }
        if (value instanceof Character c) {
            return "'" + c + "'";
        }
        if (value instanceof Enum<?> constant) {
            // name(), not toString(): an enum may override toString.
            return constant.name();
        }
        if (value instanceof Class<?> c) {
            return "class " + c.getName();
        }
        if (SIMPLE.contains(type) || type == BigDecimal.class) {
            return cap(value.toString(), maxChars);
        }
        if (type.isArray()) {
            return cap(array(value), maxChars);
        }
        // size() of a JDK collection or map is a field read; a user's class may do anything.
        boolean jdk = type.getClassLoader() == null;
        if (jdk && value instanceof Collection<?> collection) {
            return type.getSimpleName() + " (" + collection.size() + " elements)";
        }
        if (jdk && value instanceof Map<?, ?> map) {
            return type.getSimpleName() + " (" + map.size() + " entries)";
        }
        return type.getName() + "@" + Integer.toHexString(System.identityHashCode(value));
    }

    private static boolean isSmallPrimitiveArray(Object value) {
        return value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()
                && Array.getLength(value) <= ARRAY_ELEMENTS;
    }

    /** As JShell prints arrays, {@code int[3] { 1, 2, 3 }}; only primitive elements are shown, at most ten. */
    private static String array(Object value) {
        Class<?> component = value.getClass().getComponentType();
        int length = Array.getLength(value);
        String head = component.getSimpleName() + "[" + length + "]";
        if (!component.isPrimitive()) {
            return head;
        }
        StringBuilder text = new StringBuilder(head).append(" { ");
        for (int i = 0; i < Math.min(length, ARRAY_ELEMENTS); i++) {
            text.append(i == 0 ? "" : ", ").append(Array.get(value, i));
        }
        return text.append(length > ARRAY_ELEMENTS ? ", … }" : " }").toString();
    }

    private static String quoted(String text, int maxChars) {
        StringBuilder quoted = new StringBuilder("\"");
        int end = Math.min(text.length(), maxChars);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        quoted.append('"');
        if (end < text.length()) {
            quoted.append("… (").append(text.length() - end).append(" more characters)");
        }
        return quoted.toString();
    }

    private static String cap(String text, int maxChars) {
        return text.length() <= maxChars ? text
                : text.substring(0, maxChars) + "… (" + (text.length() - maxChars) + " more characters)";
    }
}
