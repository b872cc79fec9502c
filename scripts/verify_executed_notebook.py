"""Checks what every executed notebook must satisfy, whichever front end executed it.

Every code cell with source ran (it has an execution count, and the counts increase down the notebook),
and no cell shows an error unless it is tagged "raises-exception" (nbclient's convention for cells that
are meant to fail). Companion checkers in notebooks/checks/ assert on each notebook's own outputs.

Usage: /usr/bin/python3 scripts/verify_executed_notebook.py EXECUTED.ipynb
"""
import json
import sys


# %track commands that confirm what they did (printed on stdout, like IPython's magics) rather than show a view.
CONFIRMING = {"start", "end", "param", "metric", "tag", "note", "artifact", "dataset", "seed", "delete", "restore",
              "store", "notebook", "help", "export", "live"}


def problems_in(notebook):
    found = []
    if notebook.get("nbformat") != 4:
        found.append(f"nbformat is {notebook.get('nbformat')!r}, expected 4")
    previous_count = 0
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        name = cell.get("id", f"#{index}")
        count = cell.get("execution_count")
        if source.strip():
            if not isinstance(count, int):
                found.append(f"cell {name} has no execution count: it did not run")
            elif count <= previous_count:
                found.append(f"cell {name} has execution count {count} after {previous_count}: counts must increase")
            else:
                previous_count = count
        last_line = next((line.strip() for line in reversed(source.splitlines()) if line.strip()), "")
        words = last_line.split()
        if len(words) >= 2 and words[0] == "%track" and words[1] in CONFIRMING:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    found.append(f"cell {name} shows the confirmation of {last_line!r} as Out[{count}]: "
                                 "%track confirmations are printed, not results")
        tags = cell.get("metadata", {}).get("tags", [])
        if "raises-exception" in tags:
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {name} failed: {output.get('ename')}: {output.get('evalue')}")
    return found


def main(path):
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    found = problems_in(notebook)
    for problem in found:
        print(f"{path}: {problem}", file=sys.stderr)
    if found:
        return 1
    code_cells = sum(1 for c in notebook["cells"] if c.get("cell_type") == "code")
    print(f"{path}: {code_cells} code cells ran without errors")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: verify_executed_notebook.py EXECUTED.ipynb", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
