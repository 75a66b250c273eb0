// Functional tests of the search page (assets/search.js and the index under search/), run once
// per site rather than per page: with JavaScript from a server under a sub-path, from disk
// (file://), and without JavaScript. The page's Content-Security-Policy is enforced here (the
// per-page checks bypass it), so a shard the policy blocks fails these tests.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { checkAxe } from './suite.mjs';

// Words of a document's text as the index splits them (search_words in search_index.cc), close
// enough for the plain words these tests search for.
function wordsOf(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .split(/(?:(?<!\d)\.|\.(?!\d)|(?<![a-z])'|'(?![a-z])|[^\p{L}\p{N}.'’])+/u).filter(Boolean).map((w) => w.replace(/’/g, "'"));
}

// The site's documents as the search files hold them: [{n, url, words: Set}], for the documents
// a query must find (those containing every one of its words).
export function readDocuments(siteDir) {
  const dir = path.join(siteDir, 'search', 'd');
  const docs = [];
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const json = text.slice(text.indexOf(',') + 1, text.lastIndexOf(')'));
    const d = JSON.parse(json);
    docs.push({ n: Number(f.replace('.js', '')), url: d.u, words: new Set(wordsOf(`${d.t} ${d.k} ${d.x}`)) });
  }
  return docs.sort((a, b) => a.n - b.n);
}
export function documentsContaining(docs, query) {
  const words = wordsOf(query);
  return docs.filter((d) => words.every((w) => d.words.has(w))).map((d) => d.n);
}

// Opens search.html?QUERY and waits for the search to settle: the status says how many match,
// or that none do, or that search is not available.
async function searchFor(page, pageUrl, query) {
  const urls = [];
  const onRequest = (r) => urls.push(r.url());
  page.on('request', onRequest);
  await page.goto(`${pageUrl}?${query}`);
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    return s && /match|not available/.test(s.textContent);
  }, null, { timeout: 15_000 });
  page.off('request', onRequest);
  return page.evaluate((loaded) => ({
    status: document.getElementById('search-status').textContent,
    hits: window.scrutinySearch ? window.scrutinySearch.results.slice() : [],
    links: [...document.querySelectorAll('#search-results > li > a')].map((a) => a.getAttribute('href')),
    marks: [...document.querySelectorAll('#search-results mark')].map((m) => m.textContent),
    snippets: document.querySelectorAll('#search-results .search-results__snippet').length,
    loaded,
  }), urls);
}

