package org.labbook.benchmarks.tracking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A throwaway PostgreSQL for the test command's notebooks that need a team store: starts the same
 * embedded PostgreSQL 14 as the benchmarks and the store's tests, on 127.0.0.1 only (no Unix socket),
 * with its data in {@code args[0]}, creates the database {@code team}, writes the store's URI to
 * {@code args[1]} (atomically, so a reader sees it whole), and serves until this process is ended;
 * SIGTERM stops the server through the shutdown hook.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.labbook.benchmarks.tracking.TestDatabase DATA URI_FILE}
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: TestDatabase DATA_FOLDER URI_FILE");
            System.exit(2);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", "off")
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("TestDatabase: stopping PostgreSQL failed: " + e.getMessage());
            }
            stopped.countDown();
        }));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE team");
        }
        Path uriFile = Path.of(args[1]);
        Path partial = uriFile.resolveSibling(uriFile.getFileName() + ".partial");
        Files.writeString(partial, "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/team\n", StandardCharsets.UTF_8);
        Files.move(partial, uriFile, StandardCopyOption.ATOMIC_MOVE);
        stopped.await();
    }
}
