package org.labbook.tracking.internal.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL password file, as libpq reads it: one {@code hostname:port:database:username:password}
 * per line, the first line that matches wins; {@code *} in any of the first four fields matches
 * anything; {@code \:} and {@code \\} stand for a colon and a backslash; lines starting with {@code #}
 * are comments. The file is {@code PGPASSFILE} if set, else {@code ~/.pgpass}
 * ({@code %APPDATA%\postgresql\pgpass.conf} on Windows).
 */
final class PgPass {
    private PgPass() {
    }

    /** Where the password file is for this environment and home folder. */
    static Path location(Map<String, String> environment, Path home) {
        String explicit = environment.get("PGPASSFILE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String appData = environment.get("APPDATA");
        if (System.getProperty("os.name", "").startsWith("Windows") && appData != null) {
            return Path.of(appData, "postgresql", "pgpass.conf");
        }
        return home.resolve(".pgpass");
    }

    /** The password of the first matching line of {@code file}; empty when it is missing or unreadable. */
    static Optional<String> lookup(Path file, String host, int port, String database, String user) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // As libpq: a missing or unreadable file just supplies no password.
            return Optional.empty();
        }
        return lookup(lines, host, port, database, user);
    }

    /** The password of the first matching line. */
    static Optional<String> lookup(List<String> lines, String host, int port, String database, String user) {
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String line : lines) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            List<Field> fields = fields(text);
            if (fields.size() < 5) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < 4 && matches; i++) {
                matches = fields.get(i).wildcard() || fields.get(i).value().equals(wanted[i]);
            }
            if (matches) {
                return Optional.of(fields.get(4).value());
            }
        }
        return Optional.empty();
    }

    /** One field, unescaped; a wildcard when it was written as a lone {@code *} (an escaped {@code \*} is a star). */
    private record Field(String value, boolean wildcard) {
    }

    /**
     * Splits a line at its unescaped colons into four fields and the password, which is the rest of
     * the line (a colon in it may be escaped or not).
     */
    private static List<Field> fields(String line) {
        List<Field> fields = new ArrayList<>(5);
        StringBuilder field = new StringBuilder();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(new Field(field.toString(), line.substring(start, i).equals("*")));
                field.setLength(0);
                start = i + 1;
            } else {
                field.append(c);
            }
        }
        fields.add(new Field(field.toString(), false));
        return fields;
    }
}
