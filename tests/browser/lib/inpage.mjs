// Functions that run inside the page (page.evaluate). Each must be self-contained: Playwright sends
// its source text to the browser, so it cannot use anything from this module's scope.

// Links, asset references and ids of the page as the generator wrote it (read in the no-JS
// context, so scripts have changed nothing).
export function collectReferences() {
  const describe = (el) => {
    let s = el.localName;
    if (el.id) s += '#' + el.id;
    return s;
  };
  const refs = [];
  const add = (el, attr, value) => {
    if (value == null) return;
    value = value.trim();
    if (value === '') {
      if (attr === 'href' && (el.localName === 'a' || el.localName === 'area')) refs.push({ el: describe(el), attr, raw: '', url: document.baseURI });
      return;
    }
    let url;
    try { url = new URL(value, document.baseURI).href; } catch { url = null; }
    refs.push({ el: describe(el), attr, raw: value, url, rel: el.getAttribute('rel') || '' });
  };
  const srcset = (el, attr) => {
    const v = el.getAttribute(attr);
    if (!v) return;
    // Candidates are "url [descriptor]" separated by commas; URLs may not contain unescaped commas
    // followed by a space, which is what the generator will write.
    for (const part of v.split(/,\s+|,(?=\S*\s|$)/)) {
      const u = part.trim().split(/\s+/)[0];
      if (u) add(el, attr, u);
    }
  };
  const single = [
    ['a', 'href'], ['area', 'href'], ['link', 'href'], ['img', 'src'], ['source', 'src'],
    ['script', 'src'], ['iframe', 'src'], ['video', 'src'], ['video', 'poster'], ['audio', 'src'],
    ['track', 'src'], ['object', 'data'], ['embed', 'src'], ['input', 'src'], ['form', 'action'],
    ['blockquote', 'cite'], ['q', 'cite'], ['ins', 'cite'], ['del', 'cite'],
  ];
  for (const [tag, attr] of single) {
    for (const el of document.querySelectorAll(`${tag}[${attr}]`)) {
      if (tag === 'link' && /\b(preconnect|dns-prefetch)\b/i.test(el.rel)) continue;
      add(el, attr, el.getAttribute(attr));
    }
  }
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) srcset(el, 'srcset');
  for (const el of document.querySelectorAll('link[imagesrcset]')) srcset(el, 'imagesrcset');
  for (const el of document.querySelectorAll('use, image, feImage')) {
    add(el, 'href', el.getAttribute('href') ?? el.getAttributeNS('http://www.w3.org/1999/xlink', 'href'));
  }
  for (const el of document.querySelectorAll('meta[http-equiv="refresh" i]')) {
    const m = /url\s*=\s*['"]?([^'"]+)/i.exec(el.getAttribute('content') || '');
    if (m) add(el, 'content', m[1]);
  }
  const inlineCss = [];
  for (const el of document.querySelectorAll('style')) inlineCss.push(el.textContent);
  for (const el of document.querySelectorAll('[style]')) inlineCss.push(el.getAttribute('style'));
  const ids = [];
  for (const el of document.querySelectorAll('[id]')) ids.push(el.id);
  for (const el of document.querySelectorAll('a[name]')) ids.push(el.getAttribute('name'));
  return { refs, ids, inlineCss, baseURI: document.baseURI };
}

// Readable and navigable with scripts off.
export function noJsState() {
  const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
    el.getClientRects().length > 0;
  const main = document.querySelector('main');
  const mainText = main ? main.innerText.replace(/\s+/g, ' ').trim() : '';
  const navLinks = [...document.querySelectorAll('nav a[href]')];
  const visibleNavLinks = navLinks.filter(visible).length;
  const summaries = [...document.querySelectorAll('details > summary')]
    .filter((s) => s.parentElement.querySelector('nav a[href], a[href]') && visible(s)).length;
  const links = [...(main ?? document).querySelectorAll('a[href]')].filter(visible).map((a) => ({
    href: a.href, text: a.innerText.replace(/\s+/g, ' ').trim(),
  }));
  return {
    hasMain: !!main, mainCount: document.querySelectorAll('main').length,
    mainTextLength: mainText.length, mainStart: mainText.slice(0, 80),
    navCount: document.querySelectorAll('nav').length, navLinks: navLinks.length, visibleNavLinks,
    disclosureMenus: summaries, mainLinks: links,
  };
}

