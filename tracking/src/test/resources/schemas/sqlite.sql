-- Schema of the embedded store after every migration (generated; see SqliteSchemaTest).

CREATE TABLE artifacts (
    run_id TEXT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, name)) WITHOUT ROWID;

CREATE TABLE datasets (
    run_id TEXT NOT NULL,
    name TEXT NOT NULL,
    location TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    columns INTEGER NOT NULL,
    PRIMARY KEY (run_id, name)) WITHOUT ROWID;

CREATE TABLE experiment_tags (
    experiment_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (experiment_id, key)) WITHOUT ROWID;

CREATE TABLE experiments (
    experiment_id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0);

CREATE TABLE metric_chunks (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    count INTEGER NOT NULL,
    first_step INTEGER NOT NULL,
    last_step INTEGER NOT NULL,
    min_value REAL,
    max_value REAL,
    blocks BLOB NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (run_id, key, seq));

CREATE TABLE metric_marks (
    run_id TEXT NOT NULL,
    writer_id TEXT NOT NULL,
    key TEXT NOT NULL,
    through INTEGER NOT NULL,
    PRIMARY KEY (run_id, writer_id, key));

CREATE TABLE metric_summaries (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    latest REAL,
    latest_bits INTEGER NOT NULL,
    latest_step INTEGER NOT NULL,
    latest_time INTEGER NOT NULL,
    min_value REAL,
    max_value REAL,
    count INTEGER NOT NULL,
    next_seq INTEGER NOT NULL,
    open_from_seq INTEGER NOT NULL,
    open_chunks INTEGER NOT NULL,
    PRIMARY KEY (run_id, key)) WITHOUT ROWID;

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

CREATE TABLE model_aliases (
    model_name TEXT NOT NULL,
    alias TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (model_name, alias)) WITHOUT ROWID;

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

CREATE TABLE notes (
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq));

CREATE TABLE params (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run_id, key)) WITHOUT ROWID;

CREATE TABLE registered_models (
    name TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0);

CREATE TABLE runs (
    run_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    experiment_id TEXT NOT NULL REFERENCES experiments (experiment_id),
    status TEXT NOT NULL,
    start_time INTEGER NOT NULL,
    end_time INTEGER,
    user_name TEXT NOT NULL,
    parent_run_id TEXT,
    notebook_path TEXT,
    kernel_session TEXT,
    entry_point TEXT,
    git_commit TEXT,
    heartbeat INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0);

CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL);

CREATE TABLE sweep_steps (
    sweep_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    step BIGINT NOT NULL,
    value DOUBLE PRECISION,
    PRIMARY KEY (sweep_id, number, step));

CREATE TABLE sweep_trials (
    sweep_id TEXT NOT NULL REFERENCES sweeps (sweep_id),
    number INTEGER NOT NULL,
    config TEXT NOT NULL,
    state TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    requeued_from INTEGER,
    run_id TEXT,
    worker TEXT,
    objective DOUBLE PRECISION,
    error TEXT,
    started_at BIGINT,
    ended_at BIGINT,
    PRIMARY KEY (sweep_id, number));

CREATE TABLE sweeps (
    sweep_id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    experiment_name TEXT NOT NULL,
    run_id TEXT NOT NULL,
    space TEXT NOT NULL,
    objective_key TEXT NOT NULL,
    minimize INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    seed BIGINT NOT NULL,
    budget INTEGER NOT NULL,
    pruner TEXT NOT NULL,
    created_at BIGINT NOT NULL);

CREATE TABLE tags (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run_id, key)) WITHOUT ROWID;

CREATE INDEX datasets_by_name ON datasets (name);

CREATE INDEX metric_summaries_by_latest ON metric_summaries (key, latest);

CREATE INDEX metric_summaries_by_max ON metric_summaries (key, max_value);

CREATE INDEX metric_summaries_by_min ON metric_summaries (key, min_value);

CREATE INDEX model_versions_by_run ON model_versions (run_id);

CREATE INDEX params_by_key_value ON params (key, value);

CREATE INDEX runs_by_experiment ON runs (experiment_id, start_time);

CREATE INDEX runs_by_name ON runs (name);

CREATE INDEX runs_by_parent ON runs (parent_run_id);

CREATE INDEX runs_by_start ON runs (start_time);

CREATE INDEX sweep_steps_by_step ON sweep_steps (sweep_id, step);

CREATE INDEX sweep_trials_by_state ON sweep_trials (sweep_id, state);

CREATE INDEX tags_by_key_value ON tags (key, value);
