-- Schema of the PostgreSQL store after every migration (generated; see PostgresSchemaTest).

CREATE TABLE artifacts (
    run_id text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    sha256 text COLLATE "C" NOT NULL,
    size bigint NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT artifacts_pkey PRIMARY KEY (run_id, name));

CREATE TABLE blob_chunks (
    sha256 text COLLATE "C" NOT NULL,
    seq integer NOT NULL,
    data bytea NOT NULL,
    CONSTRAINT blob_chunks_pkey PRIMARY KEY (sha256, seq));

CREATE TABLE blobs (
    sha256 text COLLATE "C" NOT NULL,
    size bigint NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT blobs_pkey PRIMARY KEY (sha256));

CREATE TABLE datasets (
    run_id text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    location text COLLATE "C" NOT NULL,
    sha256 text COLLATE "C" NOT NULL,
    size bigint NOT NULL,
    rows bigint NOT NULL,
    columns integer NOT NULL,
    CONSTRAINT datasets_pkey PRIMARY KEY (run_id, name));

CREATE TABLE experiment_tags (
    experiment_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    CONSTRAINT experiment_tags_pkey PRIMARY KEY (experiment_id, key));

CREATE TABLE experiments (
    experiment_id text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    created_at bigint NOT NULL,
    deleted smallint NOT NULL DEFAULT 0,
    CONSTRAINT experiments_name_key UNIQUE (name),
    CONSTRAINT experiments_pkey PRIMARY KEY (experiment_id)) WITH (autovacuum_analyze_threshold=0);

CREATE TABLE metric_chunks (
    run_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    count integer NOT NULL,
    first_step bigint NOT NULL,
    last_step bigint NOT NULL,
    min_value double precision,
    max_value double precision,
    blocks bytea NOT NULL,
    data bytea NOT NULL,
    CONSTRAINT metric_chunks_pkey PRIMARY KEY (run_id, key, seq));

CREATE TABLE metric_marks (
    run_id text COLLATE "C" NOT NULL,
    writer_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    through bigint NOT NULL,
    CONSTRAINT metric_marks_pkey PRIMARY KEY (run_id, writer_id, key));

CREATE TABLE metric_summaries (
    run_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    latest double precision,
    latest_bits bigint NOT NULL,
    latest_step bigint NOT NULL,
    latest_time bigint NOT NULL,
    min_value double precision,
    max_value double precision,
    count bigint NOT NULL,
    next_seq bigint NOT NULL,
    open_from_seq bigint NOT NULL,
    open_chunks integer NOT NULL,
    CONSTRAINT metric_summaries_pkey PRIMARY KEY (run_id, key));

CREATE TABLE model_alias_events (
    model_name text COLLATE "C" NOT NULL,
    seq integer NOT NULL,
    alias text COLLATE "C" NOT NULL,
    from_version integer,
    to_version integer,
    moved_at bigint NOT NULL,
    moved_by text COLLATE "C" NOT NULL,
    note text,
    gate text,
    CONSTRAINT model_alias_events_pkey PRIMARY KEY (model_name, seq));

CREATE TABLE model_aliases (
    model_name text COLLATE "C" NOT NULL,
    alias text COLLATE "C" NOT NULL,
    version integer NOT NULL,
    CONSTRAINT model_aliases_pkey PRIMARY KEY (model_name, alias));

CREATE TABLE model_versions (
    model_name text COLLATE "C" NOT NULL,
    version integer NOT NULL,
    run_id text COLLATE "C" NOT NULL,
    artifact_name text COLLATE "C",
    artifact_sha256 text COLLATE "C",
    artifact_size bigint,
    created_at bigint NOT NULL,
    created_by text COLLATE "C" NOT NULL,
    note text,
    archived smallint NOT NULL DEFAULT 0,
    CONSTRAINT model_versions_model_name_fkey FOREIGN KEY (model_name) REFERENCES registered_models(name),
    CONSTRAINT model_versions_pkey PRIMARY KEY (model_name, version),
    CONSTRAINT model_versions_run_id_fkey FOREIGN KEY (run_id) REFERENCES runs(run_id));

CREATE TABLE notes (
    run_id text COLLATE "C" NOT NULL,
    seq bigint NOT NULL,
    text text COLLATE "C" NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT notes_pkey PRIMARY KEY (run_id, seq));

CREATE TABLE params (
    run_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    CONSTRAINT params_pkey PRIMARY KEY (run_id, key));

