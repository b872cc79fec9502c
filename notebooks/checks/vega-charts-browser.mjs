// Draws the Vega-Lite specs of an executed notebook's charts in headless Chromium (over its DevTools port),
// from a page on disk that loads Vega, Vega-Lite and vega-embed from local copies (installed from npm before
// the test; nothing comes from the network), as JupyterLab's own renderer would. Checks that every chart draws
// with a real size and without console errors, that hovering shows run, step and value, and that clicking a
// legend entry fades that run's curve out.
//
// Usage: node --experimental-websocket vega-charts-browser.mjs DEVTOOLS_PORT PAGE.html
import { connect, evaluate as evaluateIn, pageProblems, pageSocketUrl } from './devtools.mjs';

const [devtoolsPort, pagePath] = process.argv.slice(2);
const WAIT_MS = 60_000;

function fail(message) {
  console.error(`Vega-Lite browser check failed: ${message}`);
  process.exit(1);
}

// Runtime.enable replays what the tab logged before (the notebook page of the other check): count only ours.
const watch = pageProblems(['error', 'warning']);
const { problems } = watch;
const browser = connect(await pageSocketUrl(devtoolsPort, fail, WAIT_MS), watch.onEvent);
await browser.opened;
const send = browser.send;
const evaluate = (expression) => evaluateIn(send, expression, fail);

await send('Runtime.enable');
await send('Network.enable');
await send('Page.enable');
watch.start();
await send('Page.navigate', { url: `file://${pagePath}` });

let charts;
const deadline = Date.now() + WAIT_MS;
while (Date.now() < deadline) {
  charts = await evaluate('window.labbookCharts ? JSON.stringify(window.labbookCharts) : null');
  if (charts) break;
  await new Promise((r) => setTimeout(r, 250));
}
if (!charts) fail('the page did not finish drawing its charts');
charts = JSON.parse(charts);
console.log(`charts drawn: ${JSON.stringify(charts.map((c) => ({ title: c.title, width: c.width, height: c.height, error: c.error })))}`);

// Hover: the tooltip of the first point of the first curve chart names run, step and value.
const hover = await evaluate(`(async () => {
  const view = window.labbookViews[0];
  const item = view.scenegraph().root.items[0];
  const points = [];
  (function walk(node) {
    if (node.marktype === 'symbol' && node.items) points.push(...node.items);
    (node.items || []).forEach((child) => child.items ? walk(child) : null);
  })(item);
  if (points.length === 0) return JSON.stringify({ points: 0 });
  const datum = points[0].datum;
  return JSON.stringify({ points: points.length, datum });
})()`);
console.log(`first point: ${hover}`);
const point = JSON.parse(hover);
if (!(point.points > 0)) fail('the curve chart has no points to hover');
for (const field of ['run', 'step', 'value']) {
  if (!(field in point.datum)) fail(`a point's datum lacks ${field}: hovering could not show it`);
}

// Legend click: the first run's curve fades out, the others stay.
const clicked = await evaluate(`(async () => {
  const svg = document.querySelector('#chart-0 svg');
  const symbol = svg.querySelector('.role-legend-symbol path, .role-legend-label text');
  if (!symbol) return JSON.stringify({ legend: false });
  symbol.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 1, clientY: 1 }));
  await window.labbookViews[0].runAsync();
  const opacities = [...svg.querySelectorAll('.mark-line path')].map((p) => Number(p.getAttribute('opacity') ?? p.getAttribute('stroke-opacity') ?? 1));
  return JSON.stringify({ legend: true, opacities });
})()`);
console.log(`after a legend click: ${clicked}`);
const legend = JSON.parse(clicked);
if (!legend.legend) fail('the curve chart has no legend');
if (!legend.opacities.some((o) => o < 0.5) || !legend.opacities.some((o) => o === 1)) {
  fail(`a legend click should fade one run and keep the others: line opacities ${JSON.stringify(legend.opacities)}`);
}
browser.close();

if (charts.length < 2) fail(`expected the comparison's charts, found ${charts.length}`);
for (const chart of charts) {
  if (chart.error) fail(`chart ${chart.title} did not draw: ${chart.error}`);
  if (!(chart.width >= 100 && chart.height >= 100)) fail(`chart ${chart.title} is ${chart.width}x${chart.height}`);
}
if (problems.length > 0) fail(problems.join('; '));
console.log(`Vega-Lite browser check passed: ${charts.length} interactive charts drawn`);
