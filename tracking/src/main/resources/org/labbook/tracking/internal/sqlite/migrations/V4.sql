-- The model registry: named models, their numbered versions (each pointing at a run and, by digest, at
-- one of its artifacts), aliases such as production that point at one version each, and the audit trail
-- of every alias move, which is only ever appended to.
--
-- registered_models.revision is bumped by every alias move of the model inside the moving transaction:
-- that row update is what serialises concurrent moves on every database (SQLite takes the write lock with
-- BEGIN IMMEDIATE anyway; PostgreSQL locks the row until commit).

CREATE TABLE registered_models (
    name TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0);

CREATE TABLE model_versions (
    model_name TEXT NOT NULL REFERENCES registered_models (name),
    version INTEGER NOT NULL,
    run_id TEXT NOT NULL REFERENCES runs (run_id),
    artifact_name TEXT,
    artifact_sha256 TEXT,
    artifact_size INTEGER,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    note TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (model_name, version)) WITHOUT ROWID;

CREATE INDEX model_versions_by_run ON model_versions (run_id);

CREATE TABLE model_aliases (
    model_name TEXT NOT NULL,
    alias TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (model_name, alias)) WITHOUT ROWID;

CREATE TABLE model_alias_events (
    model_name TEXT NOT NULL,
    seq INTEGER NOT NULL,
    alias TEXT NOT NULL,
    from_version INTEGER,
    to_version INTEGER,
    moved_at INTEGER NOT NULL,
    moved_by TEXT NOT NULL,
    note TEXT,
    gate TEXT,
    PRIMARY KEY (model_name, seq)) WITHOUT ROWID;
