"""Asserts what an executed notebooks/sweep.ipynb must show: the sweep defined from its cell, one progress
display for the whole run, the trials table and two charts (objective over trials, parallel coordinates)
that decode to real PNGs, and the best trial; and what it must have recorded: every trial a child run of
the sweep's run, pruned trials KILLED with the tag sweep.pruned=true, the grid of the Java cell complete.

Usage: /usr/bin/python3 notebooks/checks/sweep.py EXECUTED.ipynb STORE_DIR
"""
import base64
import json
import os
import re
import sqlite3
import struct
import sys


def text(value):
    return "".join(value) if isinstance(value, list) else value


def outputs(notebook, cell_id):
    for cell in notebook["cells"]:
        if cell.get("id") == cell_id:
            return [o for o in cell.get("outputs", []) if "data" in o]
    raise AssertionError(f"the notebook has no cell with id {cell_id!r}")


def plain(notebook, cell_id):
    return "\n".join(text(o["data"].get("text/plain", "")) for o in outputs(notebook, cell_id))


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def check_outputs(notebook):
    assert plain(notebook, "define").startswith("Created sweep lr-search in experiment fraud/tuning: 4 params,"
                                                " minimize val_loss, strategy tpe, seed 7, 30 trials"), plain(notebook, "define")
    progress = [o for o in outputs(notebook, "run") if o["output_type"] == "display_data"]
    assert len(progress) == 1, f"the run cell shows {len(progress)} displays, not one redrawn in place"
    final = text(progress[0]["data"]["text/plain"])
    assert re.match(r"Sweep lr-search: 30/30 done \(\d+ complete, \d+ pruned, 0 failed\), 0 running; best val_loss = ",
                    final), final
    show = outputs(notebook, "show")
    html = "\n".join(text(o["data"]["text/html"]) for o in show if "text/html" in o["data"])
    assert 'class="lb-sweep-trials"' in html, "the show cell has no trials table"
    assert "Best params (trial " in html, "the show cell names no best params"
    images = re.findall(r'<img class="lb-chart" alt="([^"]*)" src="data:image/png;base64,([^"]+)"', html)
    alts = [alt for alt, _ in images]
    assert alts == ["val_loss over trials", "params \u2192 val_loss"], f"charts: {alts}"
    for alt, data in images:
        width, height = png_size(base64.b64decode(data))
        assert width >= 100 and height >= 100, f"chart {alt} is {width}x{height}"
    assert plain(notebook, "best").startswith("Best trial of sweep lr-search by lowest val_loss: trial "), plain(notebook, "best")
    assert plain(notebook, "java-api").strip().endswith("}"), plain(notebook, "java-api")


def check_store(store_dir):
    db = sqlite3.connect(f"file:{os.path.join(store_dir, 'labbook.db')}?mode=ro", uri=True)
    sweeps = dict(db.execute("SELECT name, run_id FROM sweeps").fetchall())
    assert set(sweeps) == {"lr-search", "batch-grid"}, sweeps
    params = dict(db.execute("SELECT key, value FROM params WHERE run_id = ?", (sweeps["lr-search"],)).fetchall())
    assert params["sweep.strategy"] == "tpe" and params["sweep.seed"] == "7", params
    assert "lr: loguniform(" in params["sweep.space"], params["sweep.space"]
    trials = db.execute("SELECT t.state, r.status, r.parent_run_id, t.run_id FROM sweep_trials t"
                        " JOIN sweeps s ON s.sweep_id = t.sweep_id JOIN runs r ON r.run_id = t.run_id"
                        " WHERE s.name = 'lr-search'").fetchall()
    assert len(trials) == 30, f"{len(trials)} trials"
    states = [t[0] for t in trials]
    assert set(states) <= {"COMPLETE", "PRUNED"}, states
    assert states.count("PRUNED") >= 1, "the median pruner stopped no trial"
    for state, status, parent, run_id in trials:
        assert parent == sweeps["lr-search"], "a trial is not a child of the sweep's run"
        assert status == ("FINISHED" if state == "COMPLETE" else "KILLED"), (state, status)
        if state == "PRUNED":
            tag = db.execute("SELECT value FROM tags WHERE run_id = ? AND key = 'sweep.pruned'", (run_id,)).fetchone()
            assert tag == ("true",), f"pruned run {run_id} lacks the tag sweep.pruned=true"
    grid = db.execute("SELECT t.config FROM sweep_trials t JOIN sweeps s ON s.sweep_id = t.sweep_id"
                      " WHERE s.name = 'batch-grid' AND t.state = 'COMPLETE'").fetchall()
    configs = {tuple(sorted(json.loads(c[0]).items())) for c in grid}
    assert len(configs) == 4, f"the grid ran {configs}"


def main():
    notebook_path, store_dir = sys.argv[1], sys.argv[2]
    with open(notebook_path, encoding="utf-8") as f:
        notebook = json.load(f)
    check_outputs(notebook)
    check_store(store_dir)


if __name__ == "__main__":
    main()
