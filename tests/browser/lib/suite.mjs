// Runs every check on every HTML page of a built site served on loopback, and collects failures.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { HtmlValidate } from 'html-validate';
import { startServer, fileForUrlPath } from './server.mjs';
import * as inpage from './inpage.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const CHECKS = ['axe', 'html', 'links', 'keyboard', 'reflow', 'phones', 'firstscreen', 'nojs', 'print', 'errors'];
export const CHECK_TITLES = {
  axe: 'axe-core WCAG 2.0/2.1/2.2 A and AA',
  html: 'html-validate (tests/browser/.htmlvalidate.json)',
  links: 'internal links, assets and #fragments resolve',
  keyboard: 'skip link first, Tab order, visible focus',
  reflow: 'reflow at 320px, 200% text at 1280px and 640px',
  phones: 'at 320px: chart text >= 12px and inside its chart, chart colours 3:1, stacked table rows in view',
  firstscreen: 'what a page marks data-first-screen is in the first screen at 375x667 and 1280x800',
  nojs: 'readable and navigable without JavaScript',
  print: 'print stylesheet hides navigation, keeps content',
  errors: 'no uncaught script errors',
};
const HERE = path.dirname(new URL(import.meta.url).pathname);
export const HTMLVALIDATE_CONFIG = path.join(HERE, '..', '.htmlvalidate.json');
const NO_TRANSITIONS = '*, *::before, *::after { transition: none !important; animation: none !important; }';
const TEXT_200 = 'html { font-size: 200% !important; }';

export function listPages(siteDir) {
  const out = [];
  const walk = (dir, rel) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(path.join(dir, ent.name), r);
      else if (/\.html?$/i.test(ent.name)) out.push(r);
    }
  };
  walk(siteDir, '');
  // Home page first, so its failures are reported first.
  out.sort((a, b) => (a === 'index.html' ? -1 : b === 'index.html' ? 1 : a.localeCompare(b)));
  return out;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.SCRUTINY_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`${executablePath} not found: install Debian's chromium (apt-get install -y chromium) or set SCRUTINY_CHROMIUM`);
  }
  // launch() gives every run a fresh, temporary --user-data-dir of its own.
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000, env: browserEnv() });
}

// Text is measured in DejaVu alone (fonts.conf), so reflow and clipping checks give the same
// answer on a fresh Debian machine as on one with more fonts installed.
// SCRUTINY_BROWSER_FONTS=system lets Chromium use every font the machine has instead.
export function browserEnv() {
  if (process.env.SCRUTINY_BROWSER_FONTS === 'system') return { ...process.env };
  const conf = fileURLToPath(new URL('../fonts.conf', import.meta.url));
  return { ...process.env, FONTCONFIG_FILE: conf };
}

function urlFor(origin, rel) {
  return `${origin}/${rel.split('/').map(encodeURIComponent).join('/')}`;
}

class Results {
  constructor() { this.byCheck = new Map(); this.notes = []; }
  record(check, page, failures) {
    if (!this.byCheck.has(check)) this.byCheck.set(check, new Map());
    const m = this.byCheck.get(check);
    m.set(page, [...(m.get(page) ?? []), ...failures]);
  }
  counts() {
    let passed = 0, failed = 0;
    for (const m of this.byCheck.values()) for (const f of m.values()) (f.length ? failed++ : passed++);
    return { passed, failed };
  }
  failuresOf(check, page) { return this.byCheck.get(check)?.get(page) ?? []; }
}

// A failure: `key` is the same for the same problem on different pages, so a theme bug shows once
// with the list of pages it affects.
const F = (key, message = key) => ({ key, message });

async function checkHtml(htmlvalidate, siteDir, rel) {
  const text = fs.readFileSync(path.join(siteDir, rel), 'utf8');
  const report = await htmlvalidate.validateString(text, rel);
  const out = [];
  let warnings = 0;
  for (const r of report.results) {
    for (const m of r.messages) {
      if (m.severity < 2) { warnings++; continue; }
      out.push(F(`${m.ruleId}: ${m.message}`, `${m.ruleId} at line ${m.line}:${m.column}: ${m.message}${m.selector ? ` (${m.selector})` : ''}`));
    }
  }
  return { failures: out, warnings };
}

