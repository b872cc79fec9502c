package org.labbook.tracking.internal.postgres;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.ValidationException;
import org.postgresql.PGProperty;

/**
 * What a PostgreSQL store URI says, parsed once. The forms:
 * <pre>
 *   postgresql://[user[:password]@]host[:port][,host[:port]...][/database][?name=value&amp;...]
 *   postgres://...                                   the same
 *   jdbc:postgresql://host[:port]/database?...       the driver's own form
 *   jdbc:postgresql:database?...                     on localhost
 * </pre>
 * The user-info ends at the last {@code @} before the {@code ?}, and the password at that {@code @}, so a
 * password may hold {@code /}, {@code @} and {@code :} as written (the rule
 * {@link StoreLocation#redact(String)} masks by); {@code %XX} escapes are decoded everywhere, as libpq
 * does. Without a user the connection uses {@code PGUSER}, else the system user; without a database, the
 * user's name. The store's own parameters are {@code schema} and {@code artifacts}; {@code user} and
 * {@code password} may also come as parameters; every other parameter must be a PostgreSQL JDBC driver
 * property ({@code sslmode}, {@code sslrootcert}, {@code connectTimeout}, ...) and is passed on unchanged.
 *
 * @param hosts the host list as the driver takes it, e.g. {@code db.example:5432}
 * @param host the first host, which {@code ~/.pgpass} lines are matched against
 * @param port the first host's port
 * @param database the database's name
 * @param user the user to connect as
 * @param uriPassword the password written in the URI, or null
 * @param schema the schema the store lives in, or null for the connection's default one
 * @param artifacts a folder every client shares for artifact content, or null to keep it in the database
 * @param driverProperties the remaining parameters, for the driver
 * @param redacted the URI for messages, with any password masked
 */
