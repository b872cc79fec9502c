package org.labbook.tracking.internal.postgres;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.labbook.tracking.StoreException;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.internal.ArtifactFolder;
import org.labbook.tracking.internal.jdbc.BlobStore;
import org.labbook.tracking.internal.jdbc.JdbcRunStore;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.StoreProvider;

/**
 * The PostgreSQL team store, for {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql:}
 * URIs (see {@link ConnectionSettings} for their forms and {@link Credentials} for the password). Found by
 * {@link java.util.ServiceLoader}, so it is there whenever this module is on the class path.
 */
public final class PostgresStoreProvider implements StoreProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("postgresql");
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public RunStore open(StoreLocation location, Duration crashTimeout) {
        // Through the spool: a server that does not answer leaves the session logging to it.
        return OfflineSpool.open(location, crashTimeout, System.getenv(), Path.of(System.getProperty("user.home")),
                System.err);
    }

    /** Opens with a given environment, home folder and warning stream (tests use this). */
    static RunStore open(StoreLocation location, Duration crashTimeout, Map<String, String> environment, Path home,
                         PrintStream warnings) {
        ConnectionSettings settings = ConnectionSettings.parse(location.uri(), environment);
        if (settings.uriPassword() != null) {
            warnings.println(Credentials.uriPasswordWarning(settings));
        }
        if (settings.artifacts() != null && !Files.isDirectory(settings.artifacts())) {
            // Never created here: a shared folder that is not mounted would otherwise quietly become a
            // local one that no teammate can read.
            throw new StoreException("The artifact folder " + settings.artifacts() + " of the PostgreSQL store "
                    + settings.redacted() + " does not exist. Mount the shared folder (or create it), or leave out"
                    + " artifacts= to keep artifact content in the database.");
        }
        Optional<Credentials.Password> password = Credentials.find(settings, environment, home);
        PostgresTransactor tx = PostgresTransactor.connect(settings, password);
        try {
            BlobStore blobs = settings.artifacts() != null ? new ArtifactFolder(settings.artifacts())
                    : new DatabaseBlobStore(tx, settings.redacted());
            return JdbcRunStore.open(location, crashTimeout, new PostgresDialect(settings.schema()), tx, blobs);
        } catch (RuntimeException | Error e) {
            tx.close();
            throw e;
        }
    }
}
