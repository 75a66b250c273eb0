// Search for scrutiny sites: progressive enhancement of the search page's GET form.
// Without this script the form does nothing useful and the page points to the A to Z index;
// with it, the form searches data/search-index.json (written by the build) in the browser.
// No framework, no build step, nothing sent anywhere: the whole index is fetched once.
(function () {
  'use strict';

  var MAX_RESULTS = 50;
  var SNIPPET_CHARS = 180;
  var TITLE_WEIGHT = 10;

  var form = document.querySelector('form[data-search-index]');
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!form || !input || !status || !list || !window.fetch) return;

  var root = form.getAttribute('data-search-root') || '';
  var indexUrl = form.getAttribute('data-search-index');
  var index = null;     // {types, docs: [{url, title, type, text, foldedTitle, foldedText}]}
  var loading = null;   // the pending fetch, so a quick second search waits for the same one

  // Lower case without accents, one UTF-16 unit out for each in, so a match's position in the
  // folded text is its position in the original (needed to cut snippets). Letters that Unicode
  // does not decompose into a base letter and a mark are listed.
  var foldCache = { 'ł': 'l', 'Ł': 'l', 'đ': 'd', 'Đ': 'd', 'ð': 'd', 'Ð': 'd', 'ø': 'o', 'Ø': 'o',
                    'ħ': 'h', 'Ħ': 'h', 'ı': 'i', 'ß': 's', 'æ': 'a', 'Æ': 'a', 'œ': 'o', 'Œ': 'o' };
  function foldChar(ch) {
    var f = foldCache[ch];
    if (f === undefined) {
      var code = ch.charCodeAt(0);
      f = code >= 0xd800 && code <= 0xdfff ? ch : (ch.normalize ? ch.normalize('NFD') : ch).charAt(0).toLowerCase().charAt(0) || ch;
      foldCache[ch] = f;
    }
    return f;
  }
  function fold(text) {
    // Regular expressions rather than a loop: ten times faster on a large index.
    var out = text.replace(/[^\x00-\x7f]/g, foldChar);
    var lower = out.toLowerCase();
    if (lower.length === out.length) return lower;
    return out.replace(/[A-Z]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 32); });
  }

  function wordsOf(query) {
    return fold(query).split(/[\s,.;:!?"'()[\]{}<>\/\\|*+=&^%$#@~`]+/).filter(function (w) {
      return w.length > 0;
    });
  }

  function load() {
    if (loading) return loading;
    loading = fetch(indexUrl, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (data) {
        var f = data.fields || ['url', 'title', 'type', 'text'];
        var at = { url: f.indexOf('url'), title: f.indexOf('title'), type: f.indexOf('type'), text: f.indexOf('text') };
        index = {
          types: data.types || {},
          docs: (data.documents || []).map(function (row) {
            var title = String(row[at.title] || '');
            var text = String(row[at.text] || '');
            return { url: String(row[at.url] || ''), title: title, type: String(row[at.type] || ''),
                     text: text, foldedTitle: fold(title), foldedText: fold(text) };
          })
        };
        return index;
      });
    return loading;
  }

  function countOf(haystack, word) {
    var n = 0;
    for (var at = haystack.indexOf(word); at !== -1; at = haystack.indexOf(word, at + word.length)) n++;
    return n;
  }

  // Every word must appear in the title or the text. Title matches weigh more, and a word that
  // starts the title or a word in it more still.
  function search(words) {
    var hits = [];
    index.docs.forEach(function (doc, order) {
      var score = 0;
      for (var k = 0; k < words.length; k++) {
        var w = words[k];
        var inTitle = countOf(doc.foldedTitle, w);
        var inText = countOf(doc.foldedText, w);
        if (!inTitle && !inText) return;
        score += TITLE_WEIGHT * Math.min(inTitle, 3) + Math.min(inText, 5);
        if (doc.foldedTitle.indexOf(w) === 0 || doc.foldedTitle.indexOf(' ' + w) !== -1) score += TITLE_WEIGHT / 2;
      }
      hits.push({ doc: doc, score: score, order: order });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits;
  }

  // Appends text to el with every occurrence of the words wrapped in <mark>, built as DOM
  // nodes so nothing in the index is ever parsed as HTML.
  function appendMarked(el, text, words) {
    var folded = fold(text);
    var pos = 0;
    while (pos < text.length) {
      var next = -1, len = 0;
      for (var k = 0; k < words.length; k++) {
        var at = folded.indexOf(words[k], pos);
        if (at !== -1 && (next === -1 || at < next || (at === next && words[k].length > len))) {
          next = at;
          len = words[k].length;
        }
      }
      if (next === -1) break;
      if (next > pos) el.appendChild(document.createTextNode(text.slice(pos, next)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(next, next + len);
      el.appendChild(mark);
      pos = next + len;
    }
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  // About SNIPPET_CHARS of text around the first match, cut at spaces.
  function snippet(doc, words) {
    var text = doc.text;
    if (!text) return '';
    var first = -1;
    words.forEach(function (w) {
      var at = doc.foldedText.indexOf(w);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    });
    var start = first > SNIPPET_CHARS / 3 ? first - Math.floor(SNIPPET_CHARS / 3) : 0;
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space !== -1 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > start) end = back;
    }
    return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function show(query) {
    var words = wordsOf(query);
    list.textContent = '';
    if (!words.length) {
      status.textContent = query.trim() ? 'Type a word to search for.' : '';
      return;
    }
    var hits = search(words);
    var shown = hits.slice(0, MAX_RESULTS);
    shown.forEach(function (hit) {
      var li = document.createElement('li');
      li.className = 'search-results__item';
      var a = document.createElement('a');
      a.href = root + hit.doc.url;
      appendMarked(a, hit.doc.title, words);
      li.appendChild(a);
      var meta = document.createElement('span');
      meta.className = 'item-list__meta';
      meta.textContent = index.types[hit.doc.type] || hit.doc.type;
      li.appendChild(document.createTextNode(' '));
      li.appendChild(meta);
      var text = snippet(hit.doc, words);
      if (text) {
        var p = document.createElement('p');
        p.className = 'search-results__snippet';
        appendMarked(p, text, words);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    var quoted = '“' + query.trim() + '”';
    if (!hits.length) status.textContent = 'No documents match ' + quoted + '. Try fewer or shorter words, or browse the A to Z index.';
    else if (hits.length > shown.length) status.textContent = plural(hits.length, 'document matches', 'documents match') + ' ' + quoted + '. Showing the best ' + shown.length + '.';
    else status.textContent = plural(hits.length, 'document matches', 'documents match') + ' ' + quoted + '.';
  }

  function run(query) {
    if (!wordsOf(query).length) return show(query);
    status.textContent = 'Searching…';
    load().then(function () { show(query); }, function () {
      list.textContent = '';
      status.textContent = 'Search is not available here (the search index could not be loaded; browsers do not let pages opened from disk load it). Browse the A to Z index instead.';
      loading = null;
    });
  }

  function queryFromUrl() {
    var match = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (!match) return '';
    try { return decodeURIComponent(match[1].replace(/\+/g, ' ')); } catch (e) { return ''; }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var query = input.value;
    // Keep ?q= in the address, as the plain form would, so a search can be bookmarked,
    // shared and returned to with the Back button.
    var url = window.location.pathname + (query.trim() ? '?q=' + encodeURIComponent(query).replace(/%20/g, '+') : '');
    if (url !== window.location.pathname + window.location.search) {
      try { history.pushState(null, '', url); } catch (e) { /* some browsers refuse it for files */ }
    }
    run(query);
  });

  window.addEventListener('popstate', function () {
    input.value = queryFromUrl();
    run(input.value);
  });

  var initial = queryFromUrl();
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
