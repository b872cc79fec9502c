"""Asserts what an executed notebooks/registry.ipynb must show and must have recorded in its store.

The store is read with Python's sqlite3, independently of the Java code that wrote it: model
fraud-detector with two versions pointing at the runs 'weak' and 'full' and at their model.bin digests,
the alias production on version 2, and exactly one move in the audit trail, with its gate and note (the
refused promotion moved nothing). The cells showed the refusal in one line with the actual value, the
versions table with the alias badge and the chart, the lineage down to the session notebook, and the
serving JVM read version 2.

Usage: /usr/bin/python3 notebooks/checks/registry.py EXECUTED.ipynb STORE_DIR
"""
import os
import json
import sqlite3
import sys


def text(value):
    return "".join(value) if isinstance(value, list) else value


def cell(notebook, cell_id):
    for c in notebook["cells"]:
        if c.get("id") == cell_id:
            return c
    raise AssertionError(f"the notebook has no cell with id {cell_id!r}")


def outputs(c, mime="text/plain"):
    parts = []
    for output in c.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(text(output["text"]))
        elif "data" in output:
            parts.append(text(output["data"].get(mime, "")))
    return "\n".join(parts)


def check_notebook(notebook):
    refused = outputs(cell(notebook, "refuse")).strip()
    assert len(refused.splitlines()) == 1, f"the refusal is not one line:\n{refused}"
    assert refused.startswith("Gate failed for fraud-detector/1 (run weak): metrics.val_auc >= 0.85 does not hold"), refused
    assert "the run has metrics.val_auc = 0.7" in refused and "production still points at version 2" in refused, refused
    html = outputs(cell(notebook, "models"), "text/html")
    for part in ('class="lb-model-versions"', '>production</span>', "<th>val_auc</th>", 'src="data:image/png;base64,'):
        assert part in html, f"the models view lacks {part!r}"
    lineage = outputs(cell(notebook, "lineage"))
    assert lineage.startswith("fraud-detector@production is fraud-detector/2"), lineage
    for part in ("run          'full'", "artifact     model.bin sha256", "session      labbook/session.ipynb",
                 "dataset      transactions", "environment  labbook/environment.json", "promotion    #1"):
        assert part in lineage, f"the lineage lacks {part!r}:\n{lineage}"
    served = outputs(cell(notebook, "serve"))
    assert "serving fraud-detector version 2 from run full" in served, served


def check_store(store_dir):
    database = os.path.join(store_dir, "labbook.db")
    assert os.path.isfile(database), f"no store database at {database}"
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    versions = db.execute("SELECT v.version, r.name, v.artifact_name, v.artifact_sha256, a.sha256 FROM model_versions v"
                          " JOIN runs r ON r.run_id = v.run_id"
                          " JOIN artifacts a ON a.run_id = v.run_id AND a.name = v.artifact_name"
                          " WHERE v.model_name = 'fraud-detector' ORDER BY v.version").fetchall()
    assert [(v, name) for v, name, *_ in versions] == [(1, "weak"), (2, "full")], versions
    assert all(recorded == stored for *_, recorded, stored in versions), "a version's digest differs from its artifact's"
    aliases = db.execute("SELECT alias, version FROM model_aliases WHERE model_name = 'fraud-detector'").fetchall()
    assert aliases == [("production", 2)], aliases
    trail = db.execute("SELECT seq, alias, from_version, to_version, gate, note FROM model_alias_events"
                       " WHERE model_name = 'fraud-detector'").fetchall()
    assert trail == [(1, "production", None, 2, "metrics.val_auc >= 0.85", "beats the baseline")], trail


def main(executed, store_dir):
    with open(executed, encoding="utf-8") as f:
        check_notebook(json.load(f))
    check_store(store_dir)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: registry.py EXECUTED.ipynb STORE_DIR", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
