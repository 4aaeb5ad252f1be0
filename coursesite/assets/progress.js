/* coursesite: progress that persists.
 *
 * Video and lab pages get "Mark as done" (a toggle button, and the key d); done pages are ticked where the
 * navigation and the page's lists link to them; week, course and home pages show how many of their items are
 * done (.cs-progress, written by coursesite/progress.py with the items in course order), and the course and
 * home pages link to the first one not done. A long transcript remembers the paragraph last in view and offers
 * to go back to it, never jumping by itself. The home page exports the progress as a JSON file, imports one
 * back and resets it. All of it lives in this browser's localStorage, per site (its name and its root), so it
 * works offline and from disk. Runs on every page Material shows, instant navigation included (document$).
 */
(function () {
  "use strict";

  var FORMAT = "coursesite-progress"; // what an exported file says it is
  var LARGEST_IMPORT = 1024 * 1024; // bytes: a year of progress is a few KB
  var script = document.currentScript;
  var ROOT = new URL("../../", script ? script.src : location.href); // this file is assets/coursesite/progress.js
  var memory = null; // the progress, when the browser keeps no storage: it lasts as long as the page
  var reading = null; // the transcript on screen: {page, blocks, offer}, or null

  // -- what is kept: {done: {page: true}, positions: {page: anchor}}, pages named as pageOf names them ------
  function storageKey() {
    return "coursesite.progress " + ROOT.pathname + " " + (document.body.getAttribute("data-cs-site") || "");
  }

  function empty() {
    return { done: Object.create(null), positions: Object.create(null) };
  }

  // The progress a stored or imported object holds, or null: only strings are taken, as names to look up
  function parsed(data) {
    if (!data || typeof data !== "object" || data.format !== FORMAT || !Array.isArray(data.done)) return null;
    var progress = empty();
    data.done.forEach(function (page) { if (typeof page === "string") progress.done[page] = true; });
    var positions = data.positions && typeof data.positions === "object" ? data.positions : {};
    Object.keys(positions).forEach(function (page) {
      if (typeof positions[page] === "string") progress.positions[page] = positions[page];
    });
    return progress;
  }

  function serialised(progress) {
    var positions = {};
    Object.keys(progress.positions).sort().forEach(function (page) { positions[page] = progress.positions[page]; });
    return { format: FORMAT, version: 1, site: document.body.getAttribute("data-cs-site") || "",
      done: Object.keys(progress.done).sort(), positions: positions };
  }

  function load() {
    try {
      var text = window.localStorage.getItem(storageKey());
      return (text && parsed(JSON.parse(text))) || memory || empty();
    } catch (error) {
      return memory || empty(); // storage is off, or holds something that is not ours
    }
  }

  function save(progress) {
    memory = progress;
    try { window.localStorage.setItem(storageKey(), JSON.stringify(serialised(progress))); } catch (error) { /* kept in memory */ }
  }

  // -- pages: a link's target as its folder under the site's root ("courses/c/w/item/"), or null ----------
  function pageOf(address) {
    var target;
    try { target = new URL(address, location.href); } catch (error) { return null; }
    if (target.protocol !== ROOT.protocol || target.host !== ROOT.host || target.pathname.indexOf(ROOT.pathname) !== 0) return null;
    var path = target.pathname.slice(ROOT.pathname.length).replace(/(^|\/)index\.html$/, "$1");
    try { return decodeURIComponent(path); } catch (error) { return path; }
  }

  // An address for a page named by the build: the offline copy (and any page read from disk) links to files
  function addressOf(encoded) {
    var files = location.protocol === "file:" || /\.html$/.test(location.pathname);
    return new URL(encoded + (files && /\/$/.test(encoded) ? "index.html" : ""), ROOT).href;
  }

  function itemsOf(element) {
    var items;
    try { items = JSON.parse(element.getAttribute("data-cs-items") || "[]"); } catch (error) { return []; }
    return items.filter(Array.isArray).map(function (item) {
      return { page: pageOf(new URL(String(item[0]), ROOT).href), address: addressOf(String(item[0])), title: String(item[1]) };
    });
  }

  // -- building the controls (once per page) and showing the progress in them (after every change) --------
  function make(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function button(label, action) {
    var element = make("button", "cs-button", label);
    element.type = "button";
    element.addEventListener("click", action);
    return element;
  }

  function buildDone(study) {
    var page = pageOf(new URL(study.getAttribute("data-cs-item"), ROOT).href);
    var done = button("Mark as done", function () { toggle(page); });
    done.classList.add("cs-done");
    done.setAttribute("aria-keyshortcuts", "D");
    done.title = "Keyboard shortcut: d";
    study.append(done, make("span", "cs-visually-hidden cs-study__status"));
    study.lastChild.setAttribute("role", "status");
    study.hidden = false;
  }

  function buildBar(element) {
    var bar = make("progress");
    bar.setAttribute("aria-label", element.getAttribute("data-cs-label") || "Progress");
    var line = make("div", "cs-progress__line");
    line.append(bar, make("span", "cs-progress__count"));
    element.append(line, make("div", "cs-progress__next"));
    element.hidden = false;
  }

  function show(progress) {
    document.querySelectorAll(".cs-study .cs-done").forEach(function (done) {
      var page = pageOf(new URL(done.parentNode.getAttribute("data-cs-item"), ROOT).href);
      done.setAttribute("aria-pressed", String(Boolean(progress.done[page])));
    });
    document.querySelectorAll(".cs-progress[data-cs-items]").forEach(function (element) { showBar(element, progress); });
    tick(progress);
  }

  function showBar(element, progress) {
    var items = itemsOf(element);
    var finished = items.filter(function (item) { return progress.done[item.page]; }).length;
    var next = items.filter(function (item) { return !progress.done[item.page]; })[0];
    var bar = element.querySelector("progress");
    bar.max = Math.max(1, items.length);
    bar.value = finished;
    element.querySelector(".cs-progress__count").textContent = finished + " of " + items.length + " done";
    var place = element.querySelector(".cs-progress__next");
    place.textContent = "";
    if (!element.hasAttribute("data-cs-continue")) return;
    if (!next) {
      place.textContent = "Completed";
    } else if (finished > 0) {
      var link = make("a", "cs-continue", "Continue: " + next.title);
      link.href = next.address;
      place.appendChild(link);
    }
  }

  // A mark after each link to a done page, in the navigation and in the page (not in the table of contents)
  function tick(progress) {
    document.querySelectorAll(".cs-tick").forEach(function (mark) { mark.remove(); });
    document.querySelectorAll(".md-nav--primary a.md-nav__link[href], .md-content article a[href]").forEach(function (link) {
      if (link.hash || link.closest(".cs-progress") || !progress.done[pageOf(link.href)]) return;
      var mark = make("span", "cs-tick");
      var sign = make("span", "", "✓");
      sign.setAttribute("aria-hidden", "true");
      mark.append(sign, make("span", "cs-visually-hidden", " (done)"));
      link.appendChild(mark);
    });
  }

  function toggle(page) {
    var progress = load();
    if (progress.done[page]) delete progress.done[page];
    else progress.done[page] = true;
    save(progress);
    show(progress);
    var status = document.querySelector(".cs-study__status");
    if (status) status.textContent = progress.done[page] ? "Marked as done" : "Marked as not done";
  }

  // -- export, import, reset (the home page) ---------------------------------------------------------------
  function buildTools(element) {
    element.setAttribute("role", "group");
    element.setAttribute("aria-label", "Your progress");
    var note = make("p", "cs-meta", "Your progress is kept in this browser only. Export it to keep a copy or to " +
      "move it to another browser.");
    var file = make("input");
    file.type = "file";
    file.accept = ".json,application/json";
    file.hidden = true; // the button "Import progress…" opens it
    var status = make("p", "cs-progress-tools__status");
    status.setAttribute("role", "status");
    var buttons = make("div", "cs-progress-tools__buttons");
    buttons.append(
      button("Export progress", function () { exportProgress(); }),
      button("Import progress…", function () { file.click(); }),
      button("Reset progress", function () {
        if (!window.confirm("Forget which pages you marked as done on this site, and where you were reading?")) return;
        memory = null;
        try { window.localStorage.removeItem(storageKey()); } catch (error) { /* nothing was stored */ }
        show(load());
        status.textContent = "Progress reset.";
      }),
      file);
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      file.value = "";
      if (chosen) importProgress(chosen, status);
    });
    element.append(note, buttons, status);
    element.hidden = false;
  }

  function exportProgress() {
    var text = JSON.stringify(serialised(load()), null, 1) + "\n";
    var link = make("a"); // not in the document: Material's instant navigation must not see the click
    link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var name = (document.body.getAttribute("data-cs-site") || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    link.download = (name ? name + "-" : "") + "progress.json";
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000); // once the download has surely begun
  }

  // Imported pages join those already done; a reading position in the file replaces the one kept here
  function importProgress(chosen, status) {
    if (chosen.size > LARGEST_IMPORT) {
      status.textContent = "That file is too large to be exported progress.";
      return;
    }
    chosen.text().then(function (text) {
      var imported = null;
      try { imported = parsed(JSON.parse(text)); } catch (error) { /* not JSON */ }
      if (!imported) {
        status.textContent = "That file is not progress exported from a coursesite site.";
        return;
      }
      var progress = load();
      Object.keys(imported.done).forEach(function (page) { progress.done[page] = true; });
      Object.keys(imported.positions).forEach(function (page) { progress.positions[page] = imported.positions[page]; });
      save(progress);
      show(progress);
      var count = Object.keys(imported.done).length;
      status.textContent = "Imported " + count + (count === 1 ? " page" : " pages") + " marked as done.";
    });
  }

  // -- reading position: the paragraph at the top of the window, kept; an offer to go back to it ---------
  function setUpReading(study, progress) {
    var page = pageOf(new URL(study.getAttribute("data-cs-item"), ROOT).href);
    var blocks = Array.prototype.map.call(document.querySelectorAll(".cs-transcript"), function (block) {
      return { element: block, stamps: Array.prototype.slice.call(block.querySelectorAll("h2.cs-ts[id]")) };
    }).filter(function (block) { return block.stamps.length > 0; });
    reading = blocks.length ? { page: page, blocks: blocks, anchor: progress.positions[page] || null } : null;
    var kept = reading && reading.anchor && !location.hash ? document.getElementById(reading.anchor) : null;
    // Offered only when that paragraph is below the first screen: on a short page there is nothing to find
    if (!kept || kept.offsetParent === null || kept.getBoundingClientRect().top + window.scrollY < window.innerHeight) return;
    var time = kept.textContent.replace(/[[\]]/g, "").trim();
    var offer = make("span", "cs-resume");
    var resume = button("Resume reading at " + time, function () {
      offer.remove();
      location.replace("#" + kept.id); // as a link to that moment: it is shown under the header, highlighted
      var link = kept.querySelector("a");
      if (link) link.focus({ preventScroll: true });
    });
    var dismiss = button("×", function () { offer.remove(); });
    dismiss.setAttribute("aria-label", "Dismiss: stay at the top");
    offer.append(resume, dismiss);
    study.insertBefore(offer, study.querySelector(".cs-study__status"));
  }

  function remember() {
    if (!reading) return;
    var block = reading.blocks.filter(function (candidate) { return candidate.element.offsetParent !== null; })[0];
    if (!block) return;
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    // the first paragraph whose end is below the top of the window (stamps are in order: halve the range)
    var low = 0, high = block.stamps.length - 1;
    while (low < high) {
      var middle = (low + high) >> 1;
      var paragraph = block.stamps[middle].nextElementSibling || block.stamps[middle];
      if (paragraph.getBoundingClientRect().bottom <= top) low = middle + 1;
      else high = middle;
    }
    var anchor = block.stamps[low].id;
    if (low === 0 || anchor === reading.anchor) return; // the top of a page is no place to go back to
    reading.anchor = anchor;
    var progress = load();
    progress.positions[reading.page] = anchor;
    save(progress);
  }

  var scrolled = false;
  function onScroll() {
    if (scrolled || !reading) return;
    scrolled = true;
    requestAnimationFrame(function () { scrolled = false; remember(); });
  }

  // -- the key d: never while the reader types, nor when a control or a player has the focus ------------
  function onKey(event) {
    if (event.key !== "d" || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var target = event.target instanceof Element ? event.target : document.body;
    if (target.closest("input, textarea, select, [contenteditable], video, audio, iframe, dialog")) return;
    var study = document.querySelector(".cs-study[data-cs-item]");
    if (!study) return;
    toggle(pageOf(new URL(study.getAttribute("data-cs-item"), ROOT).href));
    event.preventDefault();
  }

  function setUp() {
    var study = document.querySelector(".cs-study[data-cs-item]");
    if (reading && study && study.querySelector(".cs-done")) return; // told twice of one page (see below)
    reading = null;
    var progress = load();
    document.querySelectorAll(".cs-study[data-cs-item]").forEach(function (element) {
      if (!element.querySelector(".cs-done")) buildDone(element);
    });
    document.querySelectorAll(".cs-progress[data-cs-items]").forEach(function (element) {
      if (!element.querySelector("progress")) buildBar(element);
    });
    document.querySelectorAll(".cs-progress-tools").forEach(function (element) {
      if (!element.firstChild) buildTools(element);
    });
    show(progress);
    if (study) setUpReading(study, progress);
  }

  document.addEventListener("keydown", onKey);
  window.addEventListener("scroll", onScroll, { passive: true });
  window.addEventListener("storage", function (event) { if (event.key === storageKey()) show(load()); }); // another tab
  // As player.js: Material's document$ tells of each page, instant navigation included; a page read from disk
  // never hears from it (Material completes it at once there), so the first page's DOMContentLoaded is heard too.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