// Keyboard, step 1: list what should be reachable by Tab, in DOM order; record how each looks
// unfocused; start recording every focus change together with how the focused element looks.
export function keyboardPrepare() {
  const props = ['outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset', 'boxShadow', 'backgroundColor',
    'color', 'borderTopWidth', 'borderTopColor', 'borderBottomWidth', 'borderBottomColor', 'borderLeftWidth',
    'borderLeftColor', 'borderRightWidth', 'borderRightColor', 'textDecorationLine', 'textDecorationThickness',
    'textDecorationColor', 'backgroundImage'];
  const snapshot = (el) => {
    const cs = getComputedStyle(el);
    const o = {};
    for (const p of props) o[p] = cs[p];
    const r = el.getBoundingClientRect();
    o.rect = { w: r.width, h: r.height };
    return o;
  };
  const describe = (el) => {
    let s = el.localName;
    if (el.id) s += '#' + el.id;
    else if (el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
    const text = (el.innerText || el.getAttribute('aria-label') || el.value || el.getAttribute('href') || '')
      .replace(/\s+/g, ' ').trim();
    if (text) s += ` "${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"`;
    return s;
  };
  const isCandidate = (el) => {
    const tag = el.localName;
    const ti = el.getAttribute('tabindex');
    if (ti !== null && parseInt(ti, 10) < 0) return false;
    let natural = false;
    if ((tag === 'a' || tag === 'area') && el.hasAttribute('href')) natural = true;
    else if (tag === 'button' || tag === 'select' || tag === 'textarea' || tag === 'iframe') natural = true;
    else if (tag === 'input' && el.type !== 'hidden') natural = true;
    else if (tag === 'summary' && el.parentElement?.localName === 'details' &&
      el.parentElement.querySelector(':scope > summary') === el) natural = true;
    else if ((tag === 'audio' || tag === 'video') && el.hasAttribute('controls')) natural = true;
    else if (el.isContentEditable && el.getAttribute('contenteditable') !== null) natural = true;
    if (!natural && !(ti !== null && parseInt(ti, 10) >= 0)) return false;
    if (el.matches(':disabled')) return false;
    if (el.closest('[inert]')) return false;
    if (tag === 'area') return false; // image maps: not used by the generator, ordering is special
    if (!el.checkVisibility({ visibilityProperty: true }) || el.getClientRects().length === 0) return false;
    if (tag === 'input' && el.type === 'radio' && el.name) {
      const group = [...(el.form ?? document).querySelectorAll(`input[type=radio]`)].filter((r) => r.name === el.name);
      const checked = group.find((r) => r.checked);
      if (checked ? checked !== el : group[0] !== el) return false;
    }
    return true;
  };
  const all = [...document.querySelectorAll('*')];
  const candidates = all.filter(isCandidate);
  // Visible links and controls taken out of the Tab order with a negative tabindex.
  const removed = [...document.querySelectorAll('a[href][tabindex], button[tabindex], input[tabindex], select[tabindex], textarea[tabindex], summary[tabindex]')]
    .filter((el) => parseInt(el.getAttribute('tabindex'), 10) < 0 && !el.matches(':disabled') && !el.closest('[inert]') &&
      (el.localName !== 'input' || el.type !== 'hidden') &&
      el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0);
  const order = new Map(all.map((el, i) => [el, i]));
  const known = new Map(candidates.map((el, i) => [el, i]));
  const state = {
    candidates, all, order, known, snapshot, describe, removed,
    unfocused: candidates.map(snapshot),
    extra: [], // elements Chrome focused that are not in the list (e.g. keyboard-focusable scrollers)
    seq: [], // {idx, style, extra}
  };
  window.__bt = state;
  document.addEventListener('focusin', (e) => {
    const el = e.target;
    if (!(el instanceof Element)) return;
    let idx = known.get(el);
    let extra = false;
    if (idx === undefined) {
      extra = true;
      idx = state.extra.indexOf(el);
      if (idx < 0) { state.extra.push(el); idx = state.extra.length - 1; }
    }
    // Blur the focused element for a moment to see how it looks without focus when it was not in
    // the list we snapshotted up front (extra), else use the up-front snapshot.
    state.seq.push({ idx, extra, style: snapshot(el), activeIsBody: false });
  }, true);
  return { candidates: candidates.length, list: candidates.slice(0, 400).map(describe) };
}

export function keyboardProgress() {
  const s = window.__bt;
  const a = document.activeElement;
  const keys = s.seq.map((st) => (st.extra ? 'x' : 'c') + st.idx);
  return { steps: s.seq.length, wrapped: new Set(keys).size < keys.length, activeIsBody: !a || a === document.body || a === document.documentElement };
}

// Keyboard, step 2: compare what Tab reached with the list, and focused with unfocused looks.
export function keyboardResult() {
  const s = window.__bt;
  const px = (v) => parseFloat(v) || 0;
  const alpha = (c) => {
    if (!c || c === 'transparent') return 0;
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return 1;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean);
    return parts.length >= 4 ? parseFloat(parts[3]) : 1;
  };
  // What can be seen of each property: an outline of style none, zero width or transparent colour
  // is no outline, whatever its offset.
  const looks = (st) => {
    const o = {};
    o.outline = st.outlineStyle === 'none' || px(st.outlineWidth) === 0 || alpha(st.outlineColor) === 0 ? 'none'
      : `${st.outlineStyle} ${st.outlineWidth} ${st.outlineColor} offset ${st.outlineOffset}`;
    o['box-shadow'] = st.boxShadow;
    o.background = alpha(st.backgroundColor) === 0 ? 'transparent' : st.backgroundColor;
    o['background-image'] = st.backgroundImage;
    o.color = st.color;
    for (const side of ['Top', 'Bottom', 'Left', 'Right']) {
      o[`border-${side.toLowerCase()}`] = px(st[`border${side}Width`]) === 0 || alpha(st[`border${side}Color`]) === 0 ? 'none'
        : `${st[`border${side}Width`]} ${st[`border${side}Color`]}`;
    }
    o['text-decoration'] = st.textDecorationLine === 'none' ? 'none' : `${st.textDecorationLine} ${st.textDecorationThickness} ${st.textDecorationColor}`;
    return o;
  };
  const judge = (unStyle, foStyle) => {
    const un = looks(unStyle), fo = looks(foStyle);
    const changed = Object.keys(fo).filter((k) => fo[k] !== un[k]);
    if (foStyle.rect.w <= 1 || foStyle.rect.h <= 1) return { ok: false, why: `focused element is ${foStyle.rect.w}x${foStyle.rect.h}px (clipped or hidden)` };
    if (changed.length === 0) {
      return { ok: false, why: foStyle.outlineStyle === 'auto' || un.outline !== 'none'
        ? 'no visible change on focus (the same outline shows with and without focus)'
        : 'no visible change on focus (outline, box-shadow, background, border and colour all the same)' };
    }
    if (changed.includes('outline') && fo.outline !== 'none' && foStyle.outlineStyle !== 'auto' && px(foStyle.outlineWidth) >= 2) return { ok: true, how: `outline ${fo.outline}` };
    if (changed.includes('box-shadow') && fo['box-shadow'] !== 'none') return { ok: true, how: `box-shadow ${fo['box-shadow']}` };
    if (changed.includes('background') && fo.background !== 'transparent') return { ok: true, how: `background ${un.background} -> ${fo.background}` };
    if (changed.includes('background-image') && fo['background-image'] !== 'none') return { ok: true, how: 'background-image' };
    for (const side of ['top', 'bottom', 'left', 'right']) {
      if (changed.includes(`border-${side}`) && fo[`border-${side}`] !== 'none' && px(fo[`border-${side}`]) >= 2) return { ok: true, how: `border-${side} ${fo[`border-${side}`]}` };
    }
    if (changed.includes('outline') && foStyle.outlineStyle === 'auto') return { ok: false, why: "only the browser's default focus ring (outline-style: auto); the theme sets no focus style of its own" };
    if (changed.includes('outline') && fo.outline !== 'none') return { ok: false, why: `outline only ${foStyle.outlineWidth} wide (needs 2px or more)` };
    return { ok: false, why: `focus changes only ${changed.join(', ')} (needs an outline of 2px or more, a box-shadow, a background or a 2px border)` };
  };
  // Focus sequence until the first wrap-around (same element seen again).
  const seq = [];
  const seen = new Set();
  for (const step of s.seq) {
    const key = (step.extra ? 'x' : 'c') + step.idx;
    if (seen.has(key)) break;
    seen.add(key);
    seq.push(step);
  }
  const reached = seq.filter((st) => !st.extra).map((st) => st.idx);
  const missing = [];
  const reachedSet = new Set(reached);
  s.candidates.forEach((el, i) => { if (!reachedSet.has(i)) missing.push(s.describe(el)); });
  const outOfOrder = [];
  for (let i = 1; i < reached.length; i++) {
    if (reached[i] < reached[i - 1]) {
      outOfOrder.push(`${s.describe(s.candidates[reached[i]])} came after ${s.describe(s.candidates[reached[i - 1]])}`);
    }
  }
  const badFocus = [];
  for (const st of seq) {
    const el = st.extra ? s.extra[st.idx] : s.candidates[st.idx];
    let un;
    if (st.extra) {
      // Not snapshotted up front: look at it now, unfocused.
      if (document.activeElement === el) el.blur();
      un = s.snapshot(el);
    } else {
      un = s.unfocused[st.idx];
    }
    const v = judge(un, st.style);
    if (!v.ok) badFocus.push({ el: s.describe(el), why: v.why });
  }
  const first = seq[0] ? (seq[0].extra ? s.extra[seq[0].idx] : s.candidates[seq[0].idx]) : null;
  let skip = null;
  if (first) {
    const href = first.getAttribute('href') || '';
    skip = {
      el: s.describe(first), isInPageLink: first.localName === 'a' && href.startsWith('#') && href.length > 1,
      href, text: (first.innerText || '').replace(/\s+/g, ' ').trim(),
    };
  }
  return {
    removed: s.removed.map(s.describe),
    candidates: s.candidates.length, reached: reached.length, extras: seq.filter((st) => st.extra).map((st) => s.describe(s.extra[st.idx])),
    missing, outOfOrder, badFocus, skip,
  };
}

