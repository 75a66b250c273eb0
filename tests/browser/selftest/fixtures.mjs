// Two small hand-made sites the self-test writes into a temporary directory:
//  - good: pages shaped like the portal's (skip link, header nav, breadcrumbs, main, a table in a
//    scroll container, a search page falling back to an A to Z page, a print stylesheet, a 404 page)
//    that must pass every check;
//  - broken: the same pages each with one deliberate fault, which the named check must catch.
import fs from 'node:fs';
import path from 'node:path';

const CSS = `html { font-size: 100%; }
/* As the portal's stylesheet does: a long word (a heading like "Recommendation 1" at 320px in a
   wide font) wraps instead of making the page scroll sideways. */
body { margin: 0; font-family: sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; overflow-wrap: break-word; }
header, main, footer { display: block; max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.skip-link { position: absolute; left: 0.5rem; top: -10rem; padding: 0.5rem; background: #fff; }
.skip-link:focus { top: 0.5rem; }
a { color: #0b4ea2; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, [tabindex="0"]:focus-visible {
  outline: 3px solid #1b1b1b; outline-offset: 2px; background-color: #ffdd00; color: #1b1b1b;
}
main:focus { outline: none; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
nav a { display: inline-block; padding: 0.25rem 0; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid #555; padding: 0.25rem 0.5rem; text-align: left; }
img { max-width: 100%; height: auto; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
input[type="search"] { font-size: 1rem; max-width: 100%; }
@media print {
  header nav, .breadcrumbs, .skip-link, footer nav, .search-form { display: none; }
}
`;

// Stylesheet with no print rules and a weak focus style, used by broken pages.
const CSS_NO_PRINT = CSS.replace(/@media print \{[\s\S]*$/, '');
const CSS_WEAK_FOCUS = CSS.replace(/a:focus-visible, button[\s\S]*?\n\}\n/, 'a:focus { outline: 1px dotted #1b1b1b; }\n');

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="120" height="40" fill="#0b4ea2"/></svg>\n`;

function page(o) {
  const up = '../'.repeat(o.depth ?? 0);
  const css = o.css ?? `${up}assets/site.css`;
  const crumbs = o.crumbs === false ? '' : `
<nav class="breadcrumbs" aria-label="Breadcrumb">
<ol><li><a href="${up}index.html">Home</a></li><li>${o.title}</li></ol>
</nav>`;
  const skip = o.skip === false ? '' : `<a class="skip-link" href="#${o.skipTarget ?? 'main'}">Skip to main content</a>\n`;
  const mainAttrs = o.mainAttrs ?? 'id="main" tabindex="-1"';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} - Test portal</title>
<link rel="stylesheet" href="${css}">${o.head ?? ''}
</head>
<body>
${skip}<header>
<p><a href="${up}index.html">Test portal</a></p>
<nav aria-label="Main">
<ul><li><a href="${up}recommendations/r1/index.html">Recommendations</a></li><li><a href="${up}actions/a1/index.html">Actions</a></li><li><a href="${up}search/index.html">Search</a></li></ul>
</nav>${crumbs}
</header>
<main ${mainAttrs}>
<h1>${o.title}</h1>
${o.body}
</main>
<footer>
<nav aria-label="Footer">
<ul><li><a href="${up}a-z/index.html">A to Z</a></li><li><a href="${up}index.html#top">Back to top</a></li></ul>
</nav>
</footer>${o.tail ?? ''}
</body>
</html>
`;
}

const TABLE_ROWS = Array.from({ length: 4 }, (_, i) =>
  `<tr><td>A1.${i + 1}</td><td>Director of Children's Social Care</td><td>2017-03-31</td><td>On track</td><td>Quarterly audit of decisions to take no further action on contacts</td></tr>`).join('\n');
const TABLE = (wrap) => {
  const t = `<table>
<caption id="cap-actions">Actions for recommendation 1</caption>
<thead><tr><th scope="col">Number</th><th scope="col">Owner</th><th scope="col">Target date</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
<tbody>
${TABLE_ROWS}
</tbody>
</table>`;
  return wrap ? `<section class="table-scroll" aria-labelledby="cap-actions" tabindex="0">\n${t}\n</section>` : t;
};
const WIDE_CSS = 'table { min-width: 40rem; }\n';

