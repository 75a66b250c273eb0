#!/usr/bin/env node
// Browser tests of a built scrutiny site. See README.md.
//
//   node run.mjs SITE_DIR [--screenshots DIR] [--report FILE] [--jobs N] [--checks axe,html,...]
//                         [--pages REGEX] [--no-selftest] [--selftest-only] [--keep-fixtures]
//                         [--no-search] [--search-only]
//
// The last line of output is always `browser: N passed, M failed`; the exit status is 0 only
// when M is 0.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, listPages, checkSite, takeScreenshots, timingNote, resetTiming, CHECKS, CHECK_TITLES } from './lib/suite.mjs';
import { runSelftest } from './selftest/selftest.mjs';
import { runSearchTests } from './lib/search.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    screenshots: { type: 'string' },
    report: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    checks: { type: 'string' },
    pages: { type: 'string' },
    'no-selftest': { type: 'boolean', default: false },
    'selftest-only': { type: 'boolean', default: false },
    'keep-fixtures': { type: 'boolean', default: false },
    'no-search': { type: 'boolean', default: false },
    'search-only': { type: 'boolean', default: false },
  },
});

const log = (s) => console.log(s);
let passed = 0, failed = 0;
const finish = (code) => {
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
};

const siteDir = positionals[0];
if (!opt['selftest-only'] && (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html')))) {
  console.error(`run.mjs: ${siteDir ? `${siteDir} has no index.html` : 'usage: node run.mjs SITE_DIR [options]'}`);
  failed++;
  finish(2);
}
const checks = opt.checks ? opt.checks.split(',').map((s) => s.trim()) : CHECKS;
for (const c of checks) if (!CHECKS.includes(c)) { console.error(`unknown check ${c}; known: ${CHECKS.join(', ')}`); failed++; finish(2); }

const started = Date.now();
const secs = () => `${Math.round((Date.now() - started) / 1000)}s`;
let browser;
try {
  browser = await launchBrowser();
  log(`chromium ${browser.version()}`);

  if (opt['search-only']) {
    const r = await runSearchTests({ browser, siteDir, log });
    passed += r.passed;
    failed += r.failed;
    log(`search: ${r.passed} passed, ${r.failed} failed (${secs()})`);
    log(`done in ${secs()}`);
    await browser.close().catch(() => {});
    finish();
  }

  if (!opt['no-selftest']) {
    log('selftest: checking the checker on hand-made good and broken fixture sites');
    const r = await runSelftest({ browser, log, keep: opt['keep-fixtures'] });
    passed += r.passed;
    failed += r.failed;
    log(`selftest: ${r.passed} passed, ${r.failed} failed (${secs()}); time per check: ${timingNote()}`);
  }

  if (!opt['selftest-only']) {
    let pages = listPages(siteDir);
    if (opt.pages) pages = pages.filter((p) => new RegExp(opt.pages).test(p));
    resetTiming();
    log(`site: ${path.resolve(siteDir)}: ${pages.length} HTML page(s); checks: ${checks.join(', ')}`);
    const results = await checkSite({ browser, siteDir, pages, jobs: Number(opt.jobs) || 2, checks, log });
    const report = [];
    for (const check of checks) {
      const m = results.byCheck.get(check) ?? new Map();
      const failing = [...m].filter(([, f]) => f.length);
      passed += m.size - failing.length;
      failed += failing.length;
      log(`${failing.length ? 'FAIL' : 'ok  '} ${check}: ${m.size - failing.length}/${m.size} pages pass (${CHECK_TITLES[check]})`);
      // The same problem on many pages (a theme bug) is shown once, with the pages it affects.
      const groups = new Map();
      for (const [p, fs_] of failing) {
        for (const f of fs_) {
          if (!groups.has(f.key)) groups.set(f.key, { example: f.message, examplePage: p, pages: [] });
          const g = groups.get(f.key);
          if (g.pages.at(-1) !== p) g.pages.push(p);
          report.push(`${check}\t${p}\t${f.message}`);
        }
      }
      const sorted = [...groups.values()].sort((a, b) => b.pages.length - a.pages.length);
      for (const g of sorted.slice(0, 40)) {
        log(`     - ${g.example}`);
        log(`       on ${g.pages.length} page(s): ${g.pages.slice(0, 6).join(', ')}${g.pages.length > 6 ? `, … (${g.pages.length - 6} more)` : ''}${g.pages.length > 1 ? ` [example from ${g.examplePage}]` : ''}`);
      }
      if (sorted.length > 40) log(`     … ${sorted.length - 40} more distinct problem(s); see the report file`);
    }
    for (const n of results.notes) log(`note: ${n}`);
    log(`note: time per check, summed over both workers: ${timingNote()}`);
    const reportFile = opt.report ?? path.join(path.dirname(path.resolve(siteDir)), 'browser-report.tsv');
    fs.writeFileSync(reportFile, `check\tpage\tfailure\n${report.join('\n')}\n`);
    log(`every failure, one per line: ${reportFile} (${report.length} line(s)) (${secs()})`);

    if (!opt['no-search']) {
      log('search: the search page with JavaScript (server under a sub-path, file://) and without');
      const r = await runSearchTests({ browser, siteDir, log });
      passed += r.passed;
      failed += r.failed;
      log(`search: ${r.passed} passed, ${r.failed} failed (${secs()})`);
    }

    const shotDir = opt.screenshots ?? path.join(path.dirname(path.resolve(siteDir)), 'screenshots');
    log(`screenshots: ${shotDir}`);
    try {
      const s = await takeScreenshots({ browser, siteDir, pages: listPages(siteDir), outDir: shotDir, log });
      for (const w of s.written) log(`  wrote ${w}`);
      for (const f of s.failures) log(`  FAIL ${f}`);
      if (s.written.length) passed++;
      failed += s.failures.length;
    } catch (e) {
      log(`  FAIL screenshots: ${e.message.split('\n')[0]}`);
      failed++;
    }
  }
} catch (e) {
  console.error(`browser tests could not run: ${e.stack || e}`);
  failed++;
} finally {
  await browser?.close().catch(() => {});
}
log(`done in ${secs()}`);
finish();