CREATE TABLE registered_models (
    name text COLLATE "C" NOT NULL,
    created_at bigint NOT NULL,
    created_by text COLLATE "C" NOT NULL,
    revision bigint NOT NULL DEFAULT 0,
    CONSTRAINT registered_models_pkey PRIMARY KEY (name));

CREATE TABLE runs (
    run_id text COLLATE "C" NOT NULL,
    name text COLLATE "C" NOT NULL,
    experiment_id text COLLATE "C" NOT NULL,
    status text COLLATE "C" NOT NULL,
    start_time bigint NOT NULL,
    end_time bigint,
    user_name text COLLATE "C" NOT NULL,
    parent_run_id text COLLATE "C",
    notebook_path text COLLATE "C",
    kernel_session text COLLATE "C",
    entry_point text COLLATE "C",
    git_commit text COLLATE "C",
    heartbeat bigint NOT NULL,
    deleted smallint NOT NULL DEFAULT 0,
    creation_seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
    CONSTRAINT runs_experiment_id_fkey FOREIGN KEY (experiment_id) REFERENCES experiments(experiment_id),
    CONSTRAINT runs_pkey PRIMARY KEY (run_id));

CREATE TABLE schema_version (
    version integer NOT NULL,
    applied_at bigint NOT NULL,
    CONSTRAINT schema_version_pkey PRIMARY KEY (version));

CREATE TABLE sweep_steps (
    sweep_id text NOT NULL,
    number integer NOT NULL,
    step bigint NOT NULL,
    value double precision,
    CONSTRAINT sweep_steps_pkey PRIMARY KEY (sweep_id, number, step));

CREATE TABLE sweep_trials (
    sweep_id text NOT NULL,
    number integer NOT NULL,
    config text NOT NULL,
    state text NOT NULL,
    attempt integer NOT NULL,
    requeued_from integer,
    run_id text,
    worker text,
    objective double precision,
    error text,
    started_at bigint,
    ended_at bigint,
    CONSTRAINT sweep_trials_pkey PRIMARY KEY (sweep_id, number),
    CONSTRAINT sweep_trials_sweep_id_fkey FOREIGN KEY (sweep_id) REFERENCES sweeps(sweep_id));

CREATE TABLE sweeps (
    sweep_id text NOT NULL,
    name text NOT NULL,
    experiment_name text NOT NULL,
    run_id text NOT NULL,
    space text NOT NULL,
    objective_key text NOT NULL,
    minimize integer NOT NULL,
    strategy text NOT NULL,
    seed bigint NOT NULL,
    budget integer NOT NULL,
    pruner text NOT NULL,
    created_at bigint NOT NULL,
    CONSTRAINT sweeps_name_key UNIQUE (name),
    CONSTRAINT sweeps_pkey PRIMARY KEY (sweep_id));

CREATE TABLE tags (
    run_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    CONSTRAINT tags_pkey PRIMARY KEY (run_id, key));

CREATE INDEX datasets_by_name ON datasets USING btree (name);

CREATE INDEX metric_summaries_by_latest ON metric_summaries USING btree (key, latest);

CREATE INDEX metric_summaries_by_latest_desc ON metric_summaries USING btree (key, latest DESC NULLS LAST);

CREATE INDEX metric_summaries_by_max ON metric_summaries USING btree (key, max_value);

CREATE INDEX metric_summaries_by_max_desc ON metric_summaries USING btree (key, max_value DESC NULLS LAST);

CREATE INDEX metric_summaries_by_min ON metric_summaries USING btree (key, min_value);

CREATE INDEX metric_summaries_by_min_desc ON metric_summaries USING btree (key, min_value DESC NULLS LAST);

CREATE INDEX model_versions_by_run ON model_versions USING btree (run_id);

CREATE INDEX params_by_key ON params USING btree (key);

CREATE INDEX params_by_value ON params USING hash (value);

CREATE INDEX runs_by_experiment ON runs USING btree (experiment_id, start_time, creation_seq);

CREATE INDEX runs_by_name ON runs USING btree (name);

CREATE INDEX runs_by_parent ON runs USING btree (parent_run_id);

CREATE INDEX runs_by_start ON runs USING btree (start_time, creation_seq);

CREATE INDEX sweep_steps_by_step ON sweep_steps USING btree (sweep_id, step);

CREATE INDEX sweep_trials_by_state ON sweep_trials USING btree (sweep_id, state);

CREATE INDEX tags_by_key ON tags USING btree (key);

CREATE INDEX tags_by_value ON tags USING hash (value);
