// Self-test of the checker: the good fixture must pass every check on every page, and every
// deliberate fault in the broken fixture must be caught by the check that is meant to catch it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFixtures } from './fixtures.mjs';
import { checkSite, listPages, CHECKS, chooseScreenshotPages, NOT_FOUND_LABEL } from '../lib/suite.mjs';

export async function runSelftest({ browser, log, keep = false }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scrutiny-browser-selftest-'));
  let passed = 0, failed = 0;
  const ok = (name) => { passed++; log(`  ok      ${name}`); };
  const bad = (name, why) => { failed++; log(`  FAILED  ${name}: ${why}`); };
  try {
    const fx = writeFixtures(tmp);

    const goodPages = listPages(fx.good);
    const good = await checkSite({ browser, siteDir: fx.good, pages: goodPages, jobs: 2 });
    for (const check of CHECKS) {
      const failing = goodPages.map((p) => [p, good.failuresOf(check, p)]).filter(([, f]) => f.length);
      if (failing.length === 0) ok(`good fixture passes ${check} on all ${goodPages.length} pages`);
      else bad(`good fixture passes ${check}`, failing.map(([p, f]) => `${p}: ${f.map((x) => x.message).join(' | ')}`).join('; '));
    }
    const n404 = good.failuresOf('links', NOT_FOUND_LABEL);
    if (good.byCheck.get('links')?.has(NOT_FOUND_LABEL) && n404.length === 0) ok('good fixture 404 page links work where a server shows it');
    else bad('good fixture 404 page links work where a server shows it', n404.map((x) => x.message).join(' | ') || 'not checked');

    const brokenPages = listPages(fx.broken);
    const broken = await checkSite({ browser, siteDir: fx.broken, pages: brokenPages, jobs: 2 });
    for (const { page, check, pattern } of fx.expectations) {
      const f = broken.failuresOf(check, page);
      const hit = f.find((x) => pattern.test(x.key) || pattern.test(x.message));
      if (hit) ok(`${check} catches ${page}: ${hit.message.slice(0, 110)}`);
      else bad(`${check} catches ${page}`, `expected a failure matching ${pattern}; got ${f.length ? f.map((x) => x.message).join(' | ') : 'none'}`);
    }
    // The pages of the broken site that carry no fault of a check's kind must still pass that check,
    // so a check that fails everything cannot pass the self-test.
    const faulty = new Set(fx.expectations.map((e) => `${e.check} ${e.page}`));
    const spurious = [];
    for (const check of CHECKS) {
      for (const p of fx.brokenPages) {
        if (faulty.has(`${check} ${p}`)) continue;
        const f = broken.failuresOf(check, p).filter((x) => !ALLOWED_SIDE_EFFECTS.some(([c, pg, re]) => c === check && pg === p && re.test(x.message)));
        if (f.length) spurious.push(`${check} ${p}: ${f.map((x) => x.message).join(' | ')}`);
      }
    }
    if (spurious.length === 0) ok('broken fixture: no check fails a page for a fault it does not have');
    else bad('broken fixture: no check fails a page for a fault it does not have', spurious.join('; '));

    // Text is measured in DejaVu alone (fonts.conf), whatever else the machine has installed:
    // every family the stylesheets name must measure exactly as DejaVu Sans does.
    if (process.env.SCRUTINY_BROWSER_FONTS !== 'system') {
      const page = await browser.newPage();
      try {
        const widths = await page.evaluate(() => {
          const ctx = document.createElement('canvas').getContext('2d');
          const text = 'Recommendation 1: improve management oversight of casework (WWWiii 0123456789)';
          const w = (family) => { ctx.font = `700 32px ${family}`; return ctx.measureText(text).width; };
          return Object.fromEntries(['"DejaVu Sans"', 'sans-serif', 'system-ui', 'Arial', 'Roboto', '"Segoe UI"']
            .map((f) => [f, w(f)]));
        });
        const ref = widths['"DejaVu Sans"'];
        const off = Object.entries(widths).filter(([, v]) => v !== ref);
        if (off.length === 0) ok(`text measured in DejaVu Sans alone (${Math.round(ref)}px for the test line)`);
        else bad('text measured in DejaVu Sans alone', JSON.stringify(widths));
      } finally {
        await page.close();
      }
    }

    // Screenshot page choice falls back gracefully when kinds of page are missing.
    const site = {
      'index.html': '', 'recommendations/index.html': '', 'recommendations/r1.html': '',
      'history/recommendations/r1/index.html': '', 'history/actions/a1/abc1234.html': '<p>Legend: <ins>added</ins> <del>removed</del></p>',
      'history/actions/a1/def5678.html': '<p>Legend: <ins>added</ins> <del>removed</del></p><p><ins>a</ins><del>b</del> <ins>c</ins><del>d</del> <ins>e</ins><del>f</del></p>',
      'changes/0123abc.html': '<del>x</del><ins>y</ins>',
      'updates/u1.html': '<section class="since-meeting"><ul><li>a</li></ul></section>',
      'updates/u2.html': '<section class="since-meeting"><ul><li>a</li><li>b</li></ul></section>',
      'measures/m1.html': '<table></table>', 'measures/m2.html': '<svg role="img"></svg>',
    };
    const choice = chooseScreenshotPages(Object.keys(site), (p) => site[p]);
    const pick = Object.fromEntries(choice.map((c) => [c.kind, c.page]));
    if (pick.home === 'index.html' && pick.recommendation === 'recommendations/r1.html' && pick.action === null &&
      pick['history-diff'] === 'history/actions/a1/def5678.html' && pick.timeline === null &&
      pick.update === 'updates/u2.html' && pick.measure === 'measures/m2.html' && pick['action-moved-deadline'] === null) ok('screenshot page choice');
    else bad('screenshot page choice', JSON.stringify(pick));
  } finally {
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
    else log(`  fixtures kept in ${tmp}`);
  }
  return { passed, failed };
}

// Faults that, by their nature, also trip a second check: [check, page, pattern].
const ALLOWED_SIDE_EFFECTS = [
  // No print CSS in this stylesheet (on purpose): nothing else depends on it.
  // Unstyled page: the missing stylesheet also removes the skip link's hiding, focus styles and print rules.
  ['keyboard', 'broken-asset.html', /./], ['print', 'broken-asset.html', /./], ['axe', 'broken-asset.html', /^target-size /],
  // A positive tabindex puts that link before the skip link.
  ['keyboard', 'tab-order.html', /./],
  // A 600px box and a wide table also stick out at 640px with 200% text.
  ['reflow', 'overflow.html', /./], ['reflow', 'bare-table.html', /./],
  // Low contrast, clipped text and the like are not faults of other checks; the weak focus style
  // is a keyboard fault that axe does not see. Nothing else is allowed.
];
