// Opens an executed compare-runs notebook in a headless Chromium (over its DevTools port) and checks, from
// the page itself, that every chart (image or SVG) drew with a real size and that the run tables are there.
// Saves a screenshot. Uses only Node's built-ins (fetch, and WebSocket behind --experimental-websocket).
//
// Usage: node --experimental-websocket compare-runs-browser.mjs DEVTOOLS_PORT NOTEBOOK_URL SCREENSHOT.png
import { writeFileSync } from 'node:fs';
import { connect, pageSocketUrl } from './devtools.mjs';

const [devtoolsPort, notebookUrl, screenshotPath] = process.argv.slice(2);
const WAIT_MS = 60_000;

function fail(message) {
  console.error(`compare-runs browser check failed: ${message}`);
  process.exit(1);
}

// Runs in the page: what the notebook shows once every output is drawn.
const probe = `(() => {
  const images = [...document.querySelectorAll('.output_area img, .jp-OutputArea img')];
  return JSON.stringify({
    cells: document.querySelectorAll('.cell, .jp-Cell').length,
    images: images.map((img) => ({ alt: img.alt, complete: img.complete, width: img.naturalWidth, height: img.naturalHeight })),
    // %track compare sends each chart with SVG and PNG; front ends that draw SVG inline prefer it.
    svgs: [...document.querySelectorAll('.output_svg svg, .jp-RenderedSVG svg')].map((svg) => {
      const box = svg.getBoundingClientRect();
      return { width: box.width, height: box.height };
    }),
    runTables: document.querySelectorAll('.lb-runs table.lb-table').length,
    runRows: document.querySelectorAll('.lb-runs tr.lb-run').length,
    comparisons: document.querySelectorAll('.lb-comparison').length,
    highlighted: document.querySelectorAll('th.lb-diff').length,
    best: document.querySelectorAll('td.lb-best').length,
    folded: document.querySelectorAll('details.lb-constants').length,
  });
})()`;

const browser = connect(await pageSocketUrl(devtoolsPort, fail, WAIT_MS));
await browser.opened;
await browser.send('Page.enable');
await browser.send('Runtime.enable');
await browser.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
await browser.send('Page.navigate', { url: notebookUrl });

let seen;
const deadline = Date.now() + WAIT_MS;
while (Date.now() < deadline) {
  const { result } = await browser.send('Runtime.evaluate', { expression: probe, returnByValue: true });
  seen = JSON.parse(result.value);
  const loaded = seen.images.length + seen.svgs.length >= 5 && seen.images.every((i) => i.complete);
  if (loaded && seen.comparisons > 0 && seen.runTables >= 3) break;
  await new Promise((r) => setTimeout(r, 500));
}
console.log(`page shows: ${JSON.stringify(seen)}`);

// The notebook scrolls inside its own container: bring the comparison into view for the screenshot.
await browser.send('Runtime.evaluate', {
  expression: "document.querySelector('.lb-comparison')?.scrollIntoView({ block: 'start' })",
});
await new Promise((r) => setTimeout(r, 500));
const { data } = await browser.send('Page.captureScreenshot', { format: 'png' });
writeFileSync(screenshotPath, Buffer.from(data, 'base64'));
browser.close();

if (!seen || seen.cells === 0) fail('the notebook did not render any cell');
const broken = seen.images.filter((i) => !i.complete || i.width === 0 || i.height === 0);
const charts = seen.images.length + seen.svgs.length;
if (charts < 5) fail(`expected at least 5 charts (compare, sweep views, live), found ${charts}`);
if (seen.svgs.length < 2) fail(`expected the comparison's charts as SVG outputs of their own, found ${seen.svgs.length}`);
const flat = seen.svgs.filter((s) => s.width < 100 || s.height < 100);
if (flat.length > 0) fail(`SVG charts without a real size: ${JSON.stringify(flat)}`);
if (broken.length > 0) fail(`images that did not load: ${JSON.stringify(broken)}`);
if (seen.runTables < 3) fail(`expected the runs, compare and best tables, found ${seen.runTables}`);
if (seen.runRows < 4) fail(`expected at least 4 run rows, found ${seen.runRows}`);
if (seen.comparisons !== 1) fail(`expected one comparison, found ${seen.comparisons}`);
if (seen.highlighted < 1) fail('no differing param is highlighted');
if (seen.best < 1) fail('no best value is marked');
if (seen.folded < 1) fail('the constant params are not folded');
console.log(`compare-runs browser check passed; screenshot in ${screenshotPath}`);
