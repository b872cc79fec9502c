-- A store holds few experiments, so autovacuum's default threshold (50 changed rows) never analyzes
-- the experiments table; without statistics the planner takes it for about 800 rows and expects an
-- experiment's runs to be a few hundred, and a search by experiment then probes params and
-- metric_summaries once for every run of the experiment (over 100,000 runs: 0.7 s instead of 70 ms).
-- With no threshold, autovacuum analyzes it within a minute of any experiment being created.
ALTER TABLE experiments SET (autovacuum_analyze_threshold = 0);
