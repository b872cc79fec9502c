"""Asserts what an executed notebooks/reproduce.ipynb must have recorded in its store, and what its cells
must show.

The store is read with Python's sqlite3, independently of the Java code that wrote it: the original run
'seeded-fit' with its session snapshot, environment and per-cell records attached, and a second run
'seeded-fit' tagged as reproducing the first, with the same final metrics; the reproduce cell printed a
table in which every metric is within the tolerance, and its exit code was 0.

Usage: /usr/bin/python3 notebooks/checks/reproduce.py EXECUTED.ipynb STORE_DIR
"""
import json
import os
import sqlite3
import sys


def text(value):
    return "".join(value) if isinstance(value, list) else value


def cell(notebook, cell_id):
    for c in notebook["cells"]:
        if c.get("id") == cell_id:
            return c
    raise AssertionError(f"the notebook has no cell with id {cell_id!r}")


def outputs_text(c):
    parts = []
    for output in c.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(text(output["text"]))
        elif "data" in output:
            parts.append(text(output["data"].get("text/plain", "")))
    return "\n".join(parts)


def check_notebook(notebook):
    attached = outputs_text(cell(notebook, "wait"))
    for name in ("labbook/session.ipynb", "labbook/environment.json"):
        assert name in attached, f"the run's artifacts, as the notebook listed them, lack {name}:\n{attached}"
    snapshot = outputs_text(cell(notebook, "snapshot"))
    assert "Session of run 'seeded-fit'" in snapshot, f"%track snapshot showed no session:\n{snapshot}"
    for source in ("java.util.Random data", "%track start seeded-fit", "%track end"):
        assert source in snapshot, f"the session shown lacks the cell starting {source!r}:\n{snapshot}"
    report = outputs_text(cell(notebook, "reproduce"))
    assert "Reproduction of run 'seeded-fit'" in report, f"no reproduction table:\n{report}"
    for metric in ("loss", "w", "b"):
        rows = [line for line in report.splitlines() if line.split() and line.split()[0] == metric]
        assert rows and rows[0].endswith("yes"), f"metric {metric} not reproduced within tolerance:\n{report}"
    assert report.strip().endswith("0"), f"labbook reproduce exited non-zero:\n{report}"


def check_store(store_dir):
    database = os.path.join(store_dir, "labbook.db")
    assert os.path.isfile(database), f"no store database at {database}"
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    runs = db.execute("SELECT r.run_id FROM runs r JOIN experiments e ON r.experiment_id = e.experiment_id"
                      " WHERE e.name = 'reproduce' AND r.name = 'seeded-fit' AND r.deleted = 0").fetchall()
    assert len(runs) == 2, f"expected the original run and its reproduction, found {len(runs)} runs"
    tags = {run_id: dict(db.execute("SELECT key, value FROM tags WHERE run_id = ?", (run_id,))) for (run_id,) in runs}
    original = [run_id for run_id, t in tags.items() if "labbook.reproduces" not in t]
    assert len(original) == 1, f"expected one original run, tags were {tags}"
    original = original[0]
    copies = [run_id for run_id, t in tags.items() if t.get("labbook.reproduces") == original]
    assert len(copies) == 1, f"no run is tagged labbook.reproduces={original}: {tags}"

    names = {name for (name,) in db.execute("SELECT name FROM artifacts WHERE run_id = ?", (original,))}
    for expected in ("labbook/session.ipynb", "labbook/session.json", "labbook/environment.json"):
        assert expected in names, f"the original run lacks the artifact {expected}: {sorted(names)}"
    assert any(n.startswith("labbook/cells/") for n in names), "the original run has no per-cell records"

    def latest(run_id):
        # System metrics say how busy the machine was, not what the session computed.
        return dict(db.execute("SELECT key, latest FROM metric_summaries WHERE run_id = ? AND key NOT LIKE 'system/%'",
                               (run_id,)))

    assert latest(original) == latest(copies[0]), f"{latest(original)} != {latest(copies[0])}"


def main():
    executed, store = sys.argv[1], sys.argv[2]
    with open(executed, encoding="utf-8") as f:
        check_notebook(json.load(f))
    check_store(store)


if __name__ == "__main__":
    main()
