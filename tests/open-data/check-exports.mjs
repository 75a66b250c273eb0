// Reads a built site's open data the way its users will: portal.json with JSON.parse (checked
// against docs/portal.schema.json) and the CSV files with the csv-parse package, then checks
// them against each other and the site (docs/open-data.md).
//
// usage: node check-exports.mjs SCRUTINY_BINARY CONTENT_DIR [THEME_DIR]
//
// Builds CONTENT_DIR twice into a temporary folder (removed afterwards). The last line of
// output is `open-data: N passed, M failed`; the exit status is 0 only when M is 0.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const browserDir = path.join(repo, 'tests', 'browser');

let passed = 0;
let failed = 0;
function check(ok, what, detail = '') {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
  return ok;
}
function finish() {
  console.log(`open-data: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

const [binary, contentDir, themeDir = path.join(repo, 'themes', 'default')] = process.argv.slice(2);
if (!binary || !contentDir) {
  console.log('usage: node check-exports.mjs SCRUTINY_BINARY CONTENT_DIR [THEME_DIR]');
  failed++;
  finish();
}

// csv-parse is pinned in tests/browser/package.json; install it there as run-browser-tests does
// when it is missing or at another version.
const requireFromBrowser = createRequire(path.join(browserDir, 'package.json'));
function installedVersion() {
  try { return JSON.parse(fs.readFileSync(path.join(browserDir, 'node_modules', 'csv-parse', 'package.json'), 'utf8')).version; } catch { return null; }
}
const pinned = JSON.parse(fs.readFileSync(path.join(browserDir, 'package.json'), 'utf8')).dependencies['csv-parse'];
if (installedVersion() !== pinned) {
  console.log(`check-exports: installing node packages (npm ci) in ${browserDir}`);
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: browserDir, stdio: 'inherit' });
  } catch (e) {
    check(false, 'npm ci in tests/browser', String(e.message || e));
    finish();
  }
}
const { parse: parseCsv } = requireFromBrowser('csv-parse/sync');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scrutiny-open-data-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function build(name) {
  const out = path.join(tmp, name);
  try {
    execFileSync(binary, ['build', '--content', contentDir, '--theme', themeDir, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    return out;
  } catch (e) {
    check(false, `scrutiny build ${contentDir}`, `${e.stderr || e.message}`);
    finish();
  }
}
const site = build('site');
const read = (rel) => fs.readFileSync(path.join(site, rel), 'utf8');
const resolves = (url) => typeof url === 'string' && !url.startsWith('/') && !url.includes('..') && fs.statSync(path.join(site, url), { throwIfNoEntry: false })?.isFile() === true;

// ---- portal.json ----

// The part of JSON Schema that docs/portal.schema.json uses.
function validate(schema, value, root, at, errors) {
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce((s, k) => s[k], root);
    return validate(target, value, root, at, errors);
  }
  const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if (schema.type) {
    const types = [].concat(schema.type);
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) errors.push(`${at}: ${t}, expected ${types.join(' or ')}`);
  }
  if ('const' in schema && value !== schema.const) errors.push(`${at}: ${JSON.stringify(value)}, expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (schema.minLength && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  }
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((s) => { const e = []; validate(s, value, root, at, e); return e.length === 0; });
    if (matching.length !== 1) {
      // Report the closest branch (fewest errors) so a mistake is named, not just "no match".
      let best = null;
      for (const s of schema.oneOf) { const e = []; validate(s, value, root, at, e); if (!best || e.length < best.length) best = e; }
      errors.push(matching.length ? `${at}: matches ${matching.length} alternatives` : `${at}: matches no alternative (${best.slice(0, 3).join('; ')})`);
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of schema.required || []) if (!(k in value)) errors.push(`${at}: missing ${k}`);
    for (const [k, v] of Object.entries(value)) {
      if (schema.properties && schema.properties[k]) validate(schema.properties[k], v, root, `${at}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected key ${k}`);
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => validate(schema.items, v, root, `${at}[${i}]`, errors));
  return errors;
}

let portal;
try {
  portal = JSON.parse(read('data/portal.json'));
  check(true, 'portal.json parses');
} catch (e) {
  check(false, 'portal.json parses', e.message);
  finish();
}
const schema = JSON.parse(fs.readFileSync(path.join(repo, 'docs', 'portal.schema.json'), 'utf8'));
const schemaErrors = validate(schema, portal, schema, '$', []);
check(schemaErrors.length === 0, 'portal.json matches docs/portal.schema.json', schemaErrors.slice(0, 10).join('\n  '));
check(read('data/portal.json').endsWith('}\n') && !read('data/portal.json').includes('\r'), 'portal.json uses \\n line ends');

const docs = portal.documents || [];
const byId = new Map(docs.map((d) => [d.id, d]));
check(byId.size === docs.length && docs.length > 0, 'portal.json: ids are unique', `${docs.length} documents, ${byId.size} ids`);
check(docs.every((d, i) => i === 0 || Buffer.compare(Buffer.from(docs[i - 1].id), Buffer.from(d.id)) < 0), 'portal.json: documents in id order');
const badUrls = docs.filter((d) => !resolves(d.url)).map((d) => `${d.id}: ${d.url}`);
check(badUrls.length === 0, 'portal.json: every url is a page of the site', badUrls.slice(0, 5).join(', '));

const refErrors = [];
function ref(from, id, type) {
  if (id === null) return;
  const d = byId.get(id);
  if (!d || d.type !== type) refErrors.push(`${from} -> ${id} (expected a ${type})`);
}
for (const d of docs) {
  if (d.type === 'recommendation') { ref(d.id, d.inspection, 'inspection'); d.themes.forEach((t) => ref(d.id, t, 'theme')); d.actions.forEach((a) => ref(d.id, a, 'action')); }
  if (d.type === 'plan') d.inspections.forEach((i) => ref(d.id, i, 'inspection'));
  if (d.type === 'theme') ref(d.id, d.plan, 'plan');
  if (d.type === 'action') { ref(d.id, d.theme, 'theme'); ref(d.id, d.plan, 'plan'); d.recommendations.forEach((r) => ref(d.id, r, 'recommendation')); }
  if (d.type === 'update') { d.reports_on.forEach((r) => { if (!byId.has(r)) refErrors.push(`${d.id} -> ${r}`); }); d.statuses.forEach((s) => ref(d.id, s.action, 'action')); d.decisions.forEach((dec) => dec.actions.forEach((a) => ref(d.id, a, 'action'))); }
}
check(refErrors.length === 0, 'portal.json: every reference names a document of the right type', refErrors.slice(0, 5).join(', '));

// Derived lists agree with what they are derived from.
const actions = docs.filter((d) => d.type === 'action');
const recommendations = docs.filter((d) => d.type === 'recommendation');
const derived = recommendations.filter((r) => {
  const expected = actions.filter((a) => a.recommendations.includes(r.id)).map((a) => a.id).sort();
  return JSON.stringify([...r.actions].sort()) !== JSON.stringify(expected);
});
check(derived.length === 0, 'portal.json: a recommendation\'s actions are the actions that name it', derived.map((r) => r.id).join(', '));

// The overdue rule (docs/open-data.md): target date before as_at and not complete.
const asAt = portal.as_at;
const overdue = (target, status) => (asAt === null ? null : status !== 'complete' && target < asAt);
const wrongOverdue = [];
for (const a of actions) {
  if (a.overdue !== overdue(a.target_date, a.status)) wrongOverdue.push(a.id);
  a.milestones.forEach((m, i) => { if (m.overdue !== overdue(m.target_date, m.status)) wrongOverdue.push(`${a.id} milestone ${i + 1}`); });
}
check(wrongOverdue.length === 0, `portal.json: overdue flags follow the rule as at ${asAt}`, wrongOverdue.slice(0, 5).join(', '));

// ---- CSV ----

const HEADERS = {
  'data/actions.csv': ['id', 'number', 'title', 'theme_id', 'theme', 'owner', 'start_date', 'target_date', 'status', 'completed', 'overdue', 'recommendation_ids', 'url', 'owners', 'origin', 'original_target_date', 'target_date_moves', 'target_date_days_moved'],
  'data/milestones.csv': ['action_id', 'action_number', 'action_title', 'milestone', 'owner', 'target_date', 'status', 'completed', 'overdue', 'owners', 'original_target_date', 'target_date_moves', 'target_date_days_moved'],
  'data/recommendations.csv': ['id', 'inspection_id', 'inspection', 'kind', 'number', 'title', 'theme_ids', 'action_ids', 'actions_complete', 'actions_total', 'url'],
  'data/decisions.csv': ['update_id', 'update_date', 'meeting', 'decision', 'due', 'action_ids', 'paper_url', 'url'],
};
const tables = {};
for (const [file, header] of Object.entries(HEADERS)) {
  const text = read(file);
  let rows;
  try {
    rows = parseCsv(text, { record_delimiter: '\r\n', relax_column_count: true, bom: true });
    check(true, `${file} parses`);
  } catch (e) {
    check(false, `${file} parses`, e.message);
    continue;
  }
  check(text.endsWith('\r\n'), `${file}: every row ends with CRLF`);
  check(text.startsWith('\uFEFF'), `${file}: starts with a UTF-8 byte order mark, for spreadsheet programs`);
  check(JSON.stringify(rows[0]) === JSON.stringify(header), `${file}: header`, JSON.stringify(rows[0]));
  const short = rows.map((r, i) => [i + 1, r.length]).filter(([, n]) => n !== header.length);
  check(short.length === 0, `${file}: every row has ${header.length} fields`, short.slice(0, 5).map(([i, n]) => `row ${i}: ${n}`).join(', '));
  const formula = rows.slice(1).flat().filter((f) => /^[=+\-@\t\r]/.test(f));
  check(formula.length === 0, `${file}: no field starts a spreadsheet formula`, formula.slice(0, 3).join(' | '));
  tables[file] = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
const flag = (b) => (b === null ? '' : String(b));
const guard = (s) => (s !== null && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s ?? '');

const actionRows = tables['data/actions.csv'] || [];
check(actionRows.length === actions.length, 'actions.csv: one row per action', `${actionRows.length} rows, ${actions.length} actions`);
const actionMismatch = actionRows.filter((row) => {
  const a = byId.get(row.id);
  return !a || row.status !== a.status || row.target_date !== a.target_date || row.start_date !== (a.start_date ?? '') ||
    row.completed !== (a.completed ?? '') || row.overdue !== flag(a.overdue) || row.owner !== guard(a.owner) ||
    row.title !== guard(a.title) || row.theme_id !== (a.theme ?? '') || row.theme !== guard(byId.get(a.theme)?.title ?? '') ||
    row.recommendation_ids !== a.recommendations.join(' ') || row.url !== a.url ||
    row.owners !== guard(a.owners.join('; ')) || row.owner !== guard(a.owners[0] ?? null) || row.origin !== guard(a.origin);
});
check(actionMismatch.length === 0, 'actions.csv: rows agree with portal.json', actionMismatch.slice(0, 5).map((r) => r.id).join(', '));
check(actionRows.every((r) => resolves(r.url)), 'actions.csv: every url is a page of the site');

const milestoneRows = tables['data/milestones.csv'] || [];
const milestoneCount = actions.reduce((n, a) => n + a.milestones.length, 0);
check(milestoneRows.length === milestoneCount, 'milestones.csv: one row per milestone', `${milestoneRows.length} rows, ${milestoneCount} milestones`);
const milestoneMismatch = [];
const seen = new Map();
for (const row of milestoneRows) {
  const a = byId.get(row.action_id);
  const k = seen.get(row.action_id) ?? 0;
  seen.set(row.action_id, k + 1);
  const m = a?.milestones[k];
  if (!m || row.milestone !== guard(m.title) || row.target_date !== m.target_date || row.status !== m.status ||
      row.completed !== (m.completed ?? '') || row.overdue !== flag(m.overdue) || row.owner !== guard(m.owner) ||
      row.owners !== guard(m.owners.join('; ')))
    milestoneMismatch.push(`${row.action_id} #${k + 1}`);
}
check(milestoneMismatch.length === 0, 'milestones.csv: rows agree with portal.json', milestoneMismatch.slice(0, 5).join(', '));

const recRows = tables['data/recommendations.csv'] || [];
check(recRows.length === recommendations.length, 'recommendations.csv: one row per recommendation', `${recRows.length} rows, ${recommendations.length} recommendations`);
const recMismatch = recRows.filter((row) => {
  const r = byId.get(row.id);
  if (!r) return true;
  const complete = r.actions.filter((id) => byId.get(id)?.status === 'complete').length;
  return row.inspection_id !== r.inspection || row.kind !== r.kind || row.number !== (r.number === null ? '' : String(r.number)) ||
    row.title !== guard(r.title) || row.theme_ids !== r.themes.join(' ') || row.action_ids !== r.actions.join(' ') ||
    row.actions_total !== String(r.actions.length) || row.actions_complete !== String(complete) || row.url !== r.url;
});
check(recMismatch.length === 0, 'recommendations.csv: rows agree with portal.json', recMismatch.slice(0, 5).map((r) => r.id).join(', '));
check(recRows.every((r) => resolves(r.url)), 'recommendations.csv: every url is a page of the site');

// Decisions: the same, in the same order, as the updates' decisions in portal.json (updates
// newest first), each naming its update's page.
const decisionRows = tables['data/decisions.csv'] || [];
const updates = docs.filter((d) => d.type === 'update').sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
const expectedDecisions = updates.flatMap((u) => u.decisions.map((dec) => ({ u, dec })));
check(decisionRows.length === expectedDecisions.length, 'decisions.csv: one row per decision', `${decisionRows.length} rows, ${expectedDecisions.length} decisions`);
const decisionMismatch = decisionRows.filter((row, i) => {
  const e = expectedDecisions[i];
  return !e || row.update_id !== e.u.id || row.update_date !== (e.u.date ?? '') || row.meeting !== guard(e.u.meeting) ||
    row.decision !== guard(e.dec.text) || row.due !== (e.dec.due ?? '') || row.action_ids !== e.dec.actions.join(' ') ||
    row.paper_url !== guard(e.u.paper_url) || row.url !== e.u.url;
});
check(decisionMismatch.length === 0, 'decisions.csv: rows agree with portal.json', decisionMismatch.slice(0, 5).map((r) => r.update_id).join(', '));
const statementCount = updates.reduce((n, u) => n + u.statuses.filter((s) => s.statement !== null).length, 0);
check(statementCount > 0 || path.resolve(contentDir) !== path.join(repo, 'content'), 'portal.json: the sample\'s position statements are exported', `${statementCount}`);

// ---- the rest of the site ----

// The search index: one script per document (search/d/N.js), each naming a page of the site.
const searchDocs = fs.readdirSync(path.join(site, 'search/d')).filter((f) => f.endsWith('.js'));
check(searchDocs.length === docs.length, 'search/d: one file per document', `${searchDocs.length} files`);
const searchUrls = searchDocs.map((f) => {
  const m = /"u":"([^"]*)"/.exec(read(`search/d/${f}`));
  return m ? m[1] : '';
});
check(searchUrls.every(resolves), 'search/d: every document file names a page of the site');
check(!read('search/index.js').includes('</'), 'search/index.js: no "</" (safe inside HTML)');

const home = read('index.html');
for (const file of ['portal.json', 'actions.csv', 'milestones.csv', 'recommendations.csv', 'decisions.csv'])
  check(home.includes(`href="data/${file}"`), `home page links to data/${file}`);

// Deterministic: a second build gives the same bytes.
const again = build('again');
for (const file of ['data/portal.json', ...Object.keys(HEADERS), 'search/index.js', 'search/facets.js'])
  check(fs.readFileSync(path.join(site, file)).equals(fs.readFileSync(path.join(again, file))), `${file} is byte-identical across builds`);

console.log(`checked ${docs.length} documents, ${actionRows.length} actions, ${milestoneRows.length} milestones, ${recRows.length} recommendations (as at ${asAt})`);
finish();
