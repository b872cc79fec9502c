// Opens a report written by `labbook report` from its file in headless Chromium (over its DevTools port) and
// checks, from the page itself: it loads nothing from anywhere else, logs no console error, every chart image
// has a real size, and clicking a header of the runs table sorts the rows by that column (again: reversed).
//
// Usage: node --experimental-websocket report-browser.mjs DEVTOOLS_PORT REPORT.html
import { connect, evaluate as evaluateIn, pageProblems, pageSocketUrl } from './devtools.mjs';

const [devtoolsPort, reportPath] = process.argv.slice(2);
const WAIT_MS = 60_000;

function fail(message) {
  console.error(`report browser check failed: ${message}`);
  process.exit(1);
}

const watch = pageProblems(['error']);
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

let seen;
const deadline = Date.now() + WAIT_MS;
while (Date.now() < deadline) {
  seen = JSON.parse(await evaluate(`JSON.stringify({
    ready: document.readyState,
    images: [...document.querySelectorAll('img.lb-chart')].map((i) => ({ alt: i.alt, complete: i.complete,
      width: i.naturalWidth, height: i.naturalHeight, shownWidth: i.getBoundingClientRect().width })),
    rows: document.querySelectorAll('table.lb-table tbody tr').length,
    sessions: document.querySelectorAll('details.lb-session').length,
    links: document.querySelectorAll('a[href]').length,
  })`));
  if (seen.ready === 'complete' && seen.images.every((i) => i.complete)) break;
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
browser.close();

if (seen.images.length < 1) fail('the report shows no chart');
for (const image of seen.images) {
  if (!image.complete || image.width < 100 || image.height < 100 || image.shownWidth < 100) {
    fail(`chart ${image.alt} has no real size: ${JSON.stringify(image)}`);
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
console.log(`report browser check passed: ${seen.images.length} charts, ${seen.rows} runs, sorting works`);
