#!/usr/bin/env bash
# Refreshes the chart libraries the review report inlines (labbook report, %track report): installs the versions
# pinned in notebooks/checks/vega/package-lock.json (the same the browser checks draw with), copies the minified
# builds of Vega, Vega-Lite and vega-embed into kernel-extension's resources with a one-line banner naming the
# library, its version and licence, and regenerates THIRD-PARTY-NOTICES.txt beside them: every npm package
# bundled inside the three builds (read from each build's source map), with its version, licence and copyright
# line, then the full text of each distinct licence.
#
# To move to other versions: change notebooks/checks/vega/package.json, run `npm install` there to rewrite the
# lock, then run this script and commit the lock, the builds and the notice together (VegaBundleTest compares them).
#
# Needs Node 20+ and npm (the registry is only reached by npm ci). Usage: scripts/update-vega.sh
set -euo pipefail

readonly root=$(cd "$(dirname "$0")/.." && pwd)
readonly modules=$root/notebooks/checks/vega/node_modules
readonly target=$root/kernel-extension/src/main/resources/org/labbook/extension/report/vega

(cd "$root/notebooks/checks/vega" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
mkdir -p "$target"

node --input-type=module - "$modules" "$target" <<'EOF'
import fs from 'node:fs';
import path from 'node:path';

const [modules, target] = process.argv.slice(2);
// The order is the order the page loads them in: Vega-Lite needs Vega, vega-embed needs both.
const LIBRARIES = ['vega', 'vega-lite', 'vega-embed'];

function fail(message) {
  console.error(`update-vega: ${message}`);
  process.exit(1);
}

// A package as Node would resolve it from `from` (a package folder): its own node_modules first, then upwards.
function resolve(name, from) {
  for (let dir = from; dir.startsWith(modules); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  const top = path.join(modules, name);
  if (fs.existsSync(path.join(top, 'package.json'))) return top;
  fail(`${name} is bundled but not installed in ${modules}`);
}

// The packages whose code a build holds, from the files its source map names: "…/node_modules/NAME/…" is NAME;
// "../../vega-scale/…" is a sibling package of the Vega monorepo, published under that name; the rest is the
// library's own source.
function bundled(library) {
  const map = JSON.parse(fs.readFileSync(path.join(modules, library, 'build', `${library}.min.js.map`), 'utf8'));
  const names = new Set([library]);
  for (const source of map.sources) {
    const parts = source.split('/');
    const at = parts.lastIndexOf('node_modules');
    if (at >= 0) {
      names.add(parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]);
    } else if (parts[0] === '..' && parts[1] === '..' && /^vega-[a-z-]+$/.test(parts[2] ?? '')) {
      names.add(parts[2]);
    }
  }
  return [...names];
}

// The LICENSE file's text, or null when the package ships none.
function licenceOf(dir) {
  const file = fs.readdirSync(dir).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
  return file ? fs.readFileSync(path.join(dir, file), 'utf8').replace(/\r\n/g, '\n').trim() : null;
}

function repositoryOf(json) {
  const url = typeof json.repository === 'string' ? json.repository : json.repository?.url ?? '';
  return url.replace(/^(git\+)?(https?|git|ssh):\/\/(git@)?github\.com\//, '').replace(/^github:/, '').replace(/\.git$/, '');
}

// A holder's line ("Copyright (c) 2015, …", "Copyright 2010-2026 …"), not the terms' "copyright notice" or "COPYRIGHT HOLDERS".
const COPYRIGHT = /^\s*(copyright\s*(\(c\)|©|\d)|\(c\)\s*\d|©)/i;
const packages = new Map();
for (const library of LIBRARIES) {
  const from = path.join(modules, library);
  for (const name of bundled(library)) {
    const dir = name === library ? from : resolve(name, from);
    if (packages.has(name)) {
      packages.get(name).in.add(library);
      continue;
    }
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licence = typeof json.license === 'string' ? json.license
      : json.license?.type ?? (json.licenses ?? []).map((l) => l.type ?? l).join(' OR ');
    if (!licence) fail(`${name} names no licence in its package.json`);
    packages.set(name, { name, dir, version: json.version, licence, repository: repositoryOf(json),
      text: licenceOf(dir), source: name, in: new Set([library]) });
  }
}
// Some packages of the Vega monorepo ship no LICENSE file: the licence of their repository, as another package
// from it states in full, is theirs.
for (const p of packages.values()) {
  if (p.text !== null) continue;
  const sibling = [...packages.values()].find((o) => o.text !== null && o.repository === p.repository && o.licence === p.licence);
  if (!p.repository || !sibling) fail(`${p.name} has no LICENSE file and no package of its repository states one`);
  p.text = sibling.text;
  p.source = sibling.name;
}
for (const p of packages.values()) {
  const lines = p.text.split('\n');
  p.copyright = lines.filter((l) => COPYRIGHT.test(l)).map((l) => l.trim());
  // The terms without the holder's line: packages whose terms read the same share one full text below.
  p.terms = lines.filter((l) => !COPYRIGHT.test(l)).join('\n').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
}

for (const library of LIBRARIES) {
  const { version, licence } = packages.get(library);
  const build = fs.readFileSync(path.join(modules, library, 'build', `${library}.min.js`), 'utf8')
    .replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  if (/<\/script|<!--/i.test(build)) fail(`${library}.min.js holds "</script" or "<!--": it cannot sit inline in a page`);
  const banner = `/*! ${library} ${version} | ${licence} | bundled packages and licences: THIRD-PARTY-NOTICES.txt */\n`;
  fs.writeFileSync(path.join(target, `${library}.min.js`), banner + build);
}

const sorted = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
const texts = new Map();
for (const p of sorted) {
  if (!texts.has(p.terms)) texts.set(p.terms, { licence: p.licence, example: p, names: [] });
  texts.get(p.terms).names.push(p.name);
}
const out = [];
out.push('Third-party software in the review report\'s charts');
out.push('');
out.push('The review report (labbook report, %track report) inlines these three minified builds, taken unchanged');
out.push('from npm but for a one-line banner in place of the source map\'s link, so that its charts are interactive');
out.push('without network:');
out.push('');
for (const library of LIBRARIES) {
  const p = packages.get(library);
  out.push(`  ${library}/build/${library}.min.js  ${p.name} ${p.version}  ${p.licence}`);
}
out.push('');
out.push('Each build holds the npm packages below (read from the build\'s source map). Versions are those npm installs');
out.push('beside the builds (notebooks/checks/vega/package-lock.json). Generated by scripts/update-vega.sh.');
out.push('');
out.push(`${'Package'.padEnd(30)} ${'Version'.padEnd(12)} ${'Licence'.padEnd(14)} ${'In'.padEnd(16)} Copyright`);
for (const p of sorted) {
  out.push(`${p.name.padEnd(30)} ${p.version.padEnd(12)} ${p.licence.padEnd(14)} ${[...p.in].join(',').padEnd(16)} ${p.copyright.join('; ') || '(none stated)'}${p.source === p.name ? '' : ` (LICENSE of ${p.source}, same repository)`}`);
}
let n = 0;
for (const { licence, example, names } of texts.values()) {
  n++;
  out.push('');
  out.push('-'.repeat(100));
  out.push(`Licence text ${n} of ${texts.size}: ${licence}, for ${names.join(', ')}`);
  out.push(`(as in ${example.source}'s LICENSE; each package's own copyright line is in the table above)`);
  out.push('-'.repeat(100));
  out.push('');
  out.push(example.text);
}
fs.writeFileSync(path.join(target, 'THIRD-PARTY-NOTICES.txt'), out.join('\n') + '\n');
console.log(`update-vega: ${LIBRARIES.map((l) => `${l} ${packages.get(l).version}`).join(', ')}; ${packages.size} packages, ${texts.size} licence texts`);
EOF