// Keyboard, step 3: put focus on the first tab stop (the skip link) so Enter can activate it.
export function focusFirstTabStop() {
  const s = window.__bt;
  const first = s.seq[0] ? (s.seq[0].extra ? s.extra[s.seq[0].idx] : s.candidates[s.seq[0].idx]) : null;
  if (!first) return false;
  first.focus();
  return document.activeElement === first;
}

export function skipLinkOutcome(href) {
  let id = href.slice(1);
  try { id = decodeURIComponent(id); } catch { /* keep raw */ }
  const target = document.getElementById(id);
  const main = document.querySelector('main');
  const a = document.activeElement;
  const describe = (el) => el ? el.localName + (el.id ? '#' + el.id : '') : 'nothing';
  return {
    targetExists: !!target, target: describe(target), hasMain: !!main,
    targetInMain: !!(target && main && (target === main || main.contains(target))),
    focusOnTarget: !!target && a === target,
    active: describe(a), targetTabindex: target?.getAttribute('tabindex') ?? null,
  };
}

// Reflow: horizontal page scroll, elements that stick out, wide tables outside a scroll container,
// and clipped text. `opts.checkScroll` false skips the page-scroll part (200% text at 1280).
export function reflowState(opts) {
  const de = document.documentElement;
  const vw = de.clientWidth;
  const describe = (el) => {
    let s = el.localName;
    if (el.id) s += '#' + el.id;
    else if (el.classList.length) s += '.' + [...el.classList].slice(0, 2).join('.');
    const path = [];
    let p = el.parentElement;
    while (p && p !== document.body && path.length < 3) {
      path.unshift(p.localName + (p.id ? '#' + p.id : p.classList.length ? '.' + p.classList[0] : ''));
      p = p.parentElement;
    }
    const text = (el.innerText || '').replace(/\s+/g, ' ').trim();
    return (path.length ? path.join(' > ') + ' > ' : '') + s + (text ? ` "${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"` : '');
  };
  const clipsX = (el) => {
    const o = getComputedStyle(el).overflowX;
    return o !== 'visible';
  };
  const inClippingAncestor = (el) => {
    for (let p = el.parentElement; p && p !== document.body && p !== de; p = p.parentElement) {
      if (clipsX(p)) return true;
    }
    return false;
  };
  const all = [...document.body.querySelectorAll('*')];
  const result = { vw, scrollWidth: de.scrollWidth, offenders: [], wideTables: [], clipped: [] };
  if (opts.checkScroll) {
    const off = [];
    for (const el of all) {
      if (el.getClientRects().length === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.position === 'fixed' && cs.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      let right = r.right;
      if (cs.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1) right = Math.max(right, r.left + el.scrollWidth);
      if (right > vw + 1 && r.width > 0 && !inClippingAncestor(el)) {
        // Skip screen-reader-only text (1px boxes, clipped).
        if (r.width <= 1 || r.height <= 1 || (cs.clip !== 'auto' && cs.position === 'absolute')) continue;
        off.push({ el, right: Math.round(right) });
      }
    }
    // Report the innermost elements that stick out.
    const innermost = off.filter((o) => !off.some((p) => p !== o && o.el.contains(p.el)));
    result.offenders = innermost.slice(0, 6).map((o) => `${describe(o.el)} reaches ${o.right}px`);
    result.offenderCount = innermost.length;
    for (const t of document.querySelectorAll('table')) {
      const r = t.getBoundingClientRect();
      if (r.right > vw + 1 && !inClippingAncestor(t)) result.wideTables.push(`${describe(t)} is ${Math.round(r.width)}px wide`);
    }
  }
  // Clipped text: an element that hides its overflow, overflows, and has text outside its box.
  for (const el of [document.body, ...all]) {
    const cs = getComputedStyle(el);
    const hx = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
    const hy = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
    if (!hx && !hy) continue;
    const over = (hx && el.scrollWidth > el.clientWidth + 1) || (hy && el.scrollHeight > el.clientHeight + 1);
    if (!over) continue;
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue; // visually hidden text for screen readers
    if (cs.clip !== 'auto' && (cs.position === 'absolute' || cs.position === 'fixed')) continue;
    const box = { left: r.left + el.clientLeft, top: r.top + el.clientTop };
    box.right = box.left + el.clientWidth;
    box.bottom = box.top + el.clientHeight;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let lost = null;
    const range = document.createRange();
    for (let n = walker.nextNode(); n && !lost; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      const pe = n.parentElement;
      if (!pe || !pe.checkVisibility({ visibilityProperty: true })) continue;
      range.selectNodeContents(n);
      for (const q of range.getClientRects()) {
        if (q.width === 0 || q.height === 0) continue;
        if ((hx && (q.right > box.right + 1 || q.left < box.left - 1)) || (hy && (q.bottom > box.bottom + 1 || q.top < box.top - 1))) {
          lost = n.data.replace(/\s+/g, ' ').trim().slice(0, 40);
          break;
        }
      }
    }
    if (lost !== null) {
      result.clipped.push(`${describe(el)} (overflow ${cs.overflowX}/${cs.overflowY}, ${el.clientWidth}x${el.clientHeight} shows ${el.scrollWidth}x${el.scrollHeight}) clips "${lost}"`);
      if (result.clipped.length >= 6) break;
    }
  }
  return result;
}

// Print: before switching media, note which text in <main> is shown on screen.
export function printBefore() {
  const main = document.querySelector('main');
  const nodes = [];
  if (main) {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      const pe = n.parentElement;
      // Controls and in-page navigation may reasonably be left off paper.
      if (pe.closest('nav, button, form, select, [role=search], [role=navigation], script, style, template')) continue;
      if (!pe.checkVisibility({ visibilityProperty: true })) continue;
      range.selectNodeContents(n);
      if (range.getClientRects().length === 0) continue;
      nodes.push(n);
    }
  }
  window.__btPrint = nodes;
  return { mainText: main ? main.innerText.replace(/\s+/g, ' ').trim().length : 0 };
}