const GOOD = {
  'index.html': page({
    title: 'Home', depth: 0, crumbs: false,
    body: `<p>The council's response to its <a href="recommendations/r1/index.html">inspection recommendations</a>.</p>
<p><img src="assets/logo.svg" srcset="assets/logo.svg 1x, assets/logo-2x.svg 2x" alt="Council logo" width="120" height="40"></p>
<p>See <a href="actions/a1/index.html#progress">progress on action A1</a>.</p>`,
  }),
  'recommendations/r1/index.html': page({
    title: 'Recommendation 1', depth: 2,
    body: `<p>Improve the quality of management oversight.</p>
<p>Actions: <a href="../../actions/a1/index.html">A1</a>.</p>`,
  }),
  'actions/a1/index.html': page({
    title: 'Action A1', depth: 2, head: `\n<style>${WIDE_CSS}</style>`,
    body: `<p>Audit decisions to take no further action on contacts.</p>
${TABLE(true)}
<h2 id="progress">Progress</h2>
<details><summary>Earlier updates</summary><p>Work started in January.</p></details>
<p><a href="#progress">Link to this section</a></p>`,
  }),
  'search/index.html': page({
    title: 'Search', depth: 1,
    body: `<form class="search-form" action="index.html" role="search">
<label for="q">Search the plan</label>
<input id="q" name="q" type="search">
<button type="submit">Search</button>
</form>
<p>Or browse the <a href="../a-z/index.html">A to Z index</a>.</p>`,
    tail: '\n<script src="../assets/search.js"></script>',
  }),
  'a-z/index.html': page({
    title: 'A to Z', depth: 1,
    body: '<ul><li><a href="../actions/a1/index.html">Action A1</a></li><li><a href="../recommendations/r1/index.html">Recommendation 1</a></li></ul>',
  }),
  '404.html': page({
    title: 'Page not found', css: '/assets/site.css', crumbs: false,
    body: '<p>There is no page at this address. Go to the <a href="/index.html">home page</a>.</p>',
  }).replaceAll('href="index.html', 'href="/index.html').replaceAll('href="recommendations', 'href="/recommendations')
    .replaceAll('href="actions', 'href="/actions').replaceAll('href="search', 'href="/search').replaceAll('href="a-z', 'href="/a-z'),
  'assets/site.css': CSS,
  'assets/no-print.css': CSS_NO_PRINT,
  'assets/weak-focus.css': CSS_WEAK_FOCUS,
  'assets/logo.svg': SVG,
  'assets/logo-2x.svg': SVG,
  'assets/search.js': "document.documentElement.classList.add('js');\n",
};

