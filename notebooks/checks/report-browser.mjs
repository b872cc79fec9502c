// Opens a report written by `labbook report` from its file in headless Chromium (over its DevTools port) and
// checks, from the page itself: it loads nothing from anywhere else, logs no console error or warning, clicking a
// header of the runs table sorts the rows by that column (again: reversed), and every chart became a Vega view
// (the inlined Vega, Vega-Lite and vega-embed, the versions of package-lock.json) with a real size over its PNG,
// which is hidden but intact. Then, with real mouse input: hovering a point shows a tooltip naming its run, step
// and value, and clicking a legend entry fades that run. Last, the same page in print and with scripts off
// shows the PNGs.
//
// Usage: node --experimental-websocket report-browser.mjs DEVTOOLS_PORT REPORT.html
import { readFileSync } from 'node:fs';
import { connect, evaluate as evaluateIn, pageProblems, pageSocketUrl } from './devtools.mjs';

const [devtoolsPort, reportPath] = process.argv.slice(2);
const WAIT_MS = 60_000;

function fail(message) {
  console.error(`report browser check failed: ${message}`);
  process.exit(1);
}

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
await send('Page.navigate', { url: `file://${reportPath}` });

const imagesNow = `[...document.querySelectorAll('img.lb-chart')].map((i) => ({ alt: i.alt, complete: i.complete,
      width: i.naturalWidth, height: i.naturalHeight, shownWidth: i.getBoundingClientRect().width }))`;
let seen;
const deadline = Date.now() + WAIT_MS;
while (Date.now() < deadline) {
  seen = JSON.parse(await evaluate(`JSON.stringify({
    ready: document.readyState,
    images: ${imagesNow},
    figures: [...document.querySelectorAll('figure.lb-figure')].map((f) => {
      const drawn = f.querySelector('.lb-view svg, .lb-view canvas');
      const box = drawn ? drawn.getBoundingClientRect() : { width: 0, height: 0 };
      return { interactive: f.classList.contains('lb-interactive'), view: drawn ? drawn.tagName : null,
        width: box.width, height: box.height };
    }),
    versions: { vega: window.vega?.version, 'vega-lite': window.vegaLite?.version, 'vega-embed': window.vegaEmbed?.version },
    rows: document.querySelectorAll('table.lb-table tbody tr').length,
    sessions: document.querySelectorAll('details.lb-session').length,
    links: document.querySelectorAll('a[href]').length,
  })`));
  if (seen.ready === 'complete' && seen.images.every((i) => i.complete)
    && seen.figures.length > 0 && seen.figures.every((f) => f.interactive)) break;
  await new Promise((r) => setTimeout(r, 250));
}
console.log(`report shows: ${JSON.stringify(seen)}`);

// Sort by the first metric column: ascending after one click, descending after two.
const sorted = JSON.parse(await evaluate(`(() => {
  const table = document.querySelector('table.lb-table');
  const heads = [...table.querySelectorAll('thead th')];
  const column = heads.findIndex((th) => th.classList.contains('lb-metric'));
  const values = () => [...table.tBodies[0].rows].map((r) => Number(r.cells[column].textContent.replace('\\u2605', '').trim()));
  heads[column].click();
  const ascending = values();
  heads[column].click();
  const descending = values();
  return JSON.stringify({ column, ascending, descending });
})()`));
console.log(`sorting: ${JSON.stringify(sorted)}`);

// Real mouse input, as a reader's: the pointer on a point of the first chart, then a click on its legend.
async function mouse(type, x, y) {
  await send('Input.dispatchMouseEvent', { type, x, y, button: type === 'mouseMoved' ? 'none' : 'left', clickCount: 1 });
}
async function centreOf(selector) {
  return JSON.parse(await evaluate(`(() => {
    const figure = document.querySelector('figure.lb-figure');
    figure.scrollIntoView({ block: 'center' });
    const marks = [...figure.querySelectorAll(${JSON.stringify(selector)})];
    const mark = marks[Math.floor(marks.length / 2)];
    if (!mark) return 'null';
    const box = mark.getBoundingClientRect();
    return JSON.stringify({ x: box.left + box.width / 2, y: box.top + box.height / 2, marks: marks.length });
  })()`));
}
const runNames = JSON.parse(await evaluate(`JSON.stringify([...document.querySelectorAll(
  'figure.lb-figure .role-legend-label text')].map((t) => t.textContent))`));
const point = await centreOf('.mark-symbol path');
let tooltip = null;
if (point) {
  await mouse('mouseMoved', point.x, point.y);
  for (let i = 0; i < 40 && !tooltip?.visible; i++) {
    await new Promise((r) => setTimeout(r, 100));
    tooltip = JSON.parse(await evaluate(`(() => {
      const element = document.getElementById('vg-tooltip-element');
      return JSON.stringify(element ? { visible: element.classList.contains('visible'), text: element.innerText } : null);
    })()`));
  }
}
console.log(`hovering a point at ${JSON.stringify(point)}: tooltip ${JSON.stringify(tooltip)}`);
await mouse('mouseMoved', 1, 1);