export function printAfter() {
  const gone = (el) => el.getClientRects().length === 0;
  const describe = (el) => el.localName + (el.id ? '#' + el.id : el.classList.length ? '.' + [...el.classList].slice(0, 2).join('.') : '') +
    (el.getAttribute('aria-label') ? `[aria-label="${el.getAttribute('aria-label')}"]` : '');
  const shown = [];
  const checked = new Set();
  const need = (el, what) => {
    if (checked.has(el)) return;
    checked.add(el);
    if (!gone(el)) shown.push(`${what} ${describe(el)} is still displayed`);
  };
  const crumbs = [...document.querySelectorAll('nav[aria-label*="breadcrumb" i], [aria-label*="breadcrumb" i], .breadcrumbs, .breadcrumb, [class*="breadcrumb" i]')]
    .filter((el, _, arr) => !arr.some((o) => o !== el && o.contains(el)));
  for (const el of crumbs) need(el, 'breadcrumbs');
  for (const el of document.querySelectorAll('header nav, [role=banner] nav, header [role=navigation]')) need(el, 'header navigation');
  for (const el of document.querySelectorAll('footer nav, [role=contentinfo] nav, footer [role=navigation]')) need(el, 'footer navigation');
  const skip = [...document.querySelectorAll('a[href^="#"]')].find((a) =>
    /skip|jump to|main content/i.test(a.textContent) || /skip/i.test(a.className));
  if (skip) need(skip, 'skip link');
  const main = document.querySelector('main');
  const problems = [...shown];
  if (!main) problems.push('page has no <main>');
  else if (gone(main)) problems.push('<main> is not displayed in print');
  const lost = [];
  const range = document.createRange();
  for (const n of window.__btPrint || []) {
    range.selectNodeContents(n);
    const pe = n.parentElement;
    if (range.getClientRects().length === 0 || !pe.checkVisibility({ visibilityProperty: true })) lost.push(n.data.replace(/\s+/g, ' ').trim().slice(0, 50));
  }
  if (lost.length) problems.push(`${lost.length} piece(s) of main content hidden in print, e.g. ${lost.slice(0, 3).map((t) => `"${t}"`).join(', ')}`);
  return { problems, checkedNav: checked.size, foundSkip: !!skip };
}

