#!/usr/bin/env node
// Search benchmark: scrutiny's search against Pagefind's on the same document pages, in
// headless Chromium. Run by scripts/bench-search, which builds the sites and installs Pagefind;
//
//   node tests/bench/search-bench.mjs BENCH_DIR PAGEFIND_BIN SITE...
//
// For each SITE (a folder under BENCH_DIR built by scrutiny) it copies the document pages
// (those named in search/d/*.js) into BENCH_DIR/pagefind-SITE with data-pagefind-body on
// <main>, runs Pagefind over them, and writes a page that searches them with Pagefind's own
// script and shows the best 10 results with their excerpts, as scrutiny's page does. Then,
// for each query, in a fresh browser context (empty cache), served by a local server that
// gzips text as static hosts do, it measures:
//   bytes      what the browser transferred for the search (resource timing transferSize:
//              headers and compressed bodies), less the page itself and its stylesheets;
//   first      ms from navigation to the first result in the list;
//   after      ms from the last file the first result needed arriving to it showing;
//   recall     of the documents whose text contains every word of the query, the share the
//              engine returns (all results, not only the 10 shown).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const browserDir = path.join(here, '..', 'browser');
const require = createRequire(path.join(browserDir, 'package.json'));
const { chromium } = require('playwright-core');
const { CHROMIUM_ARGS, browserEnv } = await import(path.join(browserDir, 'lib', 'suite.mjs'));
const { readDocuments, documentsContaining } = await import(path.join(browserDir, 'lib', 'search.mjs'));

const QUERIES = ['MARAC', 'graded care profile', 'neglect', '3.2', 'FV23.2',
  'caseload', 'fostering adoption', 'threshold referral', 'placement', 'quality assessment'];
const [benchDir, pagefindBin, ...sites] = process.argv.slice(2);
if (!benchDir || !pagefindBin || !sites.length) {
  console.error('usage: node search-bench.mjs BENCH_DIR PAGEFIND_BIN SITE...');
  process.exit(2);
}

