// coursesite: Material for MkDocs' search worker, answered from Pagefind's chunked index.
//
// Material's search box talks to a Web Worker with four messages (SETUP, READY, QUERY, RESULT) and
// renders the RESULT items itself. Its own worker builds a lunr index from search_index.json, which
// is loaded whole before the first query (26 MB at 2,500 transcripts). This worker speaks the same
// protocol but asks Pagefind, which fetches only the index chunks and page fragments a query needs.
//
// Material inserts what a RESULT holds as HTML: titles and excerpts are built here from Pagefind's
// plain text, escaped, with <mark> around the query's words.
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const ROOT = new URL("../../", self.location.href); // this file is ROOT/assets/coursesite/
const BUNDLE = new URL("search/pagefind/pagefind.js", ROOT).href;
const PAGES = 10; // results shown (Material lists ten before scrolling); each costs a fragment request
const SECTIONS = 5; // paragraphs listed under a page

let engine = null;
let latest = 0;

// A large site is indexed in groups (the indexer's memory grows with the site); the list of the other
// groups' bundles is merged into the first one's.
function pagefind() {
  if (engine === null) {
    engine = (async () => {
      const module = await import(BUNDLE);
      await module.options({ baseUrl: ROOT.pathname, excerptLength: 30 });
      const response = await fetch(new URL("search/pagefind-indexes.json", ROOT));
      const more = response.ok ? await response.json() : [];
      for (const bundle of more) await module.mergeIndex(new URL(bundle, ROOT).href, { baseUrl: ROOT.pathname });
      await module.init();
      return module;
    })();
  }
  return engine;
}

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escape(text) {
  return String(text).replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

function title(data) {
  const name = escape(data.meta.title || data.url);
  const context = data.meta.context ? `<span class="cs-search-context">${escape(data.meta.context)}</span>` : "";
  return context + name;
}

// Pagefind finds pages and tells where each heading starts (word positions in the page text); which
// paragraph holds the query best, and the excerpt shown for it, are decided here. Pagefind matches
// every word as a prefix ("a" finds "afternoon") and counts hits per word, so its own excerpts and
// counts favour paragraphs full of short common words over the one that holds the sentence.
const EXCERPT = 30; // words
const BEFORE = 8; // words shown before the first hit

function normal(word) {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

function queryTerms(query) {
  return query.split(/\s+/).map(normal).filter(Boolean);
}

// Whole words match; the last word of the query also as a prefix (the user may still be typing it).
function matcher(terms) {
  const last = terms[terms.length - 1];
  return (word) => {
    const index = terms.indexOf(word);
    if (index >= 0) return index;
    return last && last.length >= 3 && word.startsWith(last) ? terms.length - 1 : -1;
  };
}

// Score a run of words: the whole query as a phrase first, then how many different query words it
// holds, then how many hits; with the word to start an excerpt at.
function score(words, terms, match) {
  const hits = words.map((word) => match(normal(word)));
  let phrase = -1;
  for (let i = 0; phrase < 0 && i + terms.length <= words.length; i++) {
    let j = 0;
    while (j < terms.length && hits[i + j] === j) j++;
    if (j === terms.length) phrase = i;
  }
  const distinct = new Set(hits.filter((hit) => hit >= 0));
  let start = phrase;
  if (start < 0) {
    let best = -1;
    for (let i = 0; i < words.length; i++) {
      if (hits[i] < 0) continue;
      const window = new Set(hits.slice(i, i + EXCERPT).filter((hit) => hit >= 0)).size;
      if (window > best) [best, start] = [window, i];
    }
  }
  const value = (phrase >= 0 ? 1e6 : 0) + distinct.size * 1e3 + hits.filter((hit) => hit >= 0).length;
  return { value, start: Math.max(0, start - BEFORE), hits };
}

function excerpt(words, scored) {
  const end = Math.min(words.length, scored.start + EXCERPT);
  const shown = [];
  for (let i = scored.start; i < end; i++) {
    const word = escape(words[i]);
    shown.push(scored.hits[i] >= 0 ? `<mark>${word}</mark>` : word);
  }
  return (scored.start > 0 ? "… " : "") + shown.join(" ") + (end < words.length ? " …" : "");
}

// One page: the article first, then its best sections (transcript paragraphs, notebook headings).
// Material shows the sections scored as high as the article and folds the rest under "more".
function group(data, terms, rank) {
  // `content` is the page's text with entities decoded (`raw_content` keeps them): escape it here.
  const words = String(data.content).trim().split(/\s+/);
  const match = matcher(terms);
  const page = score(words, terms, match);
  const found = {};
  // What Material highlights on the page a result opens (and lists as missing): it marks each term
  // wherever it occurs, inside words too, so words of one or two letters would light up every "a".
  terms.forEach((term, index) => {
    if (term.length > 2 || terms.length === 1) found[term] = page.hits.includes(index);
  });
  // A section runs to the next heading of the page (sub_results lists only the sections with hits).
  const headings = (data.anchors || [])
    .filter((anchor) => /^h[1-6]$/i.test(anchor.element))
    .map((anchor) => anchor.location)
    .sort((a, b) => a - b);
  const sectionEnd = (start) => headings.find((location) => location > start) ?? words.length;
  const anchors = (data.sub_results || []).filter((section) => section.anchor && section.url.includes("#"));
  const sections = anchors
    .map((section) => {
      // From after the heading's own words: the result shows the heading as the section's title.
      const from = section.anchor.location + String(section.anchor.text || "").split(/\s+/).filter(Boolean).length;
      const to = sectionEnd(section.anchor.location);
      const part = words.slice(from, to);
      return { section, part, scored: score(part, terms, match) };
    })
    .filter(({ scored }) => scored.value > 0)
    .sort((a, b) => b.scored.value - a.scored.value)
    .slice(0, SECTIONS);
  const best = sections.length ? sections[0].scored.value : 0;
  const value = Math.max(page.value, best) + (PAGES - rank); // Pagefind's order breaks ties
  const article = { location: data.url, title: title(data), text: excerpt(words, page), score: value, terms: found };
  return [
    article,
    ...sections.map(({ section, part, scored }, index) => ({
      location: section.url,
      title: escape(section.title),
      text: excerpt(part, scored),
      score: index === 0 ? value : value / (index + 2),
      terms: found,
    })),
  ];
}

// Up to PAGES results not seen yet, fetched and grouped with their sections.
async function pages(found, terms, seen) {
  const fresh = found.results.filter((result) => !seen.has(result.id)).slice(0, PAGES - seen.size);
  for (const result of fresh) seen.add(result.id);
  const loaded = await Promise.all(fresh.map((result) => result.data()));
  return loaded.map((data, rank) => group(data, terms, rank));
}

// Pagefind ranks pages by word statistics, without regard to word order, so a sentence made of
// common words finds thousands of pages with its video far down. The query is first looked up as an
// exact phrase (Pagefind's quoted search): those pages are answered at once; then, once typing
// pauses, the pages that hold its words anywhere follow in a second answer. Among the pages fetched,
// the one that holds the query as a sentence, or more of its words, comes first.
async function search(query, id, answer) {
  const terms = queryTerms(query);
  if (!terms.length || query.trim().length < 2) return answer([]); // one letter would fetch the whole index
  const module = await pagefind();
  const seen = new Set();
  let items = [];
  if (terms.length > 1) {
    const exact = await module.search(`"${phrase(query)}"`);
    if (id !== latest) return; // typed on: this query's pages are not worth fetching
    if (exact && exact.results.length) {
      items = await pages(exact, terms, seen);
      if (id !== latest) return;
      answer(items);
    }
  }
  if (id !== latest || seen.size >= PAGES) return; // a full list of exact matches needs no more
  if (terms.length > 1) {
    await pause(LOOSE_AFTER);
    if (id !== latest) return; // typed on: the slow search is for the words typed next
  }
  const found = await module.search(loose(query));
  if (id !== latest) return;
  if (found && found.results && seen.size < PAGES) {
    const more = await pages(found, terms, seen);
    if (id !== latest) return;
    items = [...items.map(rescore), ...more].sort((a, b) => b[0].score - a[0].score);
  }
  answer(items);
}

// The search for the words anywhere is the slow one: at thousands of pages it takes a few hundred
// milliseconds, and Pagefind's WebAssembly holds the worker meanwhile, so the next key's query waits
// behind it. It runs when typing pauses: a key typed within LOOSE_AFTER of the last one skips it (and
// the exact phrase, a few tens of milliseconds, has been answered already).
const LOOSE_AFTER = 120; // ms (a fast typist's keys come 80–120 ms apart)

// English function words are on nearly every page, so Pagefind would score every page for them. The
// phrase keeps them only between other words (where they hold the phrase together); the search for
// the words anywhere leaves them out, unless nothing else is left. Short words that carry meaning
// ("AI", "ML", "DB") are not in the list.
const FUNCTION_WORDS = new Set("a an and are as at be by for in is it of on or the to was we".split(" "));

function functional(word) {
  return FUNCTION_WORDS.has(normal(word));
}

function phrase(query) {
  const words = query.replace(/"/g, " ").trim().split(/\s+/);
  while (words.length > 1 && functional(words[0])) words.shift();
  while (words.length > 1 && functional(words[words.length - 1])) words.pop();
  return words.join(" ");
}

function loose(query) {
  const words = query.trim().split(/\s+/).filter((word) => !functional(word));
  return words.length ? words.join(" ") : query;
}

// Pages that hold the exact phrase stay above the others.
function rescore(item) {
  return item.map((doc) => ({ ...doc, score: doc.score + 1e9 }));
}

// One search at a time: Pagefind runs in a single thread, and at thousands of pages a search takes a
// few hundred milliseconds on a slow machine. Keys typed meanwhile only replace the pending query, so
// the answer to the last key comes after at most one other search, not after one for every key.
let pending = null;
let running = false;

// A word of one or two letters at the end is usually a word being typed: Pagefind would fetch the index
// chunks of every word that starts with it. Such a query waits a moment for the next key.
const PARTIAL = 150; // ms

function partial(query) {
  const words = query.trim().split(/\s+/);
  return words.length > 1 && words[words.length - 1].length < 3 && !/\s$/.test(query);
}

// A wait for the next key; the next query ends it at once, so that query does not wait for the timer.
let wake = null;

function pause(ms) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      wake = null;
      resolve();
    };
    const timer = setTimeout(done, ms);
    wake = done;
  });
}

async function drain() {
  running = true;
  while (pending) {
    if (partial(pending.query)) {
      const waiting = pending;
      await pause(PARTIAL);
      if (pending !== waiting) continue; // typed on
    }
    const { query, id } = pending;
    pending = null;
    const answer = (items) => id === latest && postMessage({ type: RESULT, data: { items } });
    try {
      await search(query, id, answer);
    } catch (error) {
      console.warn(`Search failed for: ${query}`, error);
      answer([]);
    }
  }
  running = false;
}

addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    pagefind().catch((error) => console.warn("Search index could not be loaded", error));
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    pending = { query: String(message.data), id: ++latest };
    if (wake) wake();
    if (!running) drain();
  }
});
