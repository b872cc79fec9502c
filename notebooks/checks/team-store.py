"""Asserts what an executed notebooks/team-store.ipynb must show: the store is the PostgreSQL team store
Ada saw Bob's run RUNNING with its latest loss from her own client, and
this kernel's runs, comparison and best run list both laptops' runs.

Usage: /usr/bin/python3 notebooks/checks/team-store.py EXECUTED.ipynb STORE_DIR
"""
import json
import sys


def text(value):
    return "".join(value) if isinstance(value, list) else value


def shown(notebook, cell_id):
    for cell in notebook["cells"]:
        if cell.get("id") == cell_id:
            parts = []
            for output in cell.get("outputs", []):
                if "text" in output:
                    parts.append(text(output["text"]))
                for kind in ("text/plain", "text/html"):
                    if kind in output.get("data", {}):
                        parts.append(text(output["data"][kind]))
            return "\n".join(parts)
    raise AssertionError(f"the notebook has no cell with id {cell_id!r}")


def main(executed, _store):
    with open(executed, encoding="utf-8") as f:
        notebook = json.load(f)
    store = shown(notebook, "cell-1")
    assert "PostgreSQL store postgresql://postgres@127.0.0.1:" in store, store
    seen = shown(notebook, "cell-5")
    assert "bob-lr-0.03 is RUNNING on Bob's laptop; Ada sees its loss at 0." in seen, seen
    for cell in ("cell-8", "cell-9"):
        out = shown(notebook, cell)
        for run in ("ada-lr-0.1", "bob-lr-0.03"):
            assert run in out, f"{run} missing from {cell}: {out[:500]}"
    best = shown(notebook, "cell-10")
    assert "ada-lr-0.1" in best, best


if __name__ == "__main__":
    main(*sys.argv[1:3])
