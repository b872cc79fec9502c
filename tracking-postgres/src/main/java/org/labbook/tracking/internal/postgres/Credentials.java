package org.labbook.tracking.internal.postgres;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the store's password comes from; the first that has one wins:
 * <ol>
 *   <li>the URI ({@code user:password@host} or {@code ?password=}), which works but is warned about,
 *       because URIs end up in notebooks, shell history and logs;</li>
 *   <li>{@code LABBOOK_STORE_PASSWORD}, which is meant for this store and so comes before the generic
 *       variable;</li>
 *   <li>{@code PGPASSWORD};</li>
 *   <li>the password file ({@code PGPASSFILE} or {@code ~/.pgpass}), matched on the first host, port,
 *       database and user.</li>
 * </ol>
 * With none the connection is tried without a password, which a server that trusts the client accepts.
 */
final class Credentials {
    static final String PASSWORD_VARIABLE = "LABBOOK_STORE_PASSWORD";

    private Credentials() {
    }

    /**
     * A password and where it came from (for messages). Its {@link #toString()} never shows the value.
     *
     * @param source e.g. "the URI", "PGPASSWORD" or "/home/ada/.pgpass"
     */
    record Password(String value, String source) {
        @Override
        public String toString() {
            return "Password[*** from " + source + "]";
        }
    }

    static Optional<Password> find(ConnectionSettings settings, Map<String, String> environment, Path home) {
        if (settings.uriPassword() != null) {
            return Optional.of(new Password(settings.uriPassword(), "the URI"));
        }
        for (String variable : new String[] {PASSWORD_VARIABLE, "PGPASSWORD"}) {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new Password(value, variable));
            }
        }
        Path file = PgPass.location(environment, home);
        return PgPass.lookup(file, settings.host(), settings.port(), settings.database(), settings.user())
                .map(password -> new Password(password, file.toString()));
    }

    /** The one warning line for a password written in the URI; it shows the URI with the password masked. */
    static String uriPasswordWarning(ConnectionSettings settings) {
        return "Warning: the store URI " + settings.redacted() + " holds a password. It works, but URIs end up in"
                + " notebooks, shell history and logs: put the password in " + PASSWORD_VARIABLE
                + " or ~/.pgpass instead.";
    }
}
