"""Asserts what an executed notebooks/quickstart.ipynb must show, cell by cell (cells found by id).

The same checks run on the copy executed by `jupyter nbconvert --execute` and on the one executed by
`labbook run`, so both front ends are held to the same outputs.

Usage: /usr/bin/python3 notebooks/checks/quickstart.py EXECUTED.ipynb STORE_DIR
The tracking cells are checked in the store too, read with Python's sqlite3 independently of the Java code
that wrote it: three FINISHED runs of the experiment 'quickstart', each with its learning rate and 30 loss
points, the best of them lr-0.5.
"""
import base64
import json
import os
import sqlite3
import struct
import sys

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def text(value):
    return "".join(value) if isinstance(value, list) else value


def outputs_of(notebook, cell_id):
    for cell in notebook["cells"]:
        if cell.get("id") == cell_id:
            return cell.get("outputs", [])
    raise AssertionError(f"the notebook has no cell with id {cell_id!r}")


def stdout_of(notebook, cell_id):
    return "".join(text(o["text"]) for o in outputs_of(notebook, cell_id)
                   if o["output_type"] == "stream" and o["name"] == "stdout")


def result_of(notebook, cell_id):
    results = [o for o in outputs_of(notebook, cell_id) if o["output_type"] == "execute_result"]
    assert len(results) == 1, f"cell {cell_id}: expected one execute_result, found {len(results)}"
    return results[0]["data"]


def displays_of(notebook, cell_id):
    return [o["data"] for o in outputs_of(notebook, cell_id) if o["output_type"] == "display_data"]


def png_size(cell_id, encoded):
    """Width and height from the PNG header; fails unless the data is a PNG."""
    raw = base64.b64decode(text(encoded))
    assert raw.startswith(PNG_SIGNATURE), f"cell {cell_id}: image/png is not a PNG"
    width, height = struct.unpack(">II", raw[16:24])
    return width, height


def check(notebook):
    expression = result_of(notebook, "expression")
    assert text(expression["text/plain"]) == "42", f"6 * 7 showed {expression['text/plain']!r}"

    printed = stdout_of(notebook, "println")
    assert printed == "Hello, Labbook!\n", f"println wrote {printed!r}"

    distance = result_of(notebook, "record")
    assert text(distance["text/plain"]) == "5.0", f"the record's method returned {distance['text/plain']!r}"

    squares = stdout_of(notebook, "loop")
    assert squares == "1 squared is 1\n2 squared is 4\n3 squared is 9\n", f"the loop printed {squares!r}"

    images = [d for d in displays_of(notebook, "display") if "image/png" in d]
    assert len(images) == 1, f"display(gradient) showed {len(images)} PNG images, expected 1"
    size = png_size("display", images[0]["image/png"])
    assert size == (240, 40), f"the gradient is {size[0]}x{size[1]}, expected 240x40"

    chart = result_of(notebook, "chart")
    assert "image/png" in chart, f"the chart has no image/png, only {sorted(chart)}"
    width, height = png_size("chart", chart["image/png"])
    assert width == 2 * height, f"the 600x300 chart was drawn {width}x{height}"
    assert "<svg" in text(chart.get("image/svg+xml", "")), f"the chart has no SVG, only {sorted(chart)}"

    table = result_of(notebook, "table")
    html = text(table.get("text/html", ""))
    assert "<table" in html, f"the table has no HTML rendering, only {sorted(table)}"
    order = [html.find(name) for name in ("adam", "rmsprop", "sgd")]
    assert -1 not in order and order == sorted(order), "the table is not sorted by accuracy, best first"


def shown_text(notebook, cell_id):
    parts = []
    for output in outputs_of(notebook, cell_id):
        if output["output_type"] == "stream":
            parts.append(text(output["text"]))
        elif "data" in output:
            parts.append(text(output["data"].get("text/plain", "")) + text(output["data"].get("text/html", "")))
    return "\n".join(parts)


def check_tracking(notebook, store_dir):
    assert store_dir in shown_text(notebook, "track-store") or os.path.realpath(store_dir) in shown_text(
        notebook, "track-store"), f"%track store did not name the store {store_dir}"
    runs = shown_text(notebook, "track-runs")
    order = [runs.find(name) for name in ("lr-0.5", "lr-0.1", "lr-0.01")]
    assert -1 not in order and order == sorted(order), f"%track runs is not ordered by loss, best first:\n{runs}"
    assert "lr-0.5" in shown_text(notebook, "track-best"), "%track best did not name lr-0.5"

    db = sqlite3.connect(f"file:{os.path.join(store_dir, 'labbook.db')}?mode=ro", uri=True)
    rows = db.execute("SELECT r.name, r.status, p.value, s.count FROM runs r"
                      " JOIN experiments e ON r.experiment_id = e.experiment_id"
                      " JOIN params p ON p.run_id = r.run_id AND p.key = 'lr'"
                      " JOIN metric_summaries s ON s.run_id = r.run_id AND s.key = 'loss'"
                      " WHERE e.name = 'quickstart' ORDER BY r.name").fetchall()
    assert [(name, status, count) for name, status, _, count in rows] == [
        ("lr-0.01", "FINISHED", 30), ("lr-0.1", "FINISHED", 30), ("lr-0.5", "FINISHED", 30)], rows
    assert sorted(float(value) for _, _, value, _ in rows) == [0.01, 0.1, 0.5], rows


def main(executed_path, store_dir):
    with open(executed_path, encoding="utf-8") as f:
        notebook = json.load(f)
    try:
        check(notebook)
        check_tracking(notebook, store_dir)
    except AssertionError as failure:
        print(f"{executed_path}: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: quickstart.py EXECUTED.ipynb STORE_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