// ---- Pagefind over the same document pages ----
const PF_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><main><ol id="search-results"></ol></main>
<script type="module">
const q = new URLSearchParams(location.search).get('q') || '';
const pagefind = await import('./pagefind/pagefind.js');
await pagefind.init();
const search = await pagefind.search(q);
const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
const list = document.getElementById('search-results');
for (const d of shown) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = d.url;
  a.textContent = d.meta.title;
  const p = document.createElement('p');
  p.innerHTML = d.excerpt;
  li.append(a, p);
  list.append(li);
}
window.benchResults = search.results;
window.benchDone = true;
</script></body></html>
`;

function preparePagefind(site) {
  const siteDir = path.join(benchDir, site);
  const pfDir = path.join(benchDir, `pagefind-${site}`);
  fs.rmSync(pfDir, { recursive: true, force: true });
  for (const d of readDocuments(siteDir)) {
    const html = fs.readFileSync(path.join(siteDir, d.url), 'utf8').replace('<main', '<main data-pagefind-body');
    fs.mkdirSync(path.dirname(path.join(pfDir, d.url)), { recursive: true });
    fs.writeFileSync(path.join(pfDir, d.url), html);
  }
  fs.writeFileSync(path.join(pfDir, 'pf-search.html'), PF_PAGE);
  const t = Date.now();
  execFileSync(pagefindBin, ['--site', pfDir, '--silent'], { stdio: 'inherit' });
  return Date.now() - t;
}

// ---- a static server that gzips text, as hosts do ----
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    let body = fs.readFileSync(file);
    const type = TYPES[path.extname(file)];
    const headers = { 'Content-Type': type || 'application/octet-stream', 'Cache-Control': 'no-store' };
    if (type && /gzip/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 6 });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

// ---- one measured search ----
const FIRST_RESULT = `
  new MutationObserver((_, obs) => {
    if (document.querySelector('#search-results > li')) { window.__firstResult = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });`;

async function measure(browser, url, engine) {
  const context = await browser.newContext();
  await context.addInitScript(FIRST_RESULT);
  const page = await context.newPage();
  // Requests are counted through the browser's network events, not the page's resource timing,
  // because Pagefind fetches its index from a worker, whose requests the page's timing misses.
  const finished = [];
  let counting = true;
  page.on('requestfinished', (r) => {
    if (counting && r.url() !== page.url() && !/\.css$|favicon\.ico$/.test(new URL(r.url()).pathname)) finished.push(r);
  });
  await page.goto(url);
  if (engine === 'scrutiny') {
    await page.waitForFunction(() => /match|not available/.test(document.getElementById('search-status').textContent), null, { timeout: 120_000 });
  } else {
    await page.waitForFunction(() => window.benchDone === true, null, { timeout: 120_000 });
  }
  counting = false;
  const firstAt = await page.evaluate(() => (window.__firstResult === undefined ? null : performance.timeOrigin + window.__firstResult));
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  let bytes = 0, lastBefore = navigationStart;
  for (const r of finished) {
    const sizes = await r.sizes();
    bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    const t = r.timing();
    const end = t.startTime + t.responseEnd;
    if (firstAt !== null && end <= firstAt && end > lastBefore) lastBefore = end;
  }
  const m = {
    bytes, files: finished.length,
    first: firstAt === null ? null : firstAt - navigationStart,
    after: firstAt === null ? null : firstAt - lastBefore,
  };
  // Every result, for recall: read after the measurement, so not counted in the bytes.
  m.urls = engine === 'scrutiny'
    ? await page.evaluate(() => window.scrutinySearch.results.slice())
    : await page.evaluate(async () => (await Promise.all(window.benchResults.map((r) => r.data()))).map((d) => d.url));
  await context.close();
  return m;
}

const browser = await chromium.launch({ executablePath: process.env.SCRUTINY_CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, env: browserEnv() });
const { server, origin } = await serve(path.resolve(benchDir));
const rows = [];
const kb = (b) => (b / 1024).toFixed(1);
const ms = (t) => (t === null ? '–' : String(Math.round(t)));  // – : no result to show
try {
  for (const site of sites) {
    const docs = readDocuments(path.join(benchDir, site));
    const pfSeconds = preparePagefind(site) / 1000;
    console.log(`${site}: ${docs.length} documents; Pagefind indexed them in ${pfSeconds.toFixed(1)} s`);
    const number = new Map(docs.map((d) => [d.url.replace(/(^|\/)index\.html$/, '$1'), d.n]));
    for (const query of QUERIES) {
      const truth = documentsContaining(docs, query);
      const q = encodeURIComponent(query);
      const ours = await measure(browser, `${origin}/${site}/search.html?q=${q}`, 'scrutiny');
      const pf = await measure(browser, `${origin}/pagefind-${site}/pf-search.html?q=${q}`, 'pagefind');
      const pfNumbers = pf.urls.map((u) => number.get(u.replace(`/pagefind-${site}/`, '').replace(/(^|\/)index\.html$/, '$1')));
      const recall = (got) => (truth.length ? `${Math.round((100 * truth.filter((n) => got.includes(n)).length) / truth.length)}%` : '–');
      const row = {
        site, documents: docs.length, query, matching: truth.length,
        ours: { kb: kb(ours.bytes), files: ours.files, first: ms(ours.first), after: ms(ours.after), recall: recall(ours.urls), results: ours.urls.length },
        pagefind: { kb: kb(pf.bytes), files: pf.files, first: ms(pf.first), after: ms(pf.after), recall: recall(pfNumbers), results: pf.urls.length },
      };
      rows.push(row);
      console.log(`  ${query.padEnd(20)} ${String(truth.length).padStart(5)} docs | scrutiny ${row.ours.kb.padStart(7)} KB ${String(row.ours.files).padStart(3)} files ${String(row.ours.first).padStart(5)} ms (+${row.ours.after}) recall ${row.ours.recall} | pagefind ${row.pagefind.kb.padStart(7)} KB ${String(row.pagefind.files).padStart(3)} files ${String(row.pagefind.first).padStart(5)} ms (+${row.pagefind.after}) recall ${row.pagefind.recall}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

// The table for docs/performance.md.
console.log('\n| documents | query | documents with every word | scrutiny KB (files) | Pagefind KB (files) | scrutiny first result ms (after its files) | Pagefind first result ms (after its files) | scrutiny recall | Pagefind recall |');
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.documents} | ${r.query} | ${r.matching} | ${r.ours.kb} (${r.ours.files}) | ${r.pagefind.kb} (${r.pagefind.files}) | ${r.ours.first} (${r.ours.after}) | ${r.pagefind.first} (${r.pagefind.after}) | ${r.ours.recall} | ${r.pagefind.recall} |`);
}
fs.writeFileSync(path.join(benchDir, 'results.json'), JSON.stringify(rows, null, 1));
