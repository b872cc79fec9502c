-- The model registry, as the embedded store's V4 creates it, in PostgreSQL's types: named models, their
-- numbered versions (each pointing at a run and, by digest, at one of its artifacts), aliases such as
-- production that point at one version each, and the audit trail of every alias move, which is only
-- ever appended to.
--
-- registered_models.revision is bumped by every alias move of the model inside the moving transaction:
-- the row lock that update takes serialises concurrent moves of one model until commit.

CREATE TABLE registered_models (
    name TEXT COLLATE "C" PRIMARY KEY,
    created_at BIGINT NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL,
    revision BIGINT NOT NULL DEFAULT 0);

CREATE TABLE model_versions (
    model_name TEXT COLLATE "C" NOT NULL REFERENCES registered_models (name),
    version INTEGER NOT NULL,
    run_id TEXT COLLATE "C" NOT NULL REFERENCES runs (run_id),
    artifact_name TEXT COLLATE "C",
    artifact_sha256 TEXT COLLATE "C",
    artifact_size BIGINT,
    created_at BIGINT NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL,
    note TEXT,
    archived SMALLINT NOT NULL DEFAULT 0,
    PRIMARY KEY (model_name, version));

CREATE INDEX model_versions_by_run ON model_versions (run_id);

CREATE TABLE model_aliases (
    model_name TEXT COLLATE "C" NOT NULL,
    alias TEXT COLLATE "C" NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (model_name, alias));

CREATE TABLE model_alias_events (
    model_name TEXT COLLATE "C" NOT NULL,
    seq INTEGER NOT NULL,
    alias TEXT COLLATE "C" NOT NULL,
    from_version INTEGER,
    to_version INTEGER,
    moved_at BIGINT NOT NULL,
    moved_by TEXT COLLATE "C" NOT NULL,
    note TEXT,
    gate TEXT,
    PRIMARY KEY (model_name, seq));
