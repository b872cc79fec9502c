-- Sweeps: a search over a space of configurations, run as trials that are child runs of the sweep's run.
-- Workers on several processes or machines share a sweep through these tables; a trial is handed out
-- in one write transaction, so no two workers take the same one.
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

-- attempt is 1 for a configuration the strategy proposed, 2 for one re-queued after a crash;
-- objective is NULL for NaN, as metric values are.
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

CREATE INDEX sweep_trials_by_state ON sweep_trials (sweep_id, state);

-- Intermediate objective values, for pruning by the median of earlier trials at the same step.
CREATE TABLE sweep_steps (
    sweep_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    step BIGINT NOT NULL,
    value DOUBLE PRECISION,
    PRIMARY KEY (sweep_id, number, step));

CREATE INDEX sweep_steps_by_step ON sweep_steps (sweep_id, step);
