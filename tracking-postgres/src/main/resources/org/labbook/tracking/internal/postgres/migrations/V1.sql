-- The first schema of the PostgreSQL team store (a released migration never changes): the embedded
-- store's tables as its V1 and V2 leave them, in PostgreSQL's types, plus the artifact content.
--
-- Text compares byte by byte (COLLATE "C"), as SQLite's BINARY does, so sorts and run-id prefix ranges
-- give the same answers on both stores whatever locale the database was created with. A NaN metric
-- value is NULL in a DOUBLE PRECISION column, as on every database the store core serves; latest_bits
-- keeps the exact latest value. Flags are SMALLINT 0/1 and times epoch milliseconds.

CREATE TABLE experiments (
    experiment_id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    deleted SMALLINT NOT NULL DEFAULT 0);

CREATE TABLE experiment_tags (
    experiment_id TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (experiment_id, key));

-- creation_seq orders runs of the same start millisecond as they were created (SQLite's rowid does it
-- there); it comes last so that the columns the two stores share keep one order.
CREATE TABLE runs (
    run_id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    experiment_id TEXT COLLATE "C" NOT NULL REFERENCES experiments (experiment_id),
    status TEXT COLLATE "C" NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT,
    user_name TEXT COLLATE "C" NOT NULL,
    parent_run_id TEXT COLLATE "C",
    notebook_path TEXT COLLATE "C",
    kernel_session TEXT COLLATE "C",
    entry_point TEXT COLLATE "C",
    git_commit TEXT COLLATE "C",
    heartbeat BIGINT NOT NULL,
    deleted SMALLINT NOT NULL DEFAULT 0,
    creation_seq BIGINT GENERATED ALWAYS AS IDENTITY);

CREATE INDEX runs_by_experiment ON runs (experiment_id, start_time, creation_seq);

CREATE INDEX runs_by_start ON runs (start_time, creation_seq);

CREATE INDEX runs_by_name ON runs (name);

CREATE INDEX runs_by_parent ON runs (parent_run_id);

-- A param or tag value may be longer than a B-tree entry can be (about 2.7 kB), so values are found
-- through hash indexes, which hold only a hash: equality is an index lookup, and ranges and LIKE read
-- the rows of the key.
CREATE TABLE params (
    run_id TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, key));

CREATE INDEX params_by_key ON params (key);

CREATE INDEX params_by_value ON params USING hash (value);

CREATE TABLE tags (
    run_id TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, key));

CREATE INDEX tags_by_key ON tags (key);

CREATE INDEX tags_by_value ON tags USING hash (value);

CREATE TABLE metric_summaries (
    run_id TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    latest DOUBLE PRECISION,
    latest_bits BIGINT NOT NULL,
    latest_step BIGINT NOT NULL,
    latest_time BIGINT NOT NULL,
    min_value DOUBLE PRECISION,
    max_value DOUBLE PRECISION,
    count BIGINT NOT NULL,
    next_seq BIGINT NOT NULL,
    open_from_seq BIGINT NOT NULL,
    open_chunks INTEGER NOT NULL,
    PRIMARY KEY (run_id, key));

CREATE INDEX metric_summaries_by_latest ON metric_summaries (key, latest);

CREATE INDEX metric_summaries_by_min ON metric_summaries (key, min_value);

CREATE INDEX metric_summaries_by_max ON metric_summaries (key, max_value);

-- blocks (per-256-point extremes) is small and stays in the row; data is compressed and moved out of
-- line by PostgreSQL when large, so coarse history reads do not touch it.
CREATE TABLE metric_chunks (
    run_id TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    seq BIGINT NOT NULL,
    count INTEGER NOT NULL,
    first_step BIGINT NOT NULL,
    last_step BIGINT NOT NULL,
    min_value DOUBLE PRECISION,
    max_value DOUBLE PRECISION,
    blocks BYTEA NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (run_id, key, seq));

CREATE TABLE notes (
    run_id TEXT COLLATE "C" NOT NULL,
    seq BIGINT NOT NULL,
    text TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, seq));

CREATE TABLE artifacts (
    run_id TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    sha256 TEXT COLLATE "C" NOT NULL,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, name));

CREATE TABLE datasets (
    run_id TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    location TEXT COLLATE "C" NOT NULL,
    sha256 TEXT COLLATE "C" NOT NULL,
    size BIGINT NOT NULL,
    rows BIGINT NOT NULL,
    columns INTEGER NOT NULL,
    PRIMARY KEY (run_id, name));

CREATE INDEX datasets_by_name ON datasets (name);

-- Artifact content, addressed by SHA-256 and stored once however many runs attach it, in rows of at
-- most 1 MiB so that no single value comes near PostgreSQL's 1 GB limit and reads can stream. Unused
-- when the store's URI names a shared artifact folder.
CREATE TABLE blobs (
    sha256 TEXT COLLATE "C" PRIMARY KEY,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL);

CREATE TABLE blob_chunks (
    sha256 TEXT COLLATE "C" NOT NULL,
    seq INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (sha256, seq));
