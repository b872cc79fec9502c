// Draws the Vega-Lite specs of an executed notebook's charts in headless Chromium (over its DevTools port),
// from a page on disk that loads Vega, Vega-Lite and vega-embed from local copies (installed from npm before
// the test; nothing comes from the network), as JupyterLab's own renderer would. Checks that every chart draws
// with a real size and without console errors, that hovering shows run, step and value, and that clicking a
// legend entry fades that run's curve out.
//
// Usage: node --experimental-websocket vega-charts-browser.mjs DEVTOOLS_PORT PAGE.html
const [devtoolsPort, pagePath] = process.argv.slice(2);
const WAIT_MS = 60_000;

function fail(message) {
  console.error(`Vega-Lite browser check failed: ${message}`);
  process.exit(1);
}

async function pageSocketUrl() {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    try {
      const targets = await (await fetch(`http://127.0.0.1:${devtoolsPort}/json/list`)).json();
      const page = targets.find((t) => t.type === 'page');
      if (page) return page.webSocketDebuggerUrl;
    } catch {
      // Chromium is still starting.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`no page on the DevTools port ${devtoolsPort}`);
}

const socket = new WebSocket(await pageSocketUrl());
let nextId = 1;
const pending = new Map();
const problems = [];
// Runtime.enable replays what the tab logged before (the notebook page of the other check): count only ours.
let collecting = false;
socket.addEventListener('message', (event) => {
  const message = JSON.parse(event.data);
  if (!collecting) {
    // Not this page's.
  } else if (message.method === 'Runtime.exceptionThrown') {
    problems.push(`exception: ${message.params.exceptionDetails.exception?.description ?? message.params.exceptionDetails.text}`);
  } else if (message.method === 'Runtime.consoleAPICalled' && ['error', 'warning'].includes(message.params.type)) {
    problems.push(`console ${message.params.type}: ${message.params.args.map((a) => a.value ?? a.description).join(' ')}`);
  } else if (message.method === 'Network.requestWillBeSent' && !message.params.request.url.startsWith('file:')
      && !message.params.request.url.startsWith('data:')) {
    problems.push(`network request: ${message.params.request.url}`);
  }
  const waiter = pending.get(message.id);
  if (waiter) {
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  }
});
await new Promise((resolve, reject) => {
  socket.addEventListener('open', resolve);
  socket.addEventListener('error', () => reject(new Error('cannot connect to Chromium')));
});
const send = (method, params = {}) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, { resolve, reject });
  socket.send(JSON.stringify({ id, method, params }));
});
const evaluate = async (expression) => {
  const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (exceptionDetails) fail(`page script failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
};

await send('Runtime.enable');
await send('Network.enable');
await send('Page.enable');
collecting = true;
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
socket.close();

if (charts.length < 2) fail(`expected the comparison's charts, found ${charts.length}`);
for (const chart of charts) {
  if (chart.error) fail(`chart ${chart.title} did not draw: ${chart.error}`);
  if (!(chart.width >= 100 && chart.height >= 100)) fail(`chart ${chart.title} is ${chart.width}x${chart.height}`);
}
if (problems.length > 0) fail(problems.join('; '));
console.log(`Vega-Lite browser check passed: ${charts.length} interactive charts drawn`);
