-- How far each writer has stored each metric of a run: a writer numbers the points it hands the store,
-- per run and key, and a batch records the number after its last point in the same transaction as the
-- points. A batch sent again because its commit was acknowledged to nobody (the connection dropped
-- after the commit) then finds its points counted and stores only those not yet counted, so no point
-- is stored twice.
CREATE TABLE metric_marks (
    run_id TEXT COLLATE "C" NOT NULL,
    writer_id TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    through BIGINT NOT NULL,
    PRIMARY KEY (run_id, writer_id, key));

-- A search ordered by a metric sorts by its value with NULLS LAST (NaN is NULL) in the direction asked.
-- The V1 indexes give the ascending order; these give the descending one, so that a page of the
-- best runs is read from the top of an index rather than sorted out of every match.
CREATE INDEX metric_summaries_by_latest_desc ON metric_summaries (key, latest DESC NULLS LAST);

CREATE INDEX metric_summaries_by_min_desc ON metric_summaries (key, min_value DESC NULLS LAST);

CREATE INDEX metric_summaries_by_max_desc ON metric_summaries (key, max_value DESC NULLS LAST);