const legendEntry = await centreOf('.role-legend-symbol path');
let legend = null;
if (legendEntry) {
  await mouse('mousePressed', legendEntry.x, legendEntry.y);
  await mouse('mouseReleased', legendEntry.x, legendEntry.y);
  await new Promise((r) => setTimeout(r, 500));
  legend = JSON.parse(await evaluate(`JSON.stringify([...document.querySelector('figure.lb-figure')
    .querySelectorAll('.mark-line path')].map((p) => Number(p.getAttribute('opacity') ?? p.getAttribute('stroke-opacity') ?? 1)))`));
}
console.log(`after a legend click: line opacities ${JSON.stringify(legend)}`);

// Print shows the images, not the views.
await send('Emulation.setEmulatedMedia', { media: 'print' });
const printed = JSON.parse(await evaluate(`JSON.stringify({ images: ${imagesNow},
  views: [...document.querySelectorAll('.lb-view')].map((v) => v.getBoundingClientRect().width) })`));
await send('Emulation.setEmulatedMedia', { media: '' });
console.log(`in print: ${JSON.stringify(printed)}`);

// Without scripts, the same file shows every image and no view.
await send('Emulation.setScriptExecutionDisabled', { value: true });
await send('Page.navigate', { url: `file://${reportPath}` });
let scriptless;
const noScriptDeadline = Date.now() + WAIT_MS;
while (Date.now() < noScriptDeadline) {
  await new Promise((r) => setTimeout(r, 250));
  const { result } = await send('Runtime.evaluate', { expression: `JSON.stringify({ ready: document.readyState,
    images: ${imagesNow}, views: document.querySelectorAll('.lb-view svg, .lb-view canvas').length })`, returnByValue: true });
  scriptless = result.value ? JSON.parse(result.value) : null;
  if (scriptless?.ready === 'complete' && scriptless.images.length === seen.images.length
    && scriptless.images.every((i) => i.complete)) break;
}
await send('Emulation.setScriptExecutionDisabled', { value: false });
console.log(`without scripts: ${JSON.stringify(scriptless)}`);
browser.close();

if (seen.images.length < 1) fail('the report shows no chart');
if (seen.figures.length !== seen.images.length) fail(`${seen.images.length} chart images but ${seen.figures.length} figures`);
seen.figures.forEach((figure, i) => {
  const image = seen.images[i];
  if (!figure.interactive || !figure.view || figure.width <= 100 || figure.height <= 100) {
    fail(`chart ${image.alt} did not become a Vega view with a real size: ${JSON.stringify(figure)}`);
  }
  // The fallback stays whole in the page, hidden while its view shows.
  if (!image.complete || image.width < 100 || image.height < 100) fail(`chart ${image.alt}'s image is broken: ${JSON.stringify(image)}`);
  if (image.shownWidth !== 0) fail(`chart ${image.alt}'s image still shows beside its view: ${JSON.stringify(image)}`);
});
const lock = JSON.parse(readFileSync(new URL('./vega/package-lock.json', import.meta.url), 'utf8'));
for (const [name, version] of Object.entries(seen.versions)) {
  const pinned = lock.packages[`node_modules/${name}`]?.version;
  if (version !== pinned) fail(`the report runs ${name} ${version}, package-lock.json pins ${pinned}: run scripts/update-vega.sh`);
}
if (!point) fail('the first chart has no point to hover');
if (!tooltip?.visible) fail(`hovering a point showed no tooltip: ${JSON.stringify(tooltip)}`);
if (!runNames.some((name) => tooltip.text.includes(name)) || !/step/.test(tooltip.text) || !/value/.test(tooltip.text)) {
  fail(`the tooltip should name the run (one of ${JSON.stringify(runNames)}), step and value: ${JSON.stringify(tooltip.text)}`);
}
if (!legend || !legend.some((o) => o < 0.5) || !legend.some((o) => o === 1)) {
  fail(`a legend click should fade one run and keep the others: line opacities ${JSON.stringify(legend)}`);
}
for (const image of printed.images) {
  if (image.shownWidth < 100) fail(`in print, chart ${image.alt} shows no image: ${JSON.stringify(image)}`);
}
if (printed.views.some((w) => w > 0)) fail(`in print, the views still show: ${JSON.stringify(printed.views)}`);
if (!scriptless || scriptless.views > 0) fail(`without scripts the page still drew views: ${JSON.stringify(scriptless)}`);
for (const image of scriptless.images) {
  if (!image.complete || image.width < 100 || image.shownWidth < 100) {
    fail(`without scripts, chart ${image.alt} shows no image: ${JSON.stringify(image)}`);
  }
}
if (seen.rows < 2) fail(`expected the runs in the table, found ${seen.rows} rows`);
if (seen.links > 0) fail(`the report has ${seen.links} links; it should have none`);
if (sorted.column < 0) fail('the runs table has no metric column to sort');
const isSorted = (values, direction) => values.every((v, i) => i === 0 || direction * (v - values[i - 1]) >= 0);
if (!isSorted(sorted.ascending, 1)) fail(`one click did not sort ascending: ${sorted.ascending}`);
if (!isSorted(sorted.descending, -1)) fail(`a second click did not sort descending: ${sorted.descending}`);
if (sorted.ascending[0] === sorted.ascending[sorted.ascending.length - 1]) fail('the sorted column has one value only');
if (problems.length > 0) fail(problems.join('; '));
console.log(`report browser check passed: ${seen.images.length} interactive charts over their images, ${seen.rows} runs,`
  + ' sorting, tooltip and legend work; images in print and without scripts');