// Each broken page: [path, html, [[check, pattern the failure must match], ...]].
const BROKEN = [
  ['missing-alt.html', page({ title: 'Missing alt', body: '<p><img src="assets/logo.svg" width="120" height="40"></p>' }),
    [['axe', /^image-alt /], ['html', /^wcag\/h37/]]],
  ['low-contrast.html', page({ title: 'Low contrast', head: '\n<style>.pale { color: #bbb; }</style>', body: '<p class="pale">Hard to read.</p>' }),
    [['axe', /^color-contrast /]]],
  ['broken-link.html', page({ title: 'Broken link', body: '<p><a href="no-such-page.html">Missing page</a></p>' }),
    [['links', /"no-such-page\.html" not found/]]],
  ['broken-fragment.html', page({ title: 'Broken fragment', body: '<p><a href="actions/a1/index.html#no-such-id">Missing section</a> and <a href="#nowhere">here</a></p>' }),
    [['links', /fragment #no-such-id not found in actions\/a1\/index\.html/], ['links', /fragment #nowhere not found in the same page/]]],
  ['broken-asset.html', page({ title: 'Broken asset', css: 'assets/missing.css', body: '<p><img src="assets/logo.svg" srcset="assets/logo.svg 1x, assets/missing-2x.svg 2x" alt="Logo" width="120" height="40"></p>' }),
    [['links', /<link href>: "assets\/missing\.css" not found/], ['links', /<img srcset>: "assets\/missing-2x\.svg" not found/]]],
  ['escapes-root.html', page({ title: 'Escapes root', body: '<p><a href="../index.html">Up too far</a></p>' }),
    [['links', /climbs above the site root/]]],
  ['invalid-html.html', page({ title: 'Invalid HTML', body: '<p id="dup">One</p><p id="dup">Two</p><div><span><div>Block in inline</div></span></div>' }),
    [['html', /^no-dup-id/], ['html', /^element-permitted-content/]]],
  ['no-skip-link.html', page({ title: 'No skip link', skip: false, body: '<p>No way to skip the navigation.</p>' }),
    [['keyboard', /first Tab reaches a, not a skip link/]]],
  ['skip-not-focusable.html', page({ title: 'Skip target not focusable', mainAttrs: 'id="main"', body: '<p>The skip link moves the view but not focus.</p>' }),
    [['keyboard', /activating the skip link leaves focus on (body|a\.skip-link).*no tabindex="-1"/]]],
  ['skip-outside-main.html', page({ title: 'Skip target outside main', skipTarget: 'elsewhere', body: '<p>Text.</p>', tail: '\n<div id="elsewhere" tabindex="-1">Not main</div>' }),
    [['keyboard', /skip link target div#elsewhere is not <main>/]]],
  ['weak-focus.html', page({ title: 'Weak focus', css: 'assets/weak-focus.css', body: '<p><a href="index.html">Home</a></p>' }),
    [['keyboard', /no visible focus indicator on .*outline only 1px wide/]]],
  ['no-focus-style.html', page({ title: 'No focus style', head: '\n<style>.bare:focus, .bare:focus-visible { outline: none; background: none; color: #0b4ea2; }</style>', body: '<p><a class="bare" href="index.html">Home</a></p>' }),
    [['keyboard', /no visible focus indicator on a\.bare.*no visible change on focus/]]],
  ['tab-order.html', page({ title: 'Tab order', body: '<p><a href="index.html">First</a> <a href="index.html" tabindex="1">Jumps the queue</a></p>' }),
    [['keyboard', /Tab order differs from DOM order|first Tab reaches a "Jumps the queue"/]]],
  ['tabindex-minus.html', page({ title: 'Link out of Tab order', body: '<p><a href="index.html" tabindex="-1">Unreachable</a></p>' }),
    [['keyboard', /1 visible link\(s\) or control\(s\) taken out of the Tab order.*Unreachable/]]],
  ['overflow.html', page({ title: 'Overflow', head: '\n<style>.wide { width: 600px; background: #eee; }</style>', body: '<div class="wide">A fixed 600px box.</div>' }),
    [['reflow', /320px: page scrolls sideways.*div\.wide/]]],
  ['bare-table.html', page({ title: 'Bare table', head: `\n<style>${WIDE_CSS}</style>`, body: TABLE(false) }),
    [['reflow', /320px: .*table.* not inside a scroll container/]]],
  ['clipped.html', page({ title: 'Clipped', head: '\n<style>.box { width: 250px; height: 30px; overflow: hidden; font-size: 1rem; }</style>', body: '<p class="box">Short text fits at 100%</p>' }),
    [['reflow', /200% text at 1280px: text clipped: .*p\.box/]]],
  // A chart drawn 640 units wide (text shrinks to under 7px at 320px), a label past its edge, a
  // pale segment, and a table marked to stack that the stylesheet never stacks.
  ['phones.html', page({
    title: 'Phones', head: `\n<style>${WIDE_CSS}.chart { width: 100%; height: auto; } .chart text { font-size: 15px; } .chart__seg--not-started { fill: #b1b4b6; }</style>`,
    body: `<svg class="chart" viewBox="0 0 640 120" role="img" aria-label="Actions by status"><rect x="0" y="40" width="300" height="24" class="chart__seg chart__seg--not-started"/><text x="0" y="20">Theme one</text><text x="600" y="100">Past the edge</text></svg>
${TABLE(true).replace('<table>', '<table class="table--stack">').replaceAll('<td>2017-03-31</td><td>On track</td>', '<td data-label="Target date">2017-03-31</td><td data-label="Status">On track</td>')}`,
  }),
    [['phones', /chart text smaller than 12px|text "Theme one" at [0-9.]+px/], ['phones', /text "Past the edge" \(/], ['phones', /chart__seg--not-started rgb\(177,180,182\) at 2\.08:1/],
      ['phones', /Actions for recommendation 1: its scroll box scrolls/], ['phones', /row 1, Status at/]]],
  // The answer a page promises in its first screen, pushed below it.
  ['first-screen.html', page({ title: 'First screen', head: '\n<style>.tall { height: 900px; }</style>', body: '<div class="tall">A tall box.</div>\n<p data-first-screen>Where it stands</p>' }),
    [['firstscreen', /375x667: "Where it stands" ends at [0-9]+px, below the first screen/]]],
  ['print-nav.html', page({ title: 'Print shows nav', css: 'assets/no-print.css', body: '<p>Content.</p>' }),
    [['print', /header navigation nav\[aria-label="Main"\] is still displayed/], ['print', /breadcrumbs nav\.breadcrumbs/], ['print', /skip link a\.skip-link/], ['print', /footer navigation/]]],
  ['print-hides-main.html', page({ title: 'Print hides content', head: '\n<style>@media print { .screen-only { display: none; } }</style>', body: '<p class="screen-only">Only on screen.</p>' }),
    [['print', /main content hidden in print.*Only on screen/]]],
  ['nojs-empty.html', page({ title: 'Needs JS', mainAttrs: 'id="main" tabindex="-1" class="hidden-until-js"', head: '\n<style>.hidden-until-js { visibility: hidden; } .js .hidden-until-js { visibility: visible; }</style>', body: '<p>Shown by script.</p>', tail: '\n<script src="assets/search.js"></script>' }),
    [['nojs', /<main> has no visible text without JavaScript/]]],
  ['search/index.html', page({ title: 'Search', depth: 1, body: '<form action="index.html" role="search"><label for="q">Search</label> <input id="q" type="search" name="q"> <button type="submit">Search</button></form>' }),
    [['nojs', /search page without JavaScript has no .*link to the A to Z index/]]],
  // Its stylesheet is root-relative, so it claims to work at any depth, but its links do not.
  ['404.html', page({ title: 'Page not found', css: '/assets/site.css', crumbs: false, body: '<p>Go to the <a href="index.html">home page</a>.</p>' }),
    [['links', /404\.html: \d+ link\(s\) and asset\(s\) break when it is served for a missing address/, '404.html (served for a missing address)']]],
  ['script-error.html', page({ title: 'Script error', body: '<p>Text.</p>', tail: '\n<script src="assets/throws.js"></script>' }),
    [['errors', /uncaught script error: .*deliberate/]]],
];

export function writeFixtures(dir) {
  const good = path.join(dir, 'good');
  const broken = path.join(dir, 'broken');
  const write = (root, rel, text) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  for (const [rel, text] of Object.entries(GOOD)) write(good, rel, text);
  // The broken site has the good site's targets (so only the deliberate faults fail) plus the faults.
  for (const [rel, text] of Object.entries(GOOD)) write(broken, rel, text);
  write(broken, 'assets/throws.js', "throw new Error('deliberate failure for the self-test');\n");
  const expectations = [];
  for (const [rel, html, expect] of BROKEN) {
    write(broken, rel, html);
    for (const [check, pattern, page] of expect) expectations.push({ page: page ?? rel, check, pattern });
  }
  return { good, broken, goodPages: Object.keys(GOOD).filter((p) => p.endsWith('.html')), brokenPages: BROKEN.map((b) => b[0]), expectations };
}
