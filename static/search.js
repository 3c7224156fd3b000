// Search for the digest: reads the index `digest build` writes under
// search/ (its format is the package comment of internal/search) and drives
// the form #search-form of the /search/ page. The manifest's URL is the
// form's data-index; every other file is named in the manifest relative to
// it ("s/<hash>.json", "d/<hash>.json", "topics-<hash>.json") and resolved
// with new URL(name, manifestURL), so a base path needs nothing more.
// No dependencies, no build step; under Node the pure functions are
// exported for the Go tests.
(function () {
  'use strict';

  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const DIGIT = new Int8Array(128).fill(-1);
  for (let i = 0; i < A.length; i++) DIGIT[A.charCodeAt(i)] = i;
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December'];
  const PAGE = 20, MAX_SHARDS = 4, DAY = 86400000;

  // fold and tokens are Go's search.Fold and search.Tokens.
  function fold(s) {
    return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ς/g, 'σ');
  }
  function tokens(s) { return fold(s).match(/[\p{L}\p{N}]+/gu) || []; }

  // each calls f with every number of a varint list.
  function each(s, f) {
    let v = 0, mul = 1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i), d = c < 128 ? DIGIT[c] : -1;
      if (d < 0) throw new Error('bad index data');
      if (d >= 32) { v += (d - 32) * mul; mul *= 32; } else { f(v + d * mul); v = 0; mul = 1; }
    }
  }
  function decode(s) { const out = []; each(s, (v) => out.push(v)); return out; }
  // eachPosting calls f(id, flag) for every posting of a token.
  function eachPosting(s, f) { let id = -1; each(s, (v) => { id += Math.floor(v / 2); f(id, v % 2); }); }
  function postings(s) { const out = []; eachPosting(s, (id, flag) => out.push([id, flag])); return out; }
  function ids(s) { let id = -1; return decode(s).map((v) => (id += v)); }
  function unzig(v) { return v % 2 ? -(v + 1) / 2 : v / 2; }
  // days returns each doc's date in days since 1970-01-01.
  function days(s) {
    const v = decode(s), out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = i ? out[i - 1] - unzig(v[i]) : unzig(v[0]);
    return out;
  }
  // cmp orders strings by code point, as Go orders the tokens.
  function cmp(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      let x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
    return a.length - b.length;
  }
  // marks returns the [start, end) ranges of text to highlight for the
  // query terms ([term, prefix?]): folded tokens equal to a term, or
  // starting with a prefix term, mapped back to text's own characters.
  function marks(text, terms) {
    let f = '';
    const src = [], end = [];
    for (let i = 0; i < text.length;) {
      const c = text.codePointAt(i), ch = String.fromCodePoint(c);
      const g = c < 128 ? ch.toLowerCase() : fold(ch);
      for (let k = 0; k < g.length; k++) { src.push(i); end.push(i + ch.length); }
      f += g;
      i += ch.length;
    }
    const out = [];
    for (const m of f.matchAll(/[\p{L}\p{N}]+/gu)) {
      let len = 0;
      for (const [t, prefix] of terms) {
        if ((m[0] === t || (prefix && m[0].startsWith(t))) && t.length > len) len = t.length;
      }
      if (!len) continue;
      const a = m.index, b = a + len;
      out.push([src[a], b < f.length ? Math.max(src[b], end[b - 1]) : text.length]);
    }
    return out;
  }
  function dayOf(s) { const t = Date.parse(s + 'T00:00:00Z'); return isNaN(t) ? null : t / DAY; }
  function human(s) {
    const [y, m, d] = s.split('-').map(Number);
    return m ? d + ' ' + MONTHS[m - 1] + ' ' + y : s;
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { fold, tokens, decode, postings, ids, days, cmp, marks, human };
  }
  if (typeof document === 'undefined') return;

  const form = document.getElementById('search-form');
  if (!form) return;
  const el = (id) => document.getElementById(id);
  const q = el('search-q'), topic = el('search-topic'), from = el('search-from'), to = el('search-to');
  const status = el('search-status'), list = el('search-results');
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'search-more';
  more.textContent = 'Show more';
  more.hidden = true;
  list.after(more);
  if (!list.hasAttribute('aria-labelledby')) list.setAttribute('aria-label', 'Search results');
  if (form.dataset.action) form.action = form.dataset.action;
  const base = new URL(form.dataset.index || 'index.json', location.href);
  const cache = new Map();
  let gen = 0, timer = 0, shown = null;

  // get fetches a file of the index (name relative to the manifest) once,
  // parsed and passed through conv; a failed fetch is tried again next time.
  function get(name, conv) {
    const url = new URL(name, base).href;
    if (!cache.has(url)) {
      const p = fetch(url).then((r) => {
        if (!r.ok) throw new Error(r.status + ' ' + r.statusText + ' (' + url + ')');
        return r.json();
      }).then(conv || ((x) => x));
      p.catch(() => cache.delete(url));
      cache.set(url, p);
    }
    return cache.get(url);
  }
  const manifest = () => get(base.href, (m) => {
    if (m.v !== 1) throw new Error('unknown index version ' + m.v);
    m.days = days(m.dates);
    for (const [slug, name] of m.topics) {
      if (![...topic.options].some((o) => o.value === slug)) topic.append(new Option(name, slug));
    }
    return m;
  });
  const shard = (m, i) => get(m.shards[i][1], (o) => new Map(Object.entries(o)));

  // find returns the index of the shard whose range holds t.
  function find(m, t) {
    let lo = 0, hi = m.shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cmp(m.shards[mid][0], t) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // weights returns each doc's weight for term t (0: no match) and
  // whether t matched as a prefix.
  async function weights(m, t) {
    const w = new Uint8Array(m.n);
    if (!m.shards.length) return [w, false];
    const i = find(m, t);
    let j = i + 1;
    if ([...t].length >= 2) while (j < m.shards.length && m.shards[j][0].startsWith(t)) j++;
    const prefix = [...t].length >= 2 && j - i <= MAX_SHARDS;
    if (!prefix) j = i + 1;
    const maps = await Promise.all(Array.from({ length: j - i }, (_, k) => shard(m, i + k)));
    for (const map of maps) {
      for (const [tok, enc] of prefix ? map : [[t, map.get(t)]]) {
        if (enc === undefined || !(tok === t || (prefix && tok.startsWith(t)))) continue;
        eachPosting(enc, (id, flag) => { if (w[id] < 3) w[id] = flag ? 3 : 1; });
      }
    }
    return [w, prefix];
  }

  async function search(query, filter, g) {
    const m = await manifest();
    const terms = [...new Set(tokens(query))];
    const ws = await Promise.all(terms.map((t) => weights(m, t)));
    let allow = null;
    if (filter.topic) {
      const k = m.topics.findIndex(([slug]) => slug === filter.topic);
      allow = new Uint8Array(m.n);
      if (k >= 0) for (const id of ids((await get(m.topicFile))[k])) allow[id] = 1;
    }
    if (g !== gen) return null;
    // Scores are small integers: bucket the ids by score, each bucket in
    // id order, rather than sort.
    const lo = dayOf(filter.from), hi = dayOf(filter.to), buckets = [], w = ws.map(([x]) => x);
    for (let id = 0; id < m.n; id++) {
      if ((allow && !allow[id]) || (lo !== null && m.days[id] < lo) || (hi !== null && m.days[id] > hi)) continue;
      let score = 0;
      for (let k = 0; k < w.length; k++) { if (!w[k][id]) { score = 0; break; } score += w[k][id]; }
      if (score) (buckets[score] || (buckets[score] = [])).push(id);
    }
    const hits = [].concat(...buckets.filter(Boolean).reverse());
    return { m, hits, terms: terms.map((t, k) => [t, ws[k][1]]), query, filter, next: 0 };
  }

  function highlight(parent, text, terms) {
    let at = 0;
    for (const [a, b] of marks(text, terms)) {
      if (a < at) continue;
      parent.append(text.slice(at, a));
      const mk = document.createElement('mark');
      mk.textContent = text.slice(a, b);
      parent.append(mk);
      at = b;
    }
    parent.append(text.slice(at));
  }
  function item(r, doc) {
    const [title, url, date, summary, tops] = doc;
    const li = document.createElement('li'), a = document.createElement('a');
    a.href = url;
    highlight(a, title, r.terms);
    const meta = document.createElement('p'), time = document.createElement('time');
    meta.className = 'search-meta';
    time.dateTime = date;
    time.textContent = human(date);
    meta.append(time);
    const names = tops.map((k) => (r.m.topics[k] || [])[1]).filter(Boolean);
    if (names.length) meta.append(' · ' + names.join(', '));
    const dek = document.createElement('p');
    dek.className = 'search-dek';
    highlight(dek, summary, r.terms);
    li.append(a, meta, dek);
    return li;
  }
  // page renders the next PAGE results of r (the first replace the list)
  // and returns their items, or false if r is no longer current.
  async function page(r, g) {
    const slice = r.hits.slice(r.next, r.next + PAGE), m = r.m;
    const chunks = await Promise.all(slice.map((id) => get(m.chunks[Math.floor(id / m.chunk)])));
    if (g !== gen) return false;
    const items = slice.map((id, k) => item(r, chunks[k][id % m.chunk]));
    if (r.next) list.append(...items); else list.replaceChildren(...items);
    r.next += slice.length;
    more.hidden = r.next >= r.hits.length;
    return items;
  }

  function describe(r) {
    const n = r.hits.length;
    let s = (n ? n.toLocaleString('en') + (n === 1 ? ' result' : ' results') : 'No results') + ' for “' + r.query.trim() + '”';
    if (r.filter.topic) {
      const t = r.m.topics.find(([slug]) => slug === r.filter.topic);
      s += ' in ' + (t ? t[1] : r.filter.topic);
    }
    if (dayOf(r.filter.from) !== null) s += ' from ' + human(r.filter.from);
    if (dayOf(r.filter.to) !== null) s += ' to ' + human(r.filter.to);
    return s;
  }
  const unavailable = (e) => 'Search is unavailable: ' + (e && e.message ? e.message : e);
  async function run() {
    clearTimeout(timer);
    const g = ++gen, query = q.value;
    const filter = { topic: topic.value, from: from.value, to: to.value };
    if (tokens(query).join('').length < 2) {
      list.replaceChildren();
      more.hidden = true;
      shown = null;
      status.textContent = query.trim() ? 'Type at least 2 letters' : '';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const r = await search(query, filter, g);
      if (!r || g !== gen || !(await page(r, g))) return;
      shown = r;
      status.textContent = describe(r);
    } catch (e) {
      if (g === gen) status.textContent = unavailable(e);
    }
  }

  more.addEventListener('click', async () => {
    const r = shown, g = gen;
    if (!r || more.disabled) return;
    more.disabled = true;
    try {
      const items = await page(r, g);
      if (items && items.length) items[0].querySelector('a').focus();
    } catch (e) {
      if (g === gen) status.textContent = unavailable(e);
    } finally {
      more.disabled = false;
    }
  });
  q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 120); });
  for (const c of [topic, from, to]) c.addEventListener('change', run);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    run();
    const p = new URLSearchParams();
    for (const [k, c] of [['q', q], ['topic', topic], ['from', from], ['to', to]]) if (c.value) p.set(k, c.value);
    const s = p.toString();
    history.replaceState(null, '', location.pathname + (s ? '?' + s : '') + location.hash);
  });

  const params = new URLSearchParams(location.search);
  q.value = params.get('q') || '';
  from.value = params.get('from') || '';
  to.value = params.get('to') || '';
  manifest().then(() => {
    topic.value = params.get('topic') || '';
    if (topic.selectedIndex < 0) topic.value = '';
    if (q.value.trim()) run();
  }, (e) => { status.textContent = unavailable(e); });
})();
