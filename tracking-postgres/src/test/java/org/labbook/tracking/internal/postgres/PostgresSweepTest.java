package org.labbook.tracking.internal.postgres;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.labbook.tracking.sweep.SweepContract;

/** Sweeps on the team store: the worker processes share one PostgreSQL database. */
class PostgresSweepTest extends SweepContract {
    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected String newStoreUri(Path tempDir, String name) {
        return POSTGRES.newDatabase();
    }
}