export async function checkAxe(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | '), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  const out = [];
  for (const v of violations) {
    for (const n of v.nodes) {
      const detail = (n.summary || '').split('\n').slice(1).map((s) => s.trim()).filter(Boolean).slice(0, 2).join('; ');
      out.push(F(`${v.id} ${n.target}: ${v.help}`, `${v.id} (${v.impact}) at ${n.target}: ${v.help}${detail ? ` — ${detail}` : ''} <${v.helpUrl}>`));
    }
  }
  return out;
}

// Real Tab key presses, sent straight over the DevTools protocol without waiting for each to be
// acknowledged before sending the next: Chromium handles them in order, about 6 times faster than
// awaiting Playwright's keyboard.press for each.
async function pressTabs(cdp, n) {
  const key = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };
  const sent = [];
  for (let i = 0; i < n; i++) {
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }));
  }
  await Promise.all(sent);
}

async function checkKeyboard(page, cdp) {
  const out = [];
  await page.addStyleTag({ content: NO_TRANSITIONS });
  const prep = await page.evaluate(inpage.keyboardPrepare);
  // Enough presses to go through every expected stop and out of the page; more if Chromium finds
  // extra stops (scrollable regions are keyboard-focusable in Chromium).
  let presses = 0;
  for (let want = prep.candidates + 2; presses < prep.candidates + 200; want = 20) {
    await pressTabs(cdp, want);
    presses += want;
    const p = await page.evaluate(inpage.keyboardProgress);
    if (p.activeIsBody || p.wrapped) break;
  }
  const r = await page.evaluate(inpage.keyboardResult);
  // Skip link.
  if (!r.skip) {
    out.push(F('no element is reachable by Tab (no skip link)'));
  } else if (!r.skip.isInPageLink) {
    out.push(F(`first Tab reaches ${r.skip.el.replace(/ ".*/, '')}, not a skip link`, `first Tab reaches ${r.skip.el}, not a skip link (an <a href="#main-content-id">)`));
  } else {
    await page.evaluate(inpage.focusFirstTabStop);
    await page.keyboard.press('Enter');
    await page.waitForFunction((h) => location.hash === h, r.skip.href, { timeout: 2000 }).catch(() => {});
    const o = await page.evaluate(inpage.skipLinkOutcome, r.skip.href);
    if (!o.targetExists) out.push(F(`skip link "${r.skip.text}" points to ${r.skip.href}, which is not an id on the page`));
    else {
      if (!o.targetInMain) out.push(F(`skip link target ${o.target} is not <main> or inside it${o.hasMain ? '' : ' (page has no <main>)'}`));
      if (!o.focusOnTarget) {
        out.push(F(`activating the skip link leaves focus on ${o.active}, not its target ${o.target}${o.targetTabindex === null ? ' (target has no tabindex="-1")' : ''}`));
      }
    }
  }
  if (r.missing.length) {
    out.push(F(`${r.missing.length} link(s) or control(s) not reachable by Tab`,
      `${r.missing.length} of ${r.candidates} link(s) or control(s) not reachable by Tab: ${r.missing.slice(0, 5).join(', ')}${r.missing.length > 5 ? ', …' : ''}`));
  }
  if (r.removed.length) {
    out.push(F('visible link(s) or control(s) taken out of the Tab order with tabindex="-1"',
      `${r.removed.length} visible link(s) or control(s) taken out of the Tab order with tabindex="-1": ${r.removed.slice(0, 5).join(', ')}${r.removed.length > 5 ? ', …' : ''}`));
  }
  if (r.outOfOrder.length) {
    out.push(F('Tab order differs from DOM order', `Tab order differs from DOM order: ${r.outOfOrder.slice(0, 3).join('; ')}`));
  }
  const byWhy = new Map();
  for (const b of r.badFocus) byWhy.set(b.why, [...(byWhy.get(b.why) ?? []), b.el]);
  for (const [why, els] of byWhy) {
    const kinds = [...new Set(els.map((e) => e.replace(/ ".*/, '')))].slice(0, 4).join(', ');
    out.push(F(`no visible focus indicator on ${kinds}: ${why}`,
      `no visible focus indicator on ${els.length} element(s): ${why}: ${els.slice(0, 5).join(', ')}${els.length > 5 ? ', …' : ''}`));
  }
  return { failures: out, candidates: r.candidates, reached: r.reached };
}

async function checkPrint(page) {
  await page.evaluate(inpage.printBefore);
  await page.emulateMedia({ media: 'print' });
  try {
    const r = await page.evaluate(inpage.printAfter);
    return r.problems.map((p) => F(p.replace(/^\d+ piece\(s\) of main content hidden in print.*/, 'main content hidden in print'), p));
  } finally {
    await page.emulateMedia({ media: null });
  }
}

async function checkPhones(page) {
  await page.setViewportSize({ width: 320, height: 640 });
  const r = await page.evaluate(inpage.phoneState);
  const out = [];
  for (const c of r.charts) {
    for (const t of c.small) out.push(F(`chart text smaller than 12px at 320px`, `chart ${c.name}: text ${t} at 320px`));
    for (const t of c.outside) out.push(F(`chart text runs past its chart's edge at 320px`, `chart ${c.name}: text ${t}`));
    for (const t of c.faint) out.push(F(`chart colour below 3:1 against the background`, `chart ${c.name}: ${t}`));
  }
  for (const h of r.hidden) out.push(F(`stacked table: status, target date or days overdue out of view at 320px`, h));
  return out;
}

// The home page's answer to "where does it stand" (actions by status, what is at risk, off
// track or overdue, the last update's date) must be read without scrolling, on a phone and a
// laptop. A page marks such elements data-first-screen: "whole" (or empty) must lie entirely
// in the first screen, "starts" must begin in it (a list that may run on).
async function checkFirstScreen(page) {
  const out = [];
  for (const [width, height] of [[375, 667], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    const found = await page.evaluate(() => {
      window.scrollTo(0, 0);
      return [...document.querySelectorAll('[data-first-screen]')].map((el) => {
        const r = el.getBoundingClientRect();
        return { how: el.getAttribute('data-first-screen') || 'whole', top: r.top + window.scrollY, bottom: r.bottom + window.scrollY,
          text: el.textContent.replace(/\s+/g, ' ').trim().slice(0, 60) };
      });
    });
    for (const e of found) {
      const late = e.how === 'starts' ? e.top >= height : e.bottom > height;
      if (late) out.push(F(`${width}x${height}: marked data-first-screen but below the first screen`,
        `${width}x${height}: "${e.text}" ${e.how === 'starts' ? 'starts' : 'ends'} at ${Math.round(e.how === 'starts' ? e.top : e.bottom)}px, below the first screen (${height}px)`));
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return out;
}

async function checkReflow(page) {
  const out = [];
  const scroll = (label, r) => {
    if (r.scrollWidth > r.vw) {
      out.push(F(`${label}: page scrolls sideways`,
        `${label}: page scrolls sideways (content ${r.scrollWidth}px wide in a ${r.vw}px viewport)${r.offenders.length ? `; sticking out: ${r.offenders.join('; ')}` : ''}`));
    }
    for (const t of r.wideTables) out.push(F(`${label}: table wider than the viewport is not inside a scroll container (overflow-x: auto)`, `${label}: ${t} and is not inside a scroll container (overflow-x: auto)`));
  };
  const clip = (label, r) => {
    for (const c of r.clipped) out.push(F(`${label}: text clipped by ${c.replace(/ \(overflow.*/, '').replace(/ ".*/, '')}`, `${label}: text clipped: ${c}`));
  };
  await page.setViewportSize({ width: 320, height: 640 });
  let r = await page.evaluate(inpage.reflowState, { checkScroll: true });
  scroll('320px', r);
  clip('320px', r);
  await page.addStyleTag({ content: TEXT_200 });
  await page.setViewportSize({ width: 1280, height: 800 });
  r = await page.evaluate(inpage.reflowState, { checkScroll: false });
  clip('200% text at 1280px', r);
  await page.setViewportSize({ width: 640, height: 800 });
  r = await page.evaluate(inpage.reflowState, { checkScroll: true });
  scroll('200% text at 640px', r);
  clip('200% text at 640px', r);
  return out;
}

// The 404 page as a server shows it: at a missing address (see checkSite).
export const NOT_FOUND_LABEL = '404.html (served for a missing address)';

const SEARCH_PAGE = /(^|\/)search(\/index)?\.html$/i;
const AZ_TEXT = /\bA\s*(?:to|–|—|-)\s*Z\b/i;
const AZ_PATH = /(^|\/)(a-z|a-to-z|atoz|az)(\/|\.html|$)/i;

async function checkNoJs(page, rel) {
  const out = [];
  await page.setViewportSize({ width: 1280, height: 800 });
  const wide = await page.evaluate(inpage.noJsState);
  await page.setViewportSize({ width: 320, height: 640 });
  const narrow = await page.evaluate(inpage.noJsState);
  if (!wide.hasMain) out.push(F('no <main> element'));
  else if (wide.mainTextLength === 0) out.push(F('<main> has no visible text without JavaScript'));
  if (wide.navLinks === 0) out.push(F('no navigation links (<nav> with <a href>)'));
  else if (wide.visibleNavLinks === 0) out.push(F('navigation links are hidden without JavaScript at 1280px'));
  if (wide.navLinks > 0 && narrow.visibleNavLinks === 0 && narrow.disclosureMenus === 0) {
    out.push(F('navigation links are hidden without JavaScript at 320px (and no <details> menu shows them)'));
  }
  if (SEARCH_PAGE.test(rel)) {
    const az = wide.mainLinks.find((l) => AZ_TEXT.test(l.text) || AZ_PATH.test(new URL(l.href).pathname));
    if (!az) out.push(F('search page without JavaScript has no link to the A to Z index', `search page without JavaScript has no visible link to the A to Z index in <main> (links: ${wide.mainLinks.slice(0, 5).map((l) => `"${l.text}"`).join(', ') || 'none'})`));
  }
  return out;
}

// --- Links -------------------------------------------------------------------------------------

function cssReferences(text) {
  const refs = [];
  const clean = text.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of clean.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/g)) refs.push(m[1] ?? m[2] ?? m[3]);
  for (const m of clean.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)) refs.push(m[1] ?? m[2]);
  return refs.filter((r) => r && !/^(data|about):/i.test(r) && !r.startsWith('#'));
}

function existingFile(siteDir, pathname) {
  const f = fileForUrlPath(siteDir, pathname);
  if (!f) return null;
  try {
    const st = fs.statSync(f);
    if (st.isFile()) return f;
    if (st.isDirectory() && fs.statSync(path.join(f, 'index.html')).isFile()) return path.join(f, 'index.html');
  } catch { /* missing */ }
  return null;
}

export function resolveLinks({ siteDir, origin, pageData }) {
  const idsByFile = new Map();
  for (const [rel, d] of pageData) if (d.ids) idsByFile.set(path.join(path.resolve(siteDir), rel), new Set(d.ids));
  const cssCache = new Map();
  const results = new Map();
  let external = 0, rootAbsolute = 0;
  const check = (out, what, raw, urlString, pageRel, baseRel) => {
    let u;
    try { u = new URL(urlString); } catch { out.push(F(`${what}: "${raw}" is not a valid URL`)); return null; }
    if (u.origin !== origin) {
      if (u.protocol === 'javascript:') out.push(F(`${what}: javascript: URL does not work without JavaScript`));
      else external++;
      return null;
    }
    if (raw.startsWith('/') && !raw.startsWith('//')) rootAbsolute++;
    else if (!/^[a-z][a-z0-9+.-]*:/i.test(raw) && !raw.startsWith('//') && !raw.startsWith('#') && !raw.startsWith('?')) {
      const deep = new URL(raw, `http://x/__root__/${baseRel}`);
      if (!deep.pathname.startsWith('/__root__/')) {
        out.push(F(`${what}: relative "${raw}" climbs above the site root`, `${what}: relative URL "${raw}" climbs above the site root (breaks when the site is published under a sub-path)`));
      }
    }
    // A same-document reference ("#id") refers to this page even when it is served from another
    // address (the 404 page at a missing path).
    const file = raw.startsWith('#') ? path.join(path.resolve(siteDir), pageRel) : existingFile(siteDir, u.pathname);
    if (!file) {
      out.push(F(`${what}: "${raw}" not found`, `${what}: "${raw}" → ${decodeURIComponent(u.pathname)}: no such file in the site`));
      return null;
    }
    if (u.hash && u.hash !== '#') {
      let frag = u.hash.slice(1);
      try { frag = decodeURIComponent(frag); } catch { /* keep */ }
      const ids = idsByFile.get(file);
      if (ids && !ids.has(frag) && frag.toLowerCase() !== 'top') {
        const target = path.relative(siteDir, file);
        out.push(F(`${what}: fragment #${frag} not found in ${target === pageRel ? 'the same page' : target}`,
          `${what}: "${raw}" → fragment #${frag} matches no id in ${target === pageRel ? 'this page' : target}`));
      }
    }
    return file;
  };
  const checkCss = (file, fileUrl) => {
    if (cssCache.has(file)) return cssCache.get(file);
    const out = [];
    cssCache.set(file, out);
    let text = '';
    try { text = fs.readFileSync(file, 'utf8'); } catch { return out; }
    const rel = path.relative(siteDir, file).split(path.sep).join('/');
    for (const raw of cssReferences(text)) {
      let abs;
      try { abs = new URL(raw, fileUrl).href; } catch { out.push(F(`${rel}: url(${raw}) is not a valid URL`)); continue; }
      const f = check(out, `${rel} url()`, raw, abs, rel, rel);
      if (f && f.endsWith('.css')) out.push(...checkCss(f, abs));
    }
    return out;
  };
  for (const [rel, d] of pageData) {
    if (!d.refs) continue;
    const out = [];
    const baseRel = d.servedAs ?? rel;
    for (const ref of d.refs) {
      const what = `<${ref.el} ${ref.attr}>`;
      if (ref.raw === '') { out.push(F(`${what}: empty href`)); continue; }
      if (!ref.url) { out.push(F(`${what}: "${ref.raw}" is not a valid URL`)); continue; }
      const file = check(out, what, ref.raw, ref.url, d.fileRel ?? rel, baseRel);
      if (file && (file.endsWith('.css') || /\bstylesheet\b/i.test(ref.rel))) {
        out.push(...checkCss(file, ref.url).map((f) => ({ ...f, message: `via ${ref.raw}: ${f.message}` })));
      }
    }
    for (const css of d.inlineCss ?? []) {
      for (const raw of cssReferences(css)) {
        let abs;
        try { abs = new URL(raw, d.baseURI).href; } catch { out.push(F(`inline style: url(${raw}) is not a valid URL`)); continue; }
        check(out, 'inline style url()', raw, abs, rel, baseRel);
      }
    }
    if (d.servedAs && out.length) {
      // One problem, however many links it breaks.
      const raws = [...new Set(out.map((f) => /"([^"]*)"/.exec(f.message)?.[1] ?? f.message))];
      results.set(rel, [F(`404.html: ${out.length} link(s) and asset(s) break when it is served for a missing address${d.servedAs.includes('/') ? ' in a sub-folder' : ''}`,
        `404.html: ${out.length} link(s) and asset(s) break when it is served for /${d.servedAs}, as a web server does for any missing address (relative URLs resolve against the missing address; the 404 page needs root-relative or absolute URLs): ${raws.slice(0, 6).join(', ')}${raws.length > 6 ? ', …' : ''}`)]);
      continue;
    }
    results.set(rel, out);
  }
  return { results, external, rootAbsolute };
}

// --- Running ------------------------------------------------------------------------------------

async function newLane(browser) {
  const js = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const nojs = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  const lane = { js, nojs, jsPage: await js.newPage(), nojsPage: await nojs.newPage(), errors: [] };
  lane.cdp = await js.newCDPSession(lane.jsPage);
  lane.jsPage.on('pageerror', (e) => lane.errors.push(String(e.message || e).split('\n')[0]));
  lane.jsPage.setDefaultTimeout(30_000);
  lane.nojsPage.setDefaultTimeout(30_000);
  return lane;
}

const timing = new Map();
export function resetTiming() { timing.clear(); }
export function timingNote() {
  const total = [...timing.values()].reduce((a, b) => a + b, 0) || 1;
  return [...timing].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s (${Math.round((100 * v) / total)}%)`).join(', ');
}
async function timed(name, fn) {
  const t = Date.now();
  try { return await fn(); } finally { timing.set(name, (timing.get(name) ?? 0) + Date.now() - t); }
}

async function guarded(results, check, rel, fn) {
  const t = Date.now();
  try {
    const failures = await fn();
    results.record(check, rel, failures);
  } catch (e) {
    results.record(check, rel, [F(`check crashed: ${String(e.message || e).split('\n')[0]}`)]);
  } finally {
    timing.set(check, (timing.get(check) ?? 0) + Date.now() - t);
  }
}

export async function checkSite({ browser, siteDir, pages, jobs = 2, checks = CHECKS, log = () => {}, extraNotFound = true }) {
  siteDir = path.resolve(siteDir);
  const server = await startServer(siteDir);
  const { origin } = server;
  const results = new Results();
  const htmlvalidate = new HtmlValidate(JSON.parse(fs.readFileSync(HTMLVALIDATE_CONFIG, 'utf8')));
  const pageData = new Map();
  const want = new Set(checks);
  let htmlWarnings = 0;
  const queue = [...pages];
  let done = 0;
  const started = Date.now();

  const visit = async (lane, rel) => {
    const url = urlFor(origin, rel);
    if (want.has('html')) {
      await guarded(results, 'html', rel, async () => {
        const r = await checkHtml(htmlvalidate, siteDir, rel);
        htmlWarnings += r.warnings;
        return r.failures;
      });
    }
    if (want.has('links') || want.has('nojs')) {
      await lane.nojsPage.setViewportSize({ width: 1280, height: 800 });
      const resp = await timed('load (no JS)', () => lane.nojsPage.goto(url, { waitUntil: 'load' }));
      if (want.has('links')) {
        const d = await timed('links', () => lane.nojsPage.evaluate(inpage.collectReferences));
        pageData.set(rel, d);
        if (resp && resp.status() !== 200) pageData.get(rel).status = resp.status();
      }
      if (want.has('nojs')) await guarded(results, 'nojs', rel, () => checkNoJs(lane.nojsPage, rel));
    }
    const jsChecks = ['keyboard', 'axe', 'print', 'reflow', 'phones', 'firstscreen', 'errors'].filter((c) => want.has(c));
    if (jsChecks.length) {
      lane.errors = [];
      await lane.jsPage.setViewportSize({ width: 1280, height: 800 });
      await timed('load', async () => {
        await lane.jsPage.goto(url, { waitUntil: 'load' });
        await lane.jsPage.evaluate(() => document.fonts.ready.then(() => true));
      });
      // Keyboard first: nothing has touched focus yet, so the first Tab starts at the top.
      if (want.has('keyboard')) await guarded(results, 'keyboard', rel, async () => (await checkKeyboard(lane.jsPage, lane.cdp)).failures);
      if (want.has('axe')) {
        await lane.jsPage.evaluate(() => { document.activeElement?.blur?.(); window.scrollTo(0, 0); });
        await guarded(results, 'axe', rel, () => checkAxe(lane.jsPage));
      }
      if (want.has('print')) await guarded(results, 'print', rel, () => checkPrint(lane.jsPage));
      if (want.has('phones')) await guarded(results, 'phones', rel, () => checkPhones(lane.jsPage));
      if (want.has('firstscreen')) await guarded(results, 'firstscreen', rel, () => checkFirstScreen(lane.jsPage));
      if (want.has('reflow')) await guarded(results, 'reflow', rel, () => checkReflow(lane.jsPage));
      if (want.has('errors')) results.record('errors', rel, [...new Set(lane.errors)].map((e) => F(`uncaught script error: ${e}`)));
    }
  };

  const worker = async () => {
    const lane = await newLane(browser);
    try {
      for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
        try {
          await visit(lane, rel);
        } catch (e) {
          for (const c of checks) if (!results.byCheck.get(c)?.has(rel)) results.record(c, rel, [F(`page could not be checked: ${String(e.message || e).split('\n')[0]}`)]);
        }
        done++;
        if (done % 25 === 0 || done === pages.length) log(`  ${done}/${pages.length} pages (${Math.round((Date.now() - started) / 1000)}s)`);
      }
      // The 404 page is served for missing paths at any depth, so its links must work from there too.
      if (want.has('links') && extraNotFound && pages.includes('404.html') && !pageData.has(NOT_FOUND_LABEL)) {
        pageData.set(NOT_FOUND_LABEL, null);
        // scrutiny can only make a 404 page that works at any depth when it knows the site's
        // address (base_url): then its links are absolute. Without one its links are relative to
        // the site root, so it is checked where they hold: a missing page at the top level.
        const notFoundHtml = fs.readFileSync(path.join(siteDir, '404.html'), 'utf8');
        const absolute = [...notFoundHtml.matchAll(/<link\b[^>]*>/gi)].some((m) => /\brel=["']?stylesheet\b/i.test(m[0]) && /\bhref=["']?(https?:)?\//i.test(m[0]));
        const servedAs = absolute ? '__missing__/deeper/still/page.html' : '__missing__.html';
        await lane.nojsPage.goto(`${origin}/${servedAs}`, { waitUntil: 'load' });
        const d = await lane.nojsPage.evaluate(inpage.collectReferences);
        pageData.set(NOT_FOUND_LABEL, { ...d, ids: null, servedAs, fileRel: '404.html' });
      }
    } finally {
      await lane.js.close();
      await lane.nojs.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, pages.length)) }, worker));
    let linkInfo = null;
    if (want.has('links')) {
      linkInfo = resolveLinks({ siteDir, origin, pageData });
      for (const [rel, failures] of linkInfo.results) {
        const d = pageData.get(rel);
        if (d?.status) failures.unshift(F(`page answered HTTP ${d.status}`));
        results.record('links', rel, failures);
      }
      results.notes.push(`links: ${linkInfo.external} external link(s) not followed; ${linkInfo.rootAbsolute} root-absolute URL(s) ("/…": resolve here, break if published under a sub-path)`);
    }
    if (want.has('html') && htmlWarnings) results.notes.push(`html: ${htmlWarnings} html-validate warning(s) (not failures)`);
    return results;
  } finally {
    await server.close();
  }
}

// --- Screenshots -------------------------------------------------------------------------------

// Each kind of page: a list of path tests, best first; `prefer` ranks the matches of a test (a
// revision page that marks several insertions and deletions shows the diff best).
const NOT_HISTORY = (p) => !/(^|\/)(history|changes)\//i.test(p);
const SHOT_KINDS = [
  { kind: 'home', required: true, tests: [(p) => p === 'index.html'] },
  { kind: 'recommendation', tests: [(p) => NOT_HISTORY(p) && /(^|\/)recommendations?\/(?!index\.html$).+\.html$/i.test(p)] },
  { kind: 'action', tests: [(p) => NOT_HISTORY(p) && /(^|\/)actions?\/(?!index\.html$).+\.html$/i.test(p)] },
  // Charts and stacked tables, the pages that phones break first.
  { kind: 'progress', tests: [(p) => p === 'progress.html'] },
  { kind: 'actions-list', tests: [(p) => p === 'actions/index.html'] },
  { kind: 'overdue', tests: [(p) => p === 'overdue.html'] },
  {
    kind: 'history-diff',
    tests: [
      (p) => /(^|\/)history\/actions?\/.+\/[0-9a-f]{7,40}\.html$/i.test(p),
      (p) => /(^|\/)history\/.+\/[0-9a-f]{7,40}\.html$/i.test(p),
      (p) => /(^|\/)(history|revisions?)\/.*(diff|compare|revision)/i.test(p),
      (p) => /(^|\/)changes\/[0-9a-f]{7,40}\.html$/i.test(p),
    ],
    // Both insertions and deletions, more than a legend explaining the marks would have.
    prefer: (html) => Math.min((html.match(/<ins[\s>]/gi) ?? []).length, (html.match(/<del[\s>]/gi) ?? []).length),
    enough: 3,
  },
  { kind: 'timeline', tests: [(p) => /(^|\/)timeline(\.html|\/index\.html)$/i.test(p), (p) => /timeline/i.test(p)] },  // What a councillor opens (issue 11): an action whose deadline moved, the update with most
  // changed since its last meeting, and a measure with its chart.
  {
    kind: 'action-moved-deadline',
    tests: [(p) => NOT_HISTORY(p) && /(^|\/)actions?\/(?!index\.html$).+\.html$/i.test(p)],
    prefer: (html) => (html.match(/Originally /g) ?? []).length,
    enough: 2,
  },
  {
    kind: 'update',
    tests: [(p) => NOT_HISTORY(p) && /(^|\/)updates?\/(?!index\.html$).+\.html$/i.test(p)],
    prefer: (html) => (html.split('class="since-meeting"')[1] ?? '').split('</section>')[0].split('<li').length,
  },
  {
    kind: 'measure',
    tests: [(p) => NOT_HISTORY(p) && /(^|\/)measures?\/(?!index\.html$).+\.html$/i.test(p)],
    prefer: (html) => (html.match(/<svg[\s>]/g) ?? []).length,
    enough: 1,
  },
];

// `read(page)` returns a page's HTML (for `prefer`); without it, matches are taken in path order.
export function chooseScreenshotPages(pages, read = null) {
  const chosen = [];
  for (const { kind, tests, prefer, enough = Infinity, required = false } of SHOT_KINDS) {
    let page = null;
    for (const test of tests) {
      // Shallowest first (a typical page rather than a deep sub-page), then by name.
      const matches = pages.filter(test).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
      if (!matches.length) continue;
      page = matches[0];
      if (prefer && read) {
        let best = -1;
        for (const m of matches.slice(0, 400)) {
          const score = prefer(read(m));
          if (score > best) { best = score; page = m; }
          if (score >= enough) break;
        }
      }
      break;
    }
    chosen.push({ kind, page, required });
  }
  return chosen;
}

export async function takeScreenshots({ browser, siteDir, pages, outDir, log }) {
  const server = await startServer(siteDir);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const failures = [];
  const written = [];
  try {
    fs.mkdirSync(outDir, { recursive: true });
    const read = (p) => { try { return fs.readFileSync(path.join(siteDir, p), 'utf8'); } catch { return ''; } };
    for (const { kind, page: rel, required } of chooseScreenshotPages(pages, read)) {
      if (!rel) {
        if (required) failures.push(`no home page (index.html) to screenshot`);
        else log(`  note: no ${kind} page found in the site; no screenshot of one`);
        continue;
      }
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(urlFor(server.origin, rel), { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => true));
        const file = path.join(outDir, `${kind}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(`${file} (${rel})`);
      }
    }
  } finally {
    await ctx.close();
    await server.close();
  }
  return { failures, written };
}
