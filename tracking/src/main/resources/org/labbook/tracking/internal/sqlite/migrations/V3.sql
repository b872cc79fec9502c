-- How far each writer has stored each metric of a run: a writer numbers the points it hands the store,
-- per run and key, and a batch records the number after its last point in the same transaction as the
-- points. A batch sent again because its commit was acknowledged to nobody (the connection dropped
-- after the commit) then finds its points counted and stores only those not yet counted, so no point
-- is stored twice.
CREATE TABLE metric_marks (
    run_id TEXT NOT NULL,
    writer_id TEXT NOT NULL,
    key TEXT NOT NULL,
    through INTEGER NOT NULL,
    PRIMARY KEY (run_id, writer_id, key));
