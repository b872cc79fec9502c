"""Writes a page on disk that draws the Vega-Lite specs of one cell of an executed notebook with vega-embed.

The scripts are copied beside the page from the npm packages installed in notebooks/checks/vega/node_modules,
so the page needs no network. Each chart goes into <div id="chart-N">; when all are drawn the page sets
window.labbookCharts (title, drawn width and height, error) and window.labbookViews (the Vega views).

Usage: /usr/bin/python3 notebooks/checks/vega_page.py EXECUTED.ipynb CELL_ID NODE_MODULES OUT_DIR
"""
import html
import json
import os
import shutil
import sys

VEGA_LITE = "application/vnd.vegalite.v5+json"
SCRIPTS = ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"]


def specs_of(notebook, cell_id):
    for cell in notebook["cells"]:
        if cell.get("id") == cell_id:
            return [o["data"][VEGA_LITE] for o in cell.get("outputs", []) if VEGA_LITE in o.get("data", {})]
    raise SystemExit(f"the notebook has no cell with id {cell_id!r}")


def main(executed, cell_id, node_modules, out_dir):
    with open(executed, encoding="utf-8") as f:
        specs = specs_of(json.load(f), cell_id)
    if not specs:
        raise SystemExit(f"cell {cell_id} of {executed} has no {VEGA_LITE} output")
    os.makedirs(out_dir, exist_ok=True)
    tags = []
    for script in SCRIPTS:
        shutil.copy(os.path.join(node_modules, script), os.path.join(out_dir, os.path.basename(script)))
        tags.append(f'<script src="{html.escape(os.path.basename(script))}"></script>')
    divs = "".join(f'<div id="chart-{i}"></div>' for i in range(len(specs)))
    # "</" cannot end the script element early when it sits inside a JSON string.
    data = json.dumps(specs).replace("</", "<\\/")
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Vega-Lite outputs</title>{''.join(tags)}</head>
<body>{divs}
<script>
const specs = {data};
window.labbookViews = [];
Promise.all(specs.map((spec, i) => vegaEmbed('#chart-' + i, spec, {{ renderer: 'svg', actions: false }})
  .then((result) => {{
    window.labbookViews[i] = result.view;
    const box = document.querySelector('#chart-' + i + ' svg').getBoundingClientRect();
    return {{ title: String(spec.title), width: box.width, height: box.height }};
  }})
  .catch((error) => ({{ title: String(spec.title), width: 0, height: 0, error: String(error) }}))))
  .then((charts) => {{ window.labbookCharts = charts; }});
</script></body></html>
"""
    with open(os.path.join(out_dir, "charts.html"), "w", encoding="utf-8") as f:
        f.write(page)
    print(os.path.join(os.path.abspath(out_dir), "charts.html"))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: vega_page.py EXECUTED.ipynb CELL_ID NODE_MODULES OUT_DIR")
    main(*sys.argv[1:])