record ConnectionSettings(String hosts, String host, int port, String database, String user, String uriPassword,
                          String schema, Path artifacts, Map<String, String> driverProperties, String redacted) {
    static final int DEFAULT_PORT = 5432;

    /** Unquoted PostgreSQL identifiers fold to lower case; allowing only these keeps the name one name everywhere. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** A head without user-info whose colons, if any, are all followed by a port number. */
    private static final Pattern PORT_AFTER_COLON = Pattern.compile("[^:]*(:\\d+(,[^:,/]*(:\\d+)?)*)?(/.*)?",
            Pattern.DOTALL);
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");
    /** Driver properties that the URI itself names; given as parameters they would contradict it. */
    private static final Set<String> URI_PARTS = Set.of("PGHOST", "PGPORT", "PGDBNAME");

    ConnectionSettings {
        driverProperties = Collections.unmodifiableMap(new LinkedHashMap<>(driverProperties));
    }

    /** The driver's URL, without credentials or parameters (those go to the pool separately). */
    String jdbcUrl() {
        return "jdbc:postgresql://" + hosts + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** Parses a store URI; {@code environment} supplies {@code PGUSER}. Errors name the URI with its password masked. */
    static ConnectionSettings parse(String uri, Map<String, String> environment) {
        String text = uri.strip();
        String redacted = StoreLocation.redact(text);
        String lower = text.toLowerCase(Locale.ROOT);
        String rest;
        boolean local = false;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("jdbc:postgresql:")) {
            rest = text.substring("jdbc:postgresql:".length());
            local = true;
        } else if (lower.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw invalid(redacted, "it is not a PostgreSQL URI", "Write postgresql://user@host:5432/database.");
        }
        int question = rest.indexOf('?');
        String head = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);

        int at = local ? -1 : head.lastIndexOf('@');
        if (at < 0 && !local && query.indexOf('@') >= 0 && !PORT_AFTER_COLON.matcher(head).matches()) {
            // As when a password holds '?': the password would be split at it, and its pieces would be
            // shown as a host or a parameter. Nothing of the URI is shown.
            throw new ValidationException("Invalid PostgreSQL store URI (not shown, as it may hold a password): an '@'"
                    + " follows the '?' that starts its parameters, as when a password holds '?'. Percent-encode it as %3F,"
                    + " or better keep the password out of the URI: LABBOOK_STORE_PASSWORD, PGPASSWORD or ~/.pgpass.");
        }
        String user = null;
        String password = null;
        String hostAndPath = head;
        if (at >= 0) {
            String userInfo = head.substring(0, at);
            hostAndPath = head.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name", redacted);
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password", redacted);
        }
        String hostSpec;
        String database;
        if (local) {
            hostSpec = "";
            database = decode(hostAndPath, "database name", redacted);
        } else {
            int slash = hostAndPath.indexOf('/');
            hostSpec = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
            database = slash < 0 ? "" : decode(hostAndPath.substring(slash + 1), "database name", redacted);
        }

        String schema = null;
        Path artifacts = null;
        Map<String, String> driver = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters(query, redacted).entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            switch (name) {
                case "schema" -> schema = schema(value, redacted);
                case "artifacts" -> artifacts = artifactFolder(value, redacted);
                case "user" -> {
                    if (user != null && !user.equals(value)) {
                        throw invalid(redacted, "it names the user twice, '" + user + "' and '" + value + "'",
                                "Keep one of them.");
                    }
                    user = value;
                }
                case "password" -> {
                    if (password != null) {
                        throw invalid(redacted, "it holds the password twice", "Keep none: use LABBOOK_STORE_PASSWORD or ~/.pgpass.");
                    }
                    password = value;
                }
                case "currentSchema" -> throw invalid(redacted, "the driver's currentSchema is set by the store",
                        "Write schema=NAME instead.");
                case "reWriteBatchedInserts" -> throw invalid(redacted, "reWriteBatchedInserts would merge an upsert batch"
                        + " that sets one key twice into one statement, which PostgreSQL refuses", "Leave it out.");
                default -> {
                    if (URI_PARTS.contains(name)) {
                        throw invalid(redacted, "parameter '" + name + "' repeats a part of the URI",
                                "Write the host, port and database before the '?'.");
                    }
                    if (PGProperty.forName(name) == null) {
                        throw invalid(redacted, "parameter '" + name + "' is unknown",
                                "Use schema, artifacts, or a PostgreSQL JDBC driver property such as sslmode,"
                                        + " sslrootcert or connectTimeout (names are case-sensitive).");
                    }
                    driver.put(name, value);
                }
            }
        }

        if (user == null || user.isEmpty()) {
            String fromEnvironment = environment.get("PGUSER");
            user = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : System.getProperty("user.name");
        }
        if (database.isEmpty()) {
            database = user;
        }
        StringBuilder hosts = new StringBuilder();
        String firstHost = null;
        int firstPort = DEFAULT_PORT;
        for (String entry : (hostSpec.isEmpty() ? "localhost" : hostSpec).split(",", -1)) {
            String host = entry;
            int port = DEFAULT_PORT;
            int colon = entry.lastIndexOf(':');
            if (colon > entry.lastIndexOf(']')) {
                host = entry.substring(0, colon);
                port = port(entry.substring(colon + 1), redacted);
            }
            if (host.isEmpty()) {
                host = "localhost";
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw invalid(redacted, "'" + host + "' is not a host name or address",
                        "Write postgresql://user@host:5432/database; percent-encode a password's '?', '#' and '%'.");
            }
            hosts.append(hosts.length() == 0 ? "" : ",").append(host).append(':').append(port);
            if (firstHost == null) {
                firstHost = host;
                firstPort = port;
            }
        }
        return new ConnectionSettings(hosts.toString(), firstHost, firstPort, database, user, password, schema, artifacts,
                driver, redacted);
    }

    private static Map<String, String> parameters(String query, String redacted) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw invalid(redacted, "parameter '" + StoreLocation.redact(pair) + "' has no name=value form",
                        "Write ?name=value&name=value.");
            }
            String name = decode(pair.substring(0, equals), "parameter name", redacted);
            String value = decode(pair.substring(equals + 1), "value of " + name, redacted);
            if (parameters.put(name, value) != null) {
                throw invalid(redacted, "parameter '" + name + "' is given twice", "Keep one.");
            }
        }
        return parameters;
    }

    private static String schema(String value, String redacted) {
        if (!SCHEMA_NAME.matcher(value).matches() || value.startsWith("pg_")) {
            throw invalid(redacted, "schema '" + value + "' is not a plain lower-case name",
                    "Use lower-case letters, digits and underscores, starting with a letter (not pg_), e.g. schema=labbook.");
        }
        return value;
    }

    private static Path artifactFolder(String value, String redacted) {
        Path folder;
        try {
            folder = Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(redacted, "artifacts '" + value + "' is not a path", "Give the absolute path of a shared folder.");
        }
        if (!folder.isAbsolute()) {
            throw invalid(redacted, "artifacts '" + value + "' is a relative path, which each client would read differently",
                    "Give the absolute path of a folder every client mounts, e.g. artifacts=/mnt/shared/labbook.");
        }
        return folder.normalize();
    }

    private static int port(String text, String redacted) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(redacted, "port '" + text + "' is not a number from 1 to 65535", "Write host:5432.");
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8. A {@code +} stays a plus, as in libpq. A bad escape in the
     * password is reported without the password.
     */
    static String decode(String text, String what, String redacted) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int value = i + 2 < text.length() ? hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)) : -1;
                if (value < 0) {
                    throw invalid(redacted, "the " + what + " has a '%' that is not followed by two hex digits",
                            "Write a literal '%' as %25.");
                }
                bytes.write(value);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -4096 : digit;
    }

    private static ValidationException invalid(String redacted, String problem, String fix) {
        return new ValidationException("Invalid PostgreSQL store URI " + redacted + ": " + problem + ". " + fix);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ConnectionSettings[" + redacted + ", user=" + user + ", database=" + database
                + (schema == null ? "" : ", schema=" + schema) + (artifacts == null ? "" : ", artifacts=" + artifacts) + "]";
    }
}
