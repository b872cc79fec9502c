"""Asserts what an executed notebooks/compare-runs.ipynb must show: HTML tables of the runs with the
differing param highlighted and the best run marked, PNG charts that decode to a real size, Vega-Lite
specs carrying the points, and the final frame of the live chart; and what it must have recorded.

Usage: /usr/bin/python3 notebooks/checks/compare-runs.py EXECUTED.ipynb STORE_DIR
"""
import base64
import json
import os
import re
import sqlite3
import struct
import sys

SWEEP = ["lr-0.01", "lr-0.03", "lr-0.1", "lr-0.3"]


VEGA_LITE = "application/vnd.vegalite.v5+json"


def text(value):
    return "".join(value) if isinstance(value, list) else value


def outputs(notebook, cell_id):
    for cell in notebook["cells"]:
        if cell.get("id") == cell_id:
            return [o for o in cell.get("outputs", []) if "data" in o]
    raise AssertionError(f"the notebook has no cell with id {cell_id!r}")


def html(notebook, cell_id):
    found = [text(o["data"]["text/html"]) for o in outputs(notebook, cell_id) if "text/html" in o["data"]]
    assert found, f"cell {cell_id} shows no HTML"
    return "\n".join(found)


def png_size(data):
    """Width and height from the PNG header, after checking the signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def check_outputs(notebook):
    runs = html(notebook, "runs")
    assert 'class="lb-runs"' in runs, "the runs cell shows no runs table"
    for name in SWEEP:
        assert f">{name} <code" in runs, f"the runs table lacks run {name}"

    compare = outputs(notebook, "compare")
    assert all(o["output_type"] == "display_data" for o in compare), \
        f"%track compare should show displays, no Out[n]: {[o['output_type'] for o in compare]}"
    table = text(compare[0]["data"].get("text/html", ""))
    assert 'class="lb-comparison"' in table, "the compare cell's first output is not the comparison table"
    assert 'class="lb-param lb-diff"' in table, "the differing param is not highlighted"
    assert "with the same value in every run" in table, "the constant params are not folded"
    charts = compare[1:]
    assert len(charts) >= 2, f"expected the loss chart and the sweep views as outputs of their own, found {len(charts)}"
    for chart in charts:
        data = chart["data"]
        missing = {"image/png", "image/svg+xml", VEGA_LITE} - set(data)
        assert not missing, f"chart {text(data.get('text/plain'))!r} lacks {sorted(missing)}"
        width, height = png_size(base64.b64decode(text(data["image/png"])))
        assert width >= 100 and height >= 100, f"chart {text(data['text/plain'])!r} is {width}x{height}"
        assert "<svg" in text(data["image/svg+xml"]), "image/svg+xml is not an SVG document"
    loss = charts[0]["data"]
    assert text(loss["text/plain"]).startswith("Chart: loss"), f"expected the loss chart first: {loss['text/plain']!r}"
    spec = loss[VEGA_LITE]
    assert {p["run"] for p in spec["data"]["values"]} == set(SWEEP), "the loss chart's spec lacks runs"
    assert {t["field"] for t in spec["encoding"]["tooltip"]} >= {"run", "step", "value"}, "hover shows too little"
    assert spec["params"][0]["bind"] == "legend", "a legend click does not hide a run"

    best = html(notebook, "best")
    assert "Best run by lowest loss: <b>lr-0.3</b>" in best, "lr-0.3 should be the best run by loss"
    assert 'class="lb-best"' in best, "the best value is not marked"

    charts = outputs(notebook, "interactive")
    assert len(charts) >= 2, f"expected the curve chart and the sweep views, found {len(charts)} outputs"
    spec = charts[0]["data"][VEGA_LITE]
    runs_in_spec = {point["run"] for point in spec["data"]["values"]}
    assert runs_in_spec == set(SWEEP), f"the interactive chart shows runs {sorted(runs_in_spec)}"
    assert png_size(base64.b64decode(text(charts[0]["data"]["image/png"])))[0] >= 100

    live = outputs(notebook, "live")
    frames = [o for o in live if o["output_type"] == "display_data"]
    assert frames, "the live cell shows no chart"
    final = frames[0]["data"]
    assert "application/vnd.vegalite.v5+json" in final, "the live chart's final frame was not drawn"
    steps = [point["step"] for point in final["application/vnd.vegalite.v5+json"]["data"]["values"]]
    assert max(steps) == 299, f"the final frame ends at step {max(steps)}, expected 299"


def check_store(store_dir):
    database = os.path.join(store_dir, "labbook.db")
    assert os.path.isfile(database), f"no store database at {database}"
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    names = sorted(name for (name,) in db.execute(
        "SELECT r.name FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id "
        "WHERE e.name = 'compare-runs' AND r.status = 'FINISHED' AND r.deleted = 0"))
    assert names == sorted(SWEEP + ["live"]), f"finished runs in compare-runs: {names}"


def main():
    notebook_path, store_dir = sys.argv[1], sys.argv[2]
    with open(notebook_path) as f:
        notebook = json.load(f)
    check_outputs(notebook)
    check_store(store_dir)


if __name__ == "__main__":
    main()
