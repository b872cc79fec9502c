package org.labbook.extension;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.labbook.kernel.api.CommandLineExtension;
import org.labbook.tracking.StoreLocation;
import org.labbook.tracking.TrackingException;
import org.labbook.tracking.postgres.PostgresSetupSql;
import org.labbook.tracking.postgres.TeamStores;
import org.labbook.tracking.spi.RunStore;
import org.labbook.tracking.spi.SchemaVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code labbook store init}: creates or migrates a store and says which schema version it is at, or,
 * with {@code --print-sql}, prints the PostgreSQL SQL that creates one by hand, with the grants of a
 * read-only and a read-write role, for a DBA who creates schemas themselves. Exits 0 when done, 1 when
 * the store fails, 2 on bad input.
 */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Set up a store.",
        subcommands = StoreCommand.Init.class)
public final class StoreCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: use init.");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create or migrate the store at URI and print its schema version;",
                    "or, with --print-sql, print the PostgreSQL SQL that creates a store by hand."})
    static final class Init implements Callable<Integer> {
        @Parameters(paramLabel = "URI", arity = "0..1",
                description = "The store, e.g. postgresql://ada@db.example/labbook?schema=fraud or a folder.")
        String uri;

        @Option(names = "--print-sql", description = "Print the SQL (every migration, the version rows and the"
                + " grants) instead of connecting to a store.")
        boolean printSql;

        @Option(names = "--schema", paramLabel = "NAME", description = "With --print-sql: the schema to create the"
                + " store in (default: public).")
        String schema;

        @Option(names = "--reader", paramLabel = "ROLE", description = "With --print-sql: a role that may read the store.")
        String reader;

        @Option(names = "--writer", paramLabel = "ROLE", description = "With --print-sql: a role that may read and"
                + " write the store.")
        String writer;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (printSql) {
                if (uri != null) {
                    return usage(err, "--print-sql connects to no store, so it takes no URI ('" + StoreLocation.redact(uri)
                            + "'); give the schema with --schema NAME");
                }
                try {
                    out.print(PostgresSetupSql.script(new PostgresSetupSql.Options(schema, reader, writer)));
                    out.flush();
                    return 0;
                } catch (TrackingException e) {
                    return usage(err, e.getMessage());
                }
            }
            if (schema != null || reader != null || writer != null) {
                return usage(err, "--schema, --reader and --writer go with --print-sql; to create a store in a"
                        + " schema, name it in the URI (postgresql://host/db?schema=NAME)");
            }
            if (uri == null) {
                return usage(err, "Missing the store URI, e.g. labbook store init postgresql://ada@db.example/labbook"
                        + " (or --print-sql for the SQL)");
            }
            // Not through the spool: init is about the server itself, and one that does not answer must say so.
            try (RunStore store = TeamStores.openWithoutSpool(StoreLocation.resolve(uri))) {
                out.println(describe(store));
                out.flush();
                return 0;
            } catch (TrackingException e) {
                err.println("labbook store init: " + e.getMessage());
                err.flush();
                return 1;
            }
        }

        private static String describe(RunStore store) {
            String where = "The " + store.location().describe();
            Optional<SchemaVersion> version = store.schemaVersion();
            if (version.isEmpty()) {
                return where + " is ready.";
            }
            SchemaVersion v = version.get();
            String how = v.found() == 0 ? "created now" : v.migrated() ? "migrated from version " + v.found()
                    : "already at it, nothing changed";
            return where + " is at schema version " + v.current() + " (" + how + ").";
        }

        private static int usage(PrintWriter err, String message) {
            err.println("labbook store init: " + message + ".");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
    }

    /** Registers {@code store} with the {@code labbook} command line. */
    public static final class Extension implements CommandLineExtension {
        @Override
        public Object command() {
            return new StoreCommand();
        }
    }
}