// Phones (at 320px): chart text size and overflow, chart colour contrast, and stacked table rows.
// Chart text is measured through the SVG's scale (getScreenCTM), as a reader sees it; segment
// fills are compared with the background behind the chart; in a stacked table, every cell labelled
// as a status, a target date or how late must lie inside the viewport with nothing to scroll.
export function phoneState() {
  const vw = document.documentElement.clientWidth;
  const rgb = (s) => {
    const m = String(s).match(/rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?/);
    if (!m) return null;
    const alpha = m[4] === undefined ? 1 : (m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]));
    return { c: [+m[1], +m[2], +m[3]], alpha };
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.alpha > 0) return c.c;
    }
    return [255, 255, 255];
  };
  const name = (svg) => svg.id || svg.getAttribute('aria-labelledby') || 'svg.chart';
  const charts = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    const small = [], outside = [], faint = [];
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const m = t.getScreenCTM();
      const scale = m ? Math.hypot(m.a, m.b) : 1;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 12 - 0.01) small.push(`"${t.textContent.trim()}" at ${px.toFixed(1)}px`);
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
        outside.push(`"${t.textContent.trim()}" (${Math.round(r.left - box.left)} to ${Math.round(r.right - box.left)} in a box ${Math.round(box.width)} wide)`);
      }
    }
    const bg = background(svg);
    const seen = new Set();
    for (const seg of svg.querySelectorAll('.chart__seg')) {
      const fill = rgb(getComputedStyle(seg).fill);
      const key = [...seg.classList].find((c) => c.startsWith('chart__seg--')) || 'chart__seg';
      if (!fill || seen.has(key)) continue;
      seen.add(key);
      const ratio = contrast(fill.c, bg);
      if (ratio < 3) faint.push(`${key} rgb(${fill.c.join(',')}) at ${ratio.toFixed(2)}:1`);
    }
    charts.push({ name: name(svg), small, outside, faint });
  }
  const hidden = [];
  for (const table of document.querySelectorAll('table.table--stack')) {
    const label = table.querySelector('caption')?.textContent.trim() || 'table.table--stack';
    const scroller = table.closest('.table-scroll');
    if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) hidden.push(`${label}: its scroll box scrolls (${scroller.scrollWidth}px in ${scroller.clientWidth}px)`);
    let row = 0;
    for (const tr of table.querySelectorAll('tbody tr')) {
      row++;
      for (const td of tr.querySelectorAll('td[data-label]')) {
        if (!/^(Status|Target date|Days overdue)$/.test(td.dataset.label)) continue;
        const r = td.getBoundingClientRect();
        let right = r.right;
        for (const child of td.querySelectorAll('*')) right = Math.max(right, child.getBoundingClientRect().right);
        if (r.width === 0 || r.height === 0 || r.left < -0.5 || right > vw + 0.5) {
          hidden.push(`${label}: row ${row}, ${td.dataset.label} at ${Math.round(r.left)} to ${Math.round(right)}px in a ${vw}px viewport`);
        }
      }
    }
  }
  return { charts, hidden };
}
