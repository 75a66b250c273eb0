#!/usr/bin/env node
// `scrutiny serve` in a real browser: open a page, save a change to its Markdown file, and see
// the page change with no reload by hand. See README.md ("Live reload").
//
//   node serve.mjs SCRUTINY_BINARY CONTENT_DIR             the test (a copy of CONTENT_DIR is edited)
//   node serve.mjs SCRUTINY_BINARY CONTENT_DIR --bench N   also time N saves, save to reloaded page
//                                                          (--no-history: serve --no-history)
//
// With --bench, CONTENT_DIR itself is served and edited (each edit is undone), so a git
// repository (the replayed sample portal) is timed with its history. The last line is always
// `browser: N passed, M failed`.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { launchBrowser } from './lib/suite.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: { bench: { type: 'string' }, 'no-history': { type: 'boolean', default: false } },
});
const [binary, contentDir] = positionals;
let passed = 0, failed = 0;
const finish = () => {
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
};
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} serve: ${what}`);
  ok ? passed++ : failed++;
};
if (!binary || !contentDir) {
  console.error('usage: node serve.mjs SCRUTINY_BINARY CONTENT_DIR [--bench N]');
  failed++;
  finish();
}

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

// A title edit the way an editor saves: the whole file rewritten at once.
const retitle = (file, from, to) => {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(`title = "${from}"`)) throw new Error(`${file} has no title "${from}"`);
  fs.writeFileSync(file, text.replace(`title = "${from}"`, `title = "${to}"`));
};

const bench = opt.bench ? Number(opt.bench) : 0;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'scrutiny-serve-test-'));
const content = bench ? path.resolve(contentDir) : path.join(temp, 'content');
if (!bench) fs.cpSync(contentDir, content, { recursive: true });
const file = path.join(content, 'actions', 'a01.md');
const original = fs.readFileSync(file, 'utf8');
const title = original.match(/^title = "(.*)"$/m)[1];

let serve, browser;
try {
  const port = await freePort();
  // The test gives serve a TMPDIR of its own, to see it removes its builds; the benchmark
  // leaves serve its usual place (memory, /dev/shm).
  const env = bench ? process.env : { ...process.env, TMPDIR: temp };
  serve = spawn(binary, ['serve', '--content', content, '--port', String(port), ...(opt['no-history'] ? ['--no-history'] : [])],
    { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 60 s; it said:\n${said}`)), 60_000);
    serve.stderr.on('data', (d) => {
      said += d;
      if (said.includes('(press Ctrl+C to stop)')) { clearTimeout(timer); resolve(); }
    });
    serve.once('exit', (code) => reject(new Error(`serve exited (${code}); it said:\n${said}`)));
  });
  check(said.includes(`at http://127.0.0.1:${port}/`), `serves on loopback, port ${port}`);

  browser = await launchBrowser();
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  // A refused script or stream (Content-Security-Policy) shows as a console error; a status
  // that is not 200 (the error page's 500, a favicon's 404) is logged too and is expected.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(`http://127.0.0.1:${port}/actions/a01.html`);
  const h1 = () => page.locator('h1').first().textContent();
  check((await h1()).includes(title), `the page shows its title "${title}"`);
  // The reload script connects before the save, as a reader's open page would be.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/__scrutiny/events')),
    null, { timeout: 10_000 }).catch(() => {});

  const changed = `${title} (edited)`;
  retitle(file, title, changed);
  const saved = Date.now();
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), changed, { timeout: 15_000 })
    .then(() => check(true, `the page changed by itself ${Date.now() - saved} ms after the save`),
          (e) => check(false, `the page did not change within 15 s of the save: ${e.message.split('\n')[0]}`));
  check(loads === 2, `the page reloaded once (${loads - 1} reload(s))`);

  // Broken content: the page turns into the list of errors, then back when fixed.
  fs.writeFileSync(file, original.replace(/^status = ".*"$/m, 'status = "not-a-status"'));
  await page.waitForFunction(() => document.title.includes('in the content'), null, { timeout: 15_000 })
    .then(async () => {
      const text = await page.locator('main').textContent();
      check(text.includes('a01.md:') && text.includes('not-a-status'), 'an error in the content shows on the page with its file and line');
    }, () => check(false, 'the error page did not appear within 15 s'));
  fs.writeFileSync(file, original);
  await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), title, { timeout: 15_000 })
    .then(() => check(true, 'the page came back when the error was fixed'),
          () => check(false, 'the page did not come back within 15 s of the fix'));
  check(problems.length === 0, `no script or Content-Security-Policy errors${problems.length ? `: ${problems.join('; ')}` : ''}`);

  if (bench) {
    // Each run: save a new title, time until the reloaded page shows it.
    const times = [];
    for (let i = 0; i < bench; i++) {
      const to = `${title} (run ${i})`;
      const from = i ? `${title} (run ${i - 1})` : title;
      await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), from, { timeout: 15_000 });
      await page.waitForTimeout(300);  // the event stream reconnected after the last reload
      const start = Date.now();
      retitle(file, from, to);
      await page.waitForFunction((t) => document.querySelector('h1')?.textContent.includes(t), to, { timeout: 15_000, polling: 'raf' });
      times.push(Date.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`bench: save to reloaded page, ${bench} runs: median ${median} ms, min ${times[0]} ms, max ${times.at(-1)} ms`);
  }
} catch (e) {
  check(false, `could not run: ${e.stack || e}`);
} finally {
  fs.writeFileSync(file, original);
  await browser?.close().catch(() => {});
  if (serve && serve.exitCode === null) {
    const exited = new Promise((r) => serve.once('exit', r));
    serve.kill('SIGTERM');
    await exited;
    const left = fs.readdirSync(temp).filter((n) => n !== 'content');
    if (!bench) check(left.length === 0, `serve removed its builds when stopped${left.length ? ` (left ${left.join(', ')})` : ''}`);
  }
  fs.rmSync(temp, { recursive: true, force: true });
}
finish();
