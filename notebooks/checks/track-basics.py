"""Asserts what an executed notebooks/track-basics.ipynb must have recorded in its store, and what its
query cells must show.

The store is read with Python's sqlite3, independently of the Java code that wrote it: two FINISHED runs
in the experiment 'track-basics', their params with the values the notebook set, one loss point per
epoch, and the tag of the first run.

Usage: /usr/bin/python3 notebooks/checks/track-basics.py EXECUTED.ipynb STORE_DIR
"""
import json
import os
import sqlite3
import sys

EPOCHS = 30


def text(value):
    return "".join(value) if isinstance(value, list) else value


def plain_outputs(notebook, cell_id):
    for cell in notebook["cells"]:
        if cell.get("id") == cell_id:
            return "\n".join(text(o["data"].get("text/plain", ""))
                             for o in cell.get("outputs", []) if "data" in o)
    raise AssertionError(f"the notebook has no cell with id {cell_id!r}")


def stdout_of(notebook, cell_id):
    for cell in notebook["cells"]:
        if cell.get("id") == cell_id:
            return "".join(text(o["text"]) for o in cell.get("outputs", [])
                           if o["output_type"] == "stream" and o["name"] == "stdout")
    raise AssertionError(f"the notebook has no cell with id {cell_id!r}")


def check_store(store_dir):
    database = os.path.join(store_dir, "labbook.db")
    assert os.path.isfile(database), f"no store database at {database}: the notebook tracked nothing there"
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    experiment = db.execute("SELECT experiment_id FROM experiments WHERE name = 'track-basics'").fetchone()
    assert experiment, "the store has no experiment 'track-basics'"
    runs = {name: (run_id, status, end_time) for run_id, name, status, end_time in db.execute(
        "SELECT run_id, name, status, end_time FROM runs WHERE experiment_id = ? AND deleted = 0", experiment)}
    assert sorted(runs) == ["baseline", "tuned"], f"expected runs baseline and tuned, found {sorted(runs)}"
    for name, (_, status, end_time) in runs.items():
        assert status == "FINISHED", f"run {name} is {status}, expected FINISHED"
        assert end_time is not None, f"run {name} has no end time"

    def params(name):
        return dict(db.execute("SELECT key, value FROM params WHERE run_id = ?", (runs[name][0],)))

    assert params("baseline") == {"learningRate": "0.05", "epochs": "30", "optimizer": "sgd"}, params("baseline")
    assert params("tuned") == {"learningRate": "0.3", "epochs": "30", "optimizer": "sgd"}, params("tuned")

    tags = dict(db.execute("SELECT key, value FROM tags WHERE run_id = ?", (runs["baseline"][0],)))
    assert tags.get("model") == "linear", f"run baseline should carry the tag model=linear, has {tags}"

    for name in runs:
        row = db.execute("SELECT count, latest_step, min_value, latest FROM metric_summaries"
                         " WHERE run_id = ? AND key = 'loss'", (runs[name][0],)).fetchone()
        assert row, f"run {name} has no metric 'loss'"
        count, latest_step, min_value, latest = row
        assert count == EPOCHS, f"run {name} has {count} loss points, expected {EPOCHS}"
        assert latest_step == EPOCHS - 1, f"run {name}'s last loss step is {latest_step}, expected {EPOCHS - 1}"
        assert 0 <= min_value <= latest, f"run {name}: loss min {min_value} and latest {latest} are inconsistent"
    tuned_loss = db.execute("SELECT latest FROM metric_summaries WHERE run_id = ? AND key = 'loss'",
                            (runs["tuned"][0],)).fetchone()[0]
    baseline_loss = db.execute("SELECT latest FROM metric_summaries WHERE run_id = ? AND key = 'loss'",
                               (runs["baseline"][0],)).fetchone()[0]
    assert tuned_loss < baseline_loss, f"tuned loss {tuned_loss} should be below baseline loss {baseline_loss}"
    db.close()


def check_outputs(notebook):
    listing = plain_outputs(notebook, "runs")
    assert "(2 runs)" in listing and "baseline" in listing and "tuned" in listing, listing
    assert "params.learningRate" in listing and "metrics.loss" in listing, listing
    best = plain_outputs(notebook, "best")
    assert best.startswith("Best run by lowest loss: tuned"), best
    compare = plain_outputs(notebook, "compare")
    assert "loss by step" in compare, compare
    # Confirmations are printed (no Out[n]), as IPython's magics print theirs.
    assert "Ended run 'baseline'" in stdout_of(notebook, "end-first")
    assert not plain_outputs(notebook, "end-first"), "%track end should print its confirmation, not return it"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: track-basics.py EXECUTED.ipynb STORE_DIR")
    with open(sys.argv[1], encoding="utf-8") as f:
        notebook = json.load(f)
    check_store(sys.argv[2])
    check_outputs(notebook)


if __name__ == "__main__":
    main()
