// Search for scrutiny sites: progressive enhancement of the search page's GET form.
// Without this script the page points to the A to Z index and the list pages; with it, the
// form searches the full-text index the build writes under search/ (src/render/search_index.h).
// The index is split into small script files, each calling scrutinySearch.add(name, data); a
// query loads the manifest, the one shard per word it needs, and the text of the results shown.
// Scripts, not fetch(), so a site opened from disk searches too. Nothing is sent anywhere.
(function () {
  'use strict';

  var PAGE = 10;             // results shown at once, each loading its document's text
  var EXCERPT_CHARS = 180;
  var MIN_PREFIX = 3;        // the last word matches as a prefix from this many letters
  var TYPING_DELAY = 150;    // ms after the last key press before searching

  var form = document.querySelector('form[data-search-index]');
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var filters = document.getElementById('search-filters');
  if (!form || !input || !status || !list || !window.Promise) return;

  var root = form.getAttribute('data-search-root') || '';
  var indexUrl = form.getAttribute('data-search-index');
  var base = indexUrl.slice(0, indexUrl.lastIndexOf('/') + 1);
  var FACETS = ['type', 'status', 'plan', 'theme'];
  var selects = {};
  FACETS.forEach(function (f) { selects[f] = form.querySelector('select[name="' + f + '"]'); });

  // Loading index files: each is a script that hands its data to add().
  var loaded = {}, pending = {};
  var api = window.scrutinySearch = {
    add: function (name, data) { loaded[name] = data; },
    results: []  // document numbers of every match of the last search, best first
  };
  function load(name) {
    if (Object.prototype.hasOwnProperty.call(loaded, name)) return Promise.resolve(loaded[name]);
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = base + name + '.js';
        s.onload = s.onerror = function () {
          s.parentNode.removeChild(s);
          delete pending[name];
          if (Object.prototype.hasOwnProperty.call(loaded, name)) resolve(loaded[name]);
          else reject(new Error('could not load ' + name));
        };
        document.head.appendChild(s);
      });
    }
    return pending[name];
  }

  // Words as the index has them (search_words in search_index.cc does the same): lower case,
  // Latin accents dropped by these tables, '.' between digits and apostrophes between letters
  // kept. Each word comes with where it starts and ends in the text.
  var LATIN1 = 'aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty';
  var LATIN_A = 'aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs';
  var SEP = 0, LETTER = 1, DIGIT = 2, MARK = 3;
  function classify(cp, ch) {
    if (cp < 0x80) {
      if (cp >= 97 && cp <= 122) return [LETTER, ch];
      if (cp >= 65 && cp <= 90) return [LETTER, String.fromCharCode(cp + 32)];
      if (cp >= 48 && cp <= 57) return [DIGIT, ch];
      return [SEP];
    }
    if (cp < 0xc0) return [SEP];
    if (cp < 0x100) return LATIN1.charAt(cp - 0xc0) === '*' ? [SEP] : [LETTER, LATIN1.charAt(cp - 0xc0)];
    if (cp < 0x180) return [LETTER, LATIN_A.charAt(cp - 0x100)];
    if (cp >= 0x300 && cp < 0x370) return [MARK];
    if ((cp >= 0x2000 && cp < 0x2c00) || (cp >= 0x3000 && cp < 0x3040) || cp >= 0xfff0) return [SEP];
    return [LETTER, ch];
  }
  function wordsOf(text) {
    var chars = [];
    for (var k = 0; k < text.length;) {
      var cp = text.codePointAt(k), ch = String.fromCodePoint(cp), c = classify(cp, ch);
      if (c[0] !== MARK) chars.push({ cls: c[0], f: c[1], cp: cp, start: k, end: k + ch.length });
      k += ch.length;
    }
    var words = [], word = '', start = 0;
    for (var i = 0; i < chars.length; i++) {
      var c2 = chars[i];
      if (c2.cls !== SEP) {
        if (!word) start = c2.start;
        word += c2.f;
        continue;
      }
      if (word && i + 1 < chars.length) {
        var before = chars[i - 1].cls, after = chars[i + 1].cls;
        if (c2.cp === 46 && before === DIGIT && after === DIGIT) { word += '.'; continue; }
        if ((c2.cp === 39 || c2.cp === 0x2019) && before === LETTER && after === LETTER) { word += "'"; continue; }
      }
      if (word) words.push({ w: word, start: start, end: c2.start });
      word = '';
    }
    if (word) words.push({ w: word, start: start, end: text.length });
    return words;
  }

  // Numbers in the index: base-32 digits, high first; a digit from the upper half of the
  // alphabet means more follow.
  var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  function numbers(text) {
    var out = [], n = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text.charAt(i));
      if (d >= 32) n = n * 32 + d - 32;
      else { out.push(n * 32 + d); n = 0; }
    }
    return out;
  }
  function postings(text) {  // {document: weight}
    var nums = numbers(text), out = {}, doc = -1;
    for (var i = 0; i < nums.length; i++) {
      doc += Math.floor(nums[i] / 2) + 1;
      out[doc] = nums[i] % 2 ? nums[++i] : 1;
    }
    return out;
  }
  function documentList(text) {
    var nums = numbers(text), out = {}, doc = -1;
    for (var i = 0; i < nums.length; i++) { doc += nums[i] + 1; out[doc] = true; }
    return out;
  }

  // The shards a word needs: the one whose key is the longest start of the word and, for a
  // prefix, those whose keys go on from it.
  function shardsFor(manifest, word, prefix) {
    var best = '', names = [];
    manifest.shards.forEach(function (key) {
      if (word.lastIndexOf(key, 0) === 0 && key.length > best.length) best = key;
      else if (prefix && key.length > word.length && key.lastIndexOf(word, 0) === 0) names.push(shardName(key));
    });
    if (best) names.push(shardName(best));
    return names;
  }
  function shardName(key) {
    var out = 't-';
    var bytes = unescape(encodeURIComponent(key));
    for (var i = 0; i < bytes.length; i++) {
      var c = bytes.charCodeAt(i);
      out += (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? bytes.charAt(i) : '_' + (c < 16 ? '0' : '') + c.toString(16);
    }
    return out;
  }

  // Matches one query word in the loaded shards: {docs: {document: weight}, forms: [words]}.
  // A word matches a stem when it is one of the stem's forms in the text; the last word also
  // when a form starts with it (at half weight). A word found in no form falls back to the
  // longest stem it starts with, a few letters short, so "inspecting" finds "inspection".
  function match(shards, word, prefix) {
    var docs = {}, forms = [], fallback = null;
    function take(stem, formList, post, factor) {
      var p = postings(post);
      for (var d in p) {
        var w = p[d] * factor;
        if (!(d in docs) || docs[d] < w) docs[d] = w;
      }
      forms.push.apply(forms, formList);
    }
    shards.forEach(function (data) {
      for (var i = 0; i < data.length; i += 3) {
        var stem = data[i], formList = data[i + 1].split('|').map(function (f) {
          return f.charAt(0) === '=' ? f.slice(1) : stem + f;
        });
        if (formList.indexOf(word) !== -1) take(stem, formList, data[i + 2], 1);
        else if (prefix && formList.some(function (f) { return f.lastIndexOf(word, 0) === 0; })) take(stem, formList, data[i + 2], 0.5);
        else if (word.lastIndexOf(stem, 0) === 0 && word.length - stem.length <= 3 && stem.length >= 3 &&
                 (!fallback || stem.length > fallback[0].length)) fallback = [stem, formList, data[i + 2]];
      }
    });
    if (!forms.length && fallback) take(fallback[0], fallback[1], fallback[2], 1);
    return { docs: docs, forms: forms };
  }

  function chosenFilters() {
    var out = {};
    FACETS.forEach(function (f) { if (selects[f] && selects[f].value) out[f] = selects[f].value; });
    return out;
  }

  // Everything a search needs, loaded: resolves to {hits: [document numbers], words, forms}.
  function search(query, chosen) {
    var words = wordsOf(query).map(function (x) { return x.w; });
    var filtered = Object.keys(chosen).length > 0;
    return load('index').then(function (manifest) {
      var prefixAt = words.length - 1;
      var lastIsPrefix = words.length && words[prefixAt].length >= MIN_PREFIX && !/\s$/.test(query);
      var needs = words.map(function (w, k) {
        return Promise.all(shardsFor(manifest, w, k === prefixAt && lastIsPrefix).map(load));
      });
      return Promise.all([Promise.all(needs), filtered ? load('facets') : null]).then(function (got) {
        var scores = null, forms = [];
        words.forEach(function (w, k) {
          var m = match(got[0][k], w, k === prefixAt && lastIsPrefix);
          forms.push.apply(forms, m.forms.length ? m.forms : [w]);
          var next = {};
          for (var d in m.docs) if (!scores || d in scores) next[d] = (scores ? scores[d] : 0) + m.docs[d];
          scores = next;
        });
        if (!words.length) {
          scores = {};
          for (var n = 0; n < manifest.documents; n++) scores[n] = 0;
        }
        if (filtered) {
          Object.keys(chosen).forEach(function (f) {
            var allowed = documentList((got[1][f] || {})[chosen[f]] || '');
            for (var d in scores) if (!allowed[d]) delete scores[d];
          });
        }
        var hits = Object.keys(scores).map(Number);
        hits.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
        return { hits: hits, words: words, forms: forms, types: manifest.types };
      });
    });
  }

  // Appends text to el with each word that is one of `forms` (or starts with `prefix`) in
  // <mark>, built as DOM nodes so nothing from the index is parsed as HTML.
  function appendMarked(el, text, isMatch) {
    var pos = 0;
    wordsOf(text).forEach(function (x) {
      if (!isMatch(x.w)) return;
      if (x.start > pos) el.appendChild(document.createTextNode(text.slice(pos, x.start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(x.start, x.end);
      el.appendChild(mark);
      pos = x.end;
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  // About EXCERPT_CHARS of the text around the match with the most different matching words
  // close after it (the first such), cut at spaces.
  function excerpt(text, isMatch) {
    if (!text) return '';
    var matches = wordsOf(text).filter(function (x) { return isMatch(x.w); }).slice(0, 200);
    var first = 0, best = 0;
    matches.forEach(function (m) {
      var seen = {}, n = 0;
      matches.forEach(function (o) {
        if (o.start >= m.start && o.start < m.start + EXCERPT_CHARS / 2 && !seen[o.w]) { seen[o.w] = true; n++; }
      });
      if (n > best) { best = n; first = m.start; }
    });
    var start = first > EXCERPT_CHARS / 3 ? first - Math.floor(EXCERPT_CHARS / 3) : 0;
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space !== -1 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + EXCERPT_CHARS);
    if (end < text.length) {
      var back = text.lastIndexOf(' ', end);
      if (back > first) end = back;
    }
    return (start > 0 ? '… ' : '') + text.slice(start, end).replace(/\s+/g, ' ') + (end < text.length ? ' …' : '');
  }

  var current = null;  // the search whose results are shown: {result, shown, isMatch, query}
  var sequence = 0;    // so an older search finishing late never replaces a newer one

  function showMore() {
    var c = current, ticket = sequence;
    var page = c.result.hits.slice(c.shown, c.shown + PAGE);
    c.shown += page.length;
    return Promise.all(page.map(function (n) { return load('d/' + n); })).then(function (docs) {
      if (ticket !== sequence) return;
      docs.forEach(function (doc) {
        var li = document.createElement('li');
        li.className = 'search-results__item';
        var a = document.createElement('a');
        a.href = root + doc.u;
        appendMarked(a, doc.t, c.isMatch);
        li.appendChild(a);
        var meta = document.createElement('span');
        meta.className = 'item-list__meta';
        meta.textContent = (c.result.types[doc.y] || doc.y) + (doc.k && /\d/.test(doc.k) ? ' ' + doc.k.split(' ').slice(1).join(' ') : '');
        li.appendChild(document.createTextNode(' '));
        li.appendChild(meta);
        var text = excerpt(doc.x, c.isMatch);
        if (text) {
          var p = document.createElement('p');
          p.className = 'search-results__snippet';
          appendMarked(p, text, c.isMatch);
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      var total = c.result.hits.length;
      if (more) more.hidden = c.shown >= total;
      var quoted = c.query.trim() ? ' “' + c.query.trim() + '”' : ' the filters';
      status.textContent = (total === 1 ? '1 document matches' : total + ' documents match') + quoted +
          (total > c.shown ? '. Showing the best ' + c.shown + '.' : '.');
    });
  }

  function fail() {
    list.textContent = '';
    if (more) more.hidden = true;
    status.textContent = 'Search is not available here: the search index could not be loaded. Browse the A to Z index or the lists below instead.';
  }

  function run(query) {
    var ticket = ++sequence;
    var chosen = chosenFilters();
    if (!wordsOf(query).length && !Object.keys(chosen).length) {
      list.textContent = '';
      if (more) more.hidden = true;
      status.textContent = query.trim() ? 'Type a word to search for.' : '';
      api.results = [];
      return Promise.resolve();
    }
    status.textContent = 'Searching…';
    return search(query, chosen).then(function (result) {
      if (ticket !== sequence) return;
      api.results = result.hits;
      list.textContent = '';
      if (more) more.hidden = true;
      if (!result.hits.length) {
        status.textContent = 'No documents match' + (query.trim() ? ' “' + query.trim() + '”' : ' the filters') +
            '. Try fewer or shorter words, other filters, or browse the A to Z index.';
        return;
      }
      var forms = {};
      result.forms.forEach(function (f) { forms[f] = true; });
      var last = result.words[result.words.length - 1];
      var lastIsPrefix = last && last.length >= MIN_PREFIX && !/\s$/.test(query);
      current = {
        result: result, shown: 0, query: query,
        isMatch: function (w) { return forms[w] === true || (lastIsPrefix && w.lastIndexOf(last, 0) === 0); }
      };
      return showMore();
    }).catch(function () { if (ticket === sequence) fail(); });
  }

  function addressFor(query) {
    var parts = [];
    if (query.trim()) parts.push('q=' + encodeURIComponent(query).replace(/%20/g, '+'));
    var chosen = chosenFilters();
    FACETS.forEach(function (f) { if (chosen[f]) parts.push(f + '=' + encodeURIComponent(chosen[f])); });
    return window.location.pathname + (parts.length ? '?' + parts.join('&') : '');
  }

  function fromAddress() {
    var params = {};
    window.location.search.replace(/^\?/, '').split('&').forEach(function (pair) {
      var at = pair.indexOf('=');
      if (at < 1) return;
      try { params[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' ')); } catch (e) { /* skip */ }
    });
    FACETS.forEach(function (f) { if (selects[f]) selects[f].value = params[f] || ''; });
    input.value = params.q || '';
  }

  // Keep the query and filters in the address, as the plain form would, so a search can be
  // bookmarked, shared and returned to with the Back button.
  function remember() {
    var url = addressFor(input.value);
    if (url !== window.location.pathname + window.location.search) {
      try { history.pushState(null, '', url); } catch (e) { /* some browsers refuse it for files */ }
    }
  }

  var timer = null;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    remember();
    run(input.value);
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, TYPING_DELAY);
  });
  FACETS.forEach(function (f) {
    if (selects[f]) selects[f].addEventListener('change', function () { remember(); run(input.value); });
  });
  if (more) more.addEventListener('click', function () { if (current) showMore(); });
  window.addEventListener('popstate', function () {
    fromAddress();
    run(input.value);
  });

  if (filters) filters.hidden = false;
  fromAddress();
  if (input.value || Object.keys(chosenFilters()).length) run(input.value);
})();