export async function runSearchTests({ browser, siteDir, log = () => {} }) {
  siteDir = path.resolve(siteDir);
  let passed = 0, failed = 0;
  const failures = [];
  const check = (ok, name, detail = '') => {
    if (ok) passed++;
    else { failed++; failures.push(`${name}${detail ? `: ${detail}` : ''}`); }
    log(`  ${ok ? 'ok  ' : 'FAIL'} search: ${name}${!ok && detail ? ` (${detail})` : ''}`);
  };
  if (!fs.existsSync(path.join(siteDir, 'search.html')) || !fs.existsSync(path.join(siteDir, 'search', 'd'))) {
    check(false, 'the site has search.html and its index under search/');
    return { passed, failed, failures };
  }
  const docs = readDocuments(siteDir);
  const urlOf = (n) => docs.find((d) => d.n === n)?.url;
  const has = (n) => docs.some((d) => d.n === n);
  const sample = docs.some((d) => d.url === 'glossary.html') && docs.some((d) => d.words.has('marac'));

  // The site's parent folder is served, so the site sits under a sub-path, as on a council's
  // server: /browser-site/search.html.
  const server = await startServer(path.dirname(siteDir));
  const subPath = `${server.origin}/${encodeURIComponent(path.basename(siteDir))}`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e.message || e).split('\n')[0]));
    // A script the Content-Security-Policy refuses shows as a console error; a missing file as
    // a response (the browser's own /favicon.ico request aside).
    page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });

    const queries = sample
      ? ['MARAC', 'graded care profile', 'neglect', '3.2', 'FV23.2']
      : [...new Set(docs[0] ? [...docs[0].words].filter((w) => /^[a-z]{4,}$/.test(w)).slice(0, 3) : [])];
    for (const [where, pageUrl] of [['server, sub-path', `${subPath}/search.html`],
      ['file://', pathToFileURL(path.join(siteDir, 'search.html')).href]]) {
      for (const query of queries) {
        const r = await searchFor(page, pageUrl, `q=${encodeURIComponent(query)}`);
        const expected = documentsContaining(docs, query);
        const missing = expected.filter((n) => !r.hits.includes(n));
        check(expected.length > 0 && missing.length === 0,
          `${where}: "${query}" finds every document containing each word (${expected.length})`,
          `${r.status} missing: ${missing.map(urlOf).join(', ')}`);
        check(r.links.length === Math.min(10, r.hits.length) && r.links.every((h) => h.endsWith('.html')),
          `${where}: "${query}" shows the best ${Math.min(10, r.hits.length)} results as links`, `${r.links.length} links, ${r.hits.length} hits`);
      }
    }

    const server1 = `${subPath}/search.html`;
    if (sample) {
      // Titles and numbers above body text.
      let r = await searchFor(page, server1, 'q=FV23.2');
      check(r.links[0] === 'actions/a37.html', '"FV23.2" ranks the action numbered FV23.2 first', r.links.slice(0, 3).join(', '));
      r = await searchFor(page, server1, 'q=graded+care+profile');
      check(r.links.includes('glossary.html'), '"graded care profile" finds the glossary', r.links.join(', '));
      check(r.marks.some((m) => /graded/i.test(m)) && r.snippets > 0, 'results show excerpts with the words marked', r.marks.slice(0, 5).join(', '));
      // Only what the query needs is loaded: the manifest, one shard per word, the texts shown.
      const shards = r.loaded.filter((u) => /\/search\/t-[^/]*\.js$/.test(u));
      const texts = r.loaded.filter((u) => /\/search\/d\/\d+\.js$/.test(u));
      check(shards.length <= 3 && shards.length >= 1, '"graded care profile" loads at most one shard per word', shards.map((u) => u.replace(/.*\//, '')).join(', '));
      check(texts.length === r.links.length, 'only the texts of the results shown are loaded', `${texts.length} texts, ${r.links.length} results`);
      check(!r.loaded.some((u) => u.endsWith('/search/facets.js')), 'the filters\' data is loaded only when a filter is chosen');
      // Stemming: "neglected" finds what "neglect" finds, and the 2023 focused visit.
      const neglect = (await searchFor(page, server1, 'q=neglect')).hits;
      r = await searchFor(page, server1, 'q=neglected');
      check(neglect.every((n) => r.hits.includes(n)), '"neglected" finds every document "neglect" finds (stemming)', r.status);
      check(neglect.some((n) => /^inspections\/2023/.test(urlOf(n) || '')), '"neglect" finds the 2023 inspection', neglect.map(urlOf).join(', '));
    }

    // Typing: results come without pressing Enter, the last word matching as a prefix.
    const prefixWord = sample ? 'negl' : (queries[0] || 'a').slice(0, 4);
    const full = sample ? 'neglect' : queries[0];
    await page.goto(server1);
    await page.locator('#search-input').pressSequentially(prefixWord, { delay: 30 });
    await page.waitForFunction(() => /match/.test(document.getElementById('search-status').textContent), null, { timeout: 15_000 });
    const typed = await page.evaluate(() => window.scrutinySearch.results.slice());
    const fullHits = documentsContaining(docs, full);
    check(fullHits.every((n) => typed.includes(n)), `typing "${prefixWord}" finds every document containing "${full}" (prefix)`, `${typed.length} hits`);

    // Filters, with the choice kept in the address.
    await page.goto(`${server1}?q=${encodeURIComponent(full)}`);
    await page.waitForFunction(() => /match/.test(document.getElementById('search-status').textContent));
    check(await page.locator('#search-filters').isVisible(), 'the filters show with JavaScript');
    await page.selectOption('select[name="type"]', 'action');
    await page.waitForFunction(() => /[?&]type=action/.test(location.search) && /match/.test(document.getElementById('search-status').textContent));
    await page.waitForFunction(() => window.scrutinySearch.results.length > 0);
    const filtered = await page.evaluate(() => window.scrutinySearch.results.slice());
    const actions = fullHits.filter((n) => /^actions\//.test(urlOf(n)));
    check(filtered.every((n) => /^actions\//.test(urlOf(n) || '')) && actions.every((n) => filtered.includes(n)),
      'the type filter keeps exactly the matching actions', `${filtered.length} shown, ${actions.length} expected`);
    // The page as a reader sees it with results and filters passes axe and reflows at 320px.
    const axe = await checkAxe(page);
    check(axe.length === 0, 'the page with results and filters passes axe', axe.slice(0, 3).map((f) => f.message).join(' | '));
    await page.setViewportSize({ width: 320, height: 640 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(wide <= 0, 'the page with results and filters does not scroll sideways at 320px', `${wide}px too wide`);
    await page.setViewportSize({ width: 1280, height: 800 });
    const statusValue = await page.$eval('select[name="status"]', (s) => s.options[1] && s.options[1].value).catch(() => null);
    if (statusValue) {
      const r = await searchFor(page, server1, `type=action&status=${statusValue}`);
      check(r.hits.length > 0 && r.hits.every(has), `filters alone list the documents (status ${statusValue})`, r.status);
    }
    check(errors.length === 0, 'no script errors or refused loads (Content-Security-Policy)', errors.slice(0, 3).join(' | '));
  } catch (e) {
    check(false, 'search tests ran to the end', String(e.message || e).split('\n')[0]);
  } finally {
    await context.close();
  }

  // Without JavaScript: the form cannot search, so the page says so and links to the A to Z
  // index and the list pages, which filter by type, status, plan and theme.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await nojs.newPage();
    await page.goto(`${subPath}/search.html?q=MARAC`);
    const state = await page.evaluate(() => ({
      noscript: document.querySelector('main noscript') !== null,
      filtersHidden: document.getElementById('search-filters')?.hidden ?? true,
      links: [...document.querySelectorAll('main a')].filter((a) => a.offsetParent).map((a) => a.getAttribute('href')),
    }));
    check(state.filtersHidden, 'without JavaScript the filters (which need it) are hidden');
    for (const href of ['a-z.html', 'actions/index.html'])
      check(state.links.includes(href), `without JavaScript the page links to ${href}`, state.links.join(', '));
    const broken = state.links.filter((h) => !fs.existsSync(path.join(siteDir, h.split('#')[0])));
    check(broken.length === 0, 'without JavaScript every link of the page leads to a page of the site', broken.join(', '));
  } finally {
    await nojs.close();
    await server.close();
  }
  return { passed, failed, failures };
}
