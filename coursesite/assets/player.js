/* coursesite: the video beside its transcript.
 *
 * A transcript page with a player (.cs-player, written by coursesite/player.py) gets: timestamps that seek
 * the video and play, the paragraph being spoken highlighted and kept in view (unless "Follow" is off), a
 * #t-3m15s link that starts there, and keys (k or space, j, l, ?). YouTube and Vimeo load only when the
 * reader clicks the poster or a timestamp; the offline copy and pages read from disk link out instead.
 * Runs on every page Material shows, instant navigation included (its document$ observable).
 */
(function () {
  "use strict";

  var SKIP = 10; // seconds back and forward (j, l)
  var YOUTUBE_API = "https://www.youtube.com/iframe_api";
  var VIMEO_API = "https://player.vimeo.com/api/player.js";
  var KEYS = [[["k", "Space"], "Play or pause"], [["j"], "Back 10 seconds"], [["l"], "Forward 10 seconds"],
    [["d"], "Mark as done, or not done (progress.js)"], [["?"], "Show these shortcuts"]];
  var STUDY_KEYS = KEYS.slice(3); // a video or lab page without a player: d and ?
  var page = null; // the player on screen and its transcript, or null on a page without one

  // "t-3m15s", "es-t-1h02m05s", "t-0m10s-2" (two paragraphs in one second): the second it starts at
  function secondsOf(id) {
    var match = /(?:^|-)t-(?:(\d+)h)?(\d+)m(\d+)s(?:-\d+)?$/.exec(id || "");
    return match ? (+(match[1] || 0)) * 3600 + (+match[2]) * 60 + (+match[3]) : null;
  }

  function embeddable() {
    return location.protocol !== "file:" && !document.body.hasAttribute("data-cs-offline");
  }

  function setUp() {
    var root = document.querySelector(".cs-player[data-cs-player]");
    if (page && page.root === root) return; // told twice of one page (see the end of this file)
    if (page && page.timer) clearInterval(page.timer);
    page = null;
    if (!root) return;
    var kind = root.getAttribute("data-cs-player");
    var hash = decodeURIComponent(location.hash.slice(1));
    page = {
      root: root,
      kind: kind,
      media: null,
      start: secondsOf(hash),
      blocks: Array.prototype.map.call(document.querySelectorAll(".cs-transcript"), function (block) {
        var stamps = block.querySelectorAll("h2.cs-ts[id]");
        return { stamps: Array.prototype.filter.call(stamps, function (h) { return secondsOf(h.id) !== null; }),
          current: null };
      }),
      follow: stored("coursesite.follow") !== "off",
      timer: null
    };
    addBar(root);
    root.closest("article").addEventListener("click", onTimestamp);
    if (kind === "html5") {
      page.media = html5(root.querySelector("video"), page.start);
    } else if (embeddable()) {
      posterButton(root);
    }
  }

  // -- the players, each behind the same small interface: play, pause, paused, time, seek ----------------
  // A time set before the browser can seek there is lost: before the video's length is known, or where the
  // server has not said it answers range requests yet (one that never does, python -m http.server, cannot seek).
  function html5(video, start) {
    var pending = start;
    function seekPending() {
      var ranges = video.seekable, reachable = false;
      for (var i = 0; i < ranges.length; i++) reachable = reachable || (ranges.start(i) <= pending && pending <= ranges.end(i));
      if (pending !== null && reachable) {
        video.currentTime = pending;
        pending = null;
      }
      if (pending !== null && video.readyState > 0) video.preload = "auto"; // download on, up to that time
    }
    ["loadedmetadata", "progress", "canplaythrough"].forEach(function (name) { video.addEventListener(name, seekPending); });
    if (start !== null) show(start, false);
    seekPending();
    video.addEventListener("timeupdate", function () { if (pending === null) show(video.currentTime, !video.paused); });
    video.addEventListener("play", function () { page.root.classList.add("cs-player--on"); });
    return {
      play: function () { var playing = video.play(); if (playing) playing.catch(function () {}); },
      pause: function () { video.pause(); },
      paused: function () { return video.paused; },
      time: function () { return pending !== null ? pending : video.currentTime; },
      seek: function (seconds) { pending = seconds; seekPending(); }
    };
  }

  function youtube(box, id, start, ready) {
    loadApi(YOUTUBE_API, function () { return window.YT && window.YT.Player; }, "onYouTubeIframeAPIReady").then(
      function () {
        var player = new window.YT.Player(box, {
          host: "https://www.youtube-nocookie.com",
          videoId: id,
          playerVars: { start: Math.floor(start), autoplay: 1, playsinline: 1, rel: 0 },
          events: {
            onReady: function () {
              var frame = player.getIframe && player.getIframe();
              if (frame) frame.title = titleOf();
              player.playVideo();
            },
            onStateChange: function (event) { polling(event.data === 1, function () { return player.getCurrentTime(); }); }
          }
        });
        ready({
          play: function () { player.playVideo(); },
          pause: function () { player.pauseVideo(); },
          paused: function () { return player.getPlayerState() !== 1; },
          time: function () { return player.getCurrentTime(); },
          seek: function (seconds) { player.seekTo(seconds, true); }
        });
      });
  }

  function vimeo(box, id, key, start, ready) {
    loadApi(VIMEO_API, function () { return window.Vimeo && window.Vimeo.Player; }).then(function () {
      var address = "https://vimeo.com/" + id + (key ? "/" + key : "");
      var player = new window.Vimeo.Player(box, { url: address, autoplay: true, dnt: true, title: false });
      var state = { paused: true, time: start };
      player.on("play", function () { state.paused = false; });
      player.on("pause", function () { state.paused = true; });
      player.on("timeupdate", function (data) { state.time = data.seconds; show(data.seconds, !state.paused); });
      player.ready().then(function () {
        var frame = box.querySelector("iframe");
        if (frame) frame.title = titleOf();
        if (start) player.setCurrentTime(start);
      });
      ready({
        play: function () { player.play(); },
        pause: function () { player.pause(); },
        paused: function () { return state.paused; },
        time: function () { return state.time; },
        seek: function (seconds) { state.time = seconds; player.setCurrentTime(seconds); }
      });
    });
  }

  // YouTube tells the time only when asked: ask four times a second while it plays.
  function polling(on, time) {
    if (page.timer) clearInterval(page.timer);
    page.timer = on ? setInterval(function () { show(time(), true); }, 250) : null;
  }

  var apis = {};
  function loadApi(src, loaded, callback) {
    if (loaded()) return Promise.resolve();
    if (!apis[src]) {
      apis[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        if (callback) {
          var previous = window[callback];
          window[callback] = function () { if (previous) previous(); resolve(); };
        } else {
          script.onload = resolve;
        }
        script.onerror = function () { delete apis[src]; reject(); };
        document.head.appendChild(script);
      });
    }
    return apis[src];
  }

  // -- the poster of a third-party player: a link out, made a button that loads the player here ----------
  function posterButton(root) {
    var link = root.querySelector("a.cs-poster");
    if (!link) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    while (link.firstChild) button.appendChild(link.firstChild);
    var site = page.kind === "youtube" ? "YouTube" : "Vimeo";
    button.querySelector(".cs-poster__note").textContent = "Play here (loads " + site + "'s player)";
    button.setAttribute("data-cs-watch", link.href);
    link.replaceWith(button);
    button.addEventListener("click", function () { loadPlayer(page.start || 0); });
  }

  function loadPlayer(start) {
    if (page.loading) { page.start = start; return; }
    page.loading = true;
    var root = page.root, current = page;
    var box = document.createElement("div");
    box.className = "cs-player__frame";
    var poster = root.querySelector(".cs-poster");
    root.replaceChild(box, poster);
    root.classList.add("cs-player--on");
    function ready(media) {
      if (page !== current) return; // the reader has moved on to another page
      page.media = media;
      if (page.start !== null && page.start !== start) media.seek(page.start);
    }
    page.start = start;
    if (page.kind === "youtube") youtube(box, root.getAttribute("data-cs-id"), start, ready);
    else vimeo(box, root.getAttribute("data-cs-id"), root.getAttribute("data-cs-hash"), start, ready);
    show(start, false);
  }

  function titleOf() {
    var heading = document.querySelector("article h1");
    return "Video: " + (heading ? heading.textContent : document.title);
  }

  // -- the transcript follows the video ------------------------------------------------------------------
  function show(time, playing) {
    page.blocks.forEach(function (block) {
      var now = null;
      for (var i = 0; i < block.stamps.length && secondsOf(block.stamps[i].id) <= time + 0.25; i++) now = block.stamps[i];
      if (now === block.current) return;
      if (block.current) { block.current.classList.remove("cs-now"); block.current.removeAttribute("aria-current"); }
      block.current = now;
      if (!now) return;
      now.classList.add("cs-now");
      now.setAttribute("aria-current", "time");
      if (playing && page.follow && now.offsetParent !== null) keepInView(now);
    });
  }

  // In sight below the header and the player (sticky while it plays): a quarter down what is left, or higher if
  // the paragraph would not fit.
  function keepInView(heading) {
    var header = document.querySelector(".md-header");
    var top = Math.max(header ? header.getBoundingClientRect().bottom : 0,
      page.root.classList.contains("cs-player--on") ? page.root.getBoundingClientRect().bottom : 0);
    var box = heading.getBoundingClientRect();
    var bottom = (heading.nextElementSibling || heading).getBoundingClientRect().bottom;
    if (box.top >= top && bottom <= window.innerHeight) return;
    var room = window.innerHeight - top;
    var offset = Math.max(0, Math.min(room / 4, room - (bottom - box.top) - 8));
    var smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollBy({ top: box.top - top - offset, behavior: smooth ? "smooth" : "auto" });
  }

  function onTimestamp(event) {
    var link = event.target.closest && event.target.closest("h2.cs-ts a");
    if (!page || !link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var at = secondsOf(link.parentElement.id);
    if (at === null) return;
    if (page.media) {
      page.media.seek(at);
      page.media.play();
      show(at, false);
    } else if (page.kind !== "html5" && embeddable()) {
      loadPlayer(at);
    } else {
      return; // the link goes to the video's site, at that second
    }
    event.preventDefault();
    event.stopPropagation(); // Material's instant navigation would follow it
  }

  // -- the bar under the player: follow, and the shortcut list --------------------------------------------
  function addBar(root) {
    var bar = document.createElement("div");
    bar.className = "cs-player__bar";
    var follow = button("Follow the video", function () {
      page.follow = !page.follow;
      follow.setAttribute("aria-pressed", String(page.follow));
      store("coursesite.follow", page.follow ? "on" : "off");
    });
    follow.setAttribute("aria-pressed", String(page.follow));
    follow.classList.add("cs-player__follow");
    var keys = button("Keyboard shortcuts", function () { showKeys(page.root, KEYS); });
    keys.setAttribute("aria-keyshortcuts", "Shift+?");
    bar.append(follow, keys);
    root.after(bar);
  }

  function button(label, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "cs-button";
    element.textContent = label;
    element.addEventListener("click", action);
    return element;
  }

  // The shortcuts this page answers, listed after ``anchor`` (the player, or the page's "Mark as done").
  function showKeys(anchor, keys) {
    var dialog = anchor.parentNode.querySelector("dialog.cs-keys");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "cs-keys";
      dialog.setAttribute("aria-labelledby", "cs-keys-title");
      var title = document.createElement("p");
      title.id = "cs-keys-title";
      title.className = "cs-keys__title";
      title.textContent = "Keyboard shortcuts";
      var list = document.createElement("dl");
      keys.forEach(function (entry) {
        var term = document.createElement("dt"), what = document.createElement("dd");
        entry[0].forEach(function (key, index) {
          var kbd = document.createElement("kbd");
          kbd.textContent = key;
          term.append(index ? " or " : "", kbd);
        });
        what.textContent = entry[1];
        list.append(term, what);
      });
      var form = document.createElement("form");
      form.method = "dialog";
      var close = document.createElement("button");
      close.className = "cs-button";
      close.textContent = "Close";
      form.appendChild(close);
      dialog.append(title, list, form);
      anchor.after(dialog);
    }
    if (!dialog.open) dialog.showModal();
  }

  // -- keys: never while the reader types, nor when a control or a player has the focus ---------------
  function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var target = event.target instanceof Element ? event.target : document.body;
    if (target.closest("input, textarea, select, [contenteditable], video, audio, iframe, dialog")) return;
    var key = event.key;
    var study = page ? null : document.querySelector(".cs-study[data-cs-item]");
    if (key === "?" && (page || study)) {
      if (page) showKeys(page.root, KEYS); else showKeys(study, STUDY_KEYS);
    } else if (!page || !page.media) {
      return;
    } else if (key === "k" || (key === " " && !target.closest("a, button, summary, label, [tabindex]"))) {
      if (page.media.paused()) page.media.play(); else page.media.pause();
    } else if (key === "j" || key === "l") {
      page.media.seek(Math.max(0, page.media.time() + (key === "j" ? -SKIP : SKIP)));
      show(page.media.time(), !page.media.paused());
    } else {
      return;
    }
    event.preventDefault();
  }

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; } // storage may be off
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* the choice lasts for this page */ }
  }

  document.addEventListener("keydown", onKey);
  // Material's document$ tells of each page, instant navigation included. A page read from disk (file://) with
  // navigation.instant on never hears from it (Material 9 completes it there at once), so the first page's
  // DOMContentLoaded is listened to as well.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
