"use strict";
// The review page's script. Article text only ever reaches the page through textContent and
// text nodes, never as markup; every handler is attached here, none inline.
(() => {
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const arts = data.articles;
  const rules = data.rules;
  const SAFETY = ["safe", "unsafe", "display-only"];

  // state[a][c][k] is "accepted", "rejected" or "undecided"; safe steps start accepted.
  const state = arts.map((a) => a.changes.map((c) => c.steps.map((s) => (s.safety === "safe" ? "accepted" : "undecided"))));
  const flat = []; // every step in page order: [article, change, step]
  arts.forEach((a, ai) => a.changes.forEach((c, ci) => c.steps.forEach((s, k) => flat.push([ai, ci, k]))));
  const flatIndex = arts.map(() => []);
  flat.forEach(([ai, ci, k], i) => { (flatIndex[ai][ci] ||= [])[k] = i; });
  const sections = [];
  const rendered = arts.map(() => false);
  const filter = { category: "", rule: "", show: new Set([...SAFETY, "note"]) };
  let cursor = -1;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  const stepId = (ai, ci, k) => `c${ai}-${ci}-${k}`;
  const label = (f) => (f.rule === "LT" ? `LT:${f.name}` : `${f.rule} ${f.name}`);

  // -- the corrected text and its unified diff (the same as Python's difflib) -------------------

  function taken(ai, ci) {
    const st = state[ai][ci];
    let n = 0;
    while (n < st.length && st[n] === "accepted") n++;
    return n;
  }

  function corrected(ai) { // each change's range replaced by its last accepted step
    const a = arts[ai];
    const parts = [];
    let last = 0;
    a.changes.forEach((c, ci) => {
      const n = taken(ai, ci);
      if (n) {
        parts.push(a.text.slice(last, c.start), c.steps[n - 1].text);
        last = c.end;
      }
    });
    parts.push(a.text.slice(last));
    return parts.join("");
  }

  const BREAK = "\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029";
  const LINE = new RegExp(`[^${BREAK}]*(?:\\r\\n|[${BREAK}]|$)`, "gu");

  function splitlines(text) { // Python's str.splitlines(keepends=True)
    const lines = [];
    LINE.lastIndex = 0;
    while (LINE.lastIndex < text.length) lines.push(LINE.exec(text)[0]);
    return lines;
  }

  // Python's difflib.SequenceMatcher (no junk function, autojunk on), so that the page's diff is
  // character for character what `cleanup fix --diff` prints for the same text.
  function matchingBlocks(a, b) {
    const b2j = new Map();
    b.forEach((line, j) => {
      if (!b2j.has(line)) b2j.set(line, []);
      b2j.get(line).push(j);
    });
    if (b.length >= 200) { // "popular" lines are left out of the index, as difflib does
      const most = Math.floor(b.length / 100) + 1;
      for (const [line, where] of [...b2j]) if (where.length > most) b2j.delete(line);
    }
    const longest = (alo, ahi, blo, bhi) => {
      let besti = alo, bestj = blo, bestsize = 0;
      let j2len = new Map();
      for (let i = alo; i < ahi; i++) {
        const next = new Map();
        for (const j of b2j.get(a[i]) || []) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    };
    const queue = [[0, a.length, 0, b.length]];
    const blocks = [];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const [i, j, k] = longest(alo, ahi, blo, bhi);
      if (!k) continue;
      blocks.push([i, j, k]);
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
    blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    const merged = [];
    let [i1, j1, k1] = [0, 0, 0];
    for (const [i2, j2, k2] of blocks) {
      if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
      else {
        if (k1) merged.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) merged.push([i1, j1, k1]);
    merged.push([a.length, b.length, 0]);
    return merged;
  }

  function groupedOpcodes(a, b, n) {
    let codes = [];
    let i = 0, j = 0;
    for (const [ai, bj, size] of matchingBlocks(a, b)) {
      const tag = i < ai && j < bj ? "replace" : i < ai ? "delete" : j < bj ? "insert" : "";
      if (tag) codes.push([tag, i, ai, j, bj]);
      i = ai + size;
      j = bj + size;
      if (size) codes.push(["equal", ai, i, bj, j]);
    }
    if (!codes.length) codes = [["equal", 0, 1, 0, 1]];
    if (codes[0][0] === "equal") {
      const [t, i1, i2, j1, j2] = codes[0];
      codes[0] = [t, Math.max(i1, i2 - n), i2, Math.max(j1, j2 - n), j2];
    }
    const last = codes.length - 1;
    if (codes[last][0] === "equal") {
      const [t, i1, i2, j1, j2] = codes[last];
      codes[last] = [t, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)];
    }
    const groups = [];
    let group = [];
    for (let [t, i1, i2, j1, j2] of codes) {
      if (t === "equal" && i2 - i1 > 2 * n) {
        group.push([t, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
        groups.push(group);
        group = [];
        i1 = Math.max(i1, i2 - n);
        j1 = Math.max(j1, j2 - n);
      }
      group.push([t, i1, i2, j1, j2]);
    }
    if (group.length && !(group.length === 1 && group[0][0] === "equal")) groups.push(group);
    return groups;
  }

  function unifiedDiff(ai) { // difflib.unified_diff of the lines, as cleanup.diffs.render_unified
    const a = arts[ai];
    const before = splitlines(a.text);
    const after = splitlines(corrected(ai));
    const side = (prefix) => (a.path.startsWith("/") ? a.path : `${prefix}/${a.path}`);
    const range = (start, stop) => {
      const length = stop - start;
      return length === 1 ? `${start + 1}` : `${length ? start + 1 : start},${length}`;
    };
    const out = [];
    for (const group of groupedOpcodes(before, after, 3)) {
      if (!out.length) out.push(`--- ${side("a")}\n`, `+++ ${side("b")}\n`);
      const first = group[0], end = group[group.length - 1];
      out.push(`@@ -${range(first[1], end[2])} +${range(first[3], end[4])} @@\n`);
      for (const [t, i1, i2, j1, j2] of group) {
        if (t === "equal") {
          for (const l of before.slice(i1, i2)) out.push(` ${l}`);
          continue;
        }
        if (t === "replace" || t === "delete") for (const l of before.slice(i1, i2)) out.push(`-${l}`);
        if (t === "replace" || t === "insert") for (const l of after.slice(j1, j2)) out.push(`+${l}`);
      }
    }
    return out.join("");
  }

  function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = el("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
  const baseName = (path) => (path === "-" ? "stdin.txt" : path.split(/[\\/]/).pop() || "article.txt");

  // -- decisions ------------------------------------------------------------------------------

  function setStep(ai, ci, k, verdict) {
    state[ai][ci][k] = verdict;
    const node = rendered[ai] && document.getElementById(stepId(ai, ci, k));
    if (node) node.dataset.state = verdict;
  }

  function decide(ai, ci, k, verdict) { // steps are a chain: taking one takes the ones before it
    const steps = state[ai][ci];
    if (verdict === "accepted") for (let j = 0; j <= k; j++) setStep(ai, ci, j, verdict);
    else for (let j = k; j < steps.length; j++) setStep(ai, ci, j, verdict);
    updateCounts(ai);
  }

  function decideAll(ai, verdict, onlySafe) {
    arts[ai].changes.forEach((c, ci) => c.steps.forEach((s, k) => {
      if (!onlySafe || s.safety === "safe") setStep(ai, ci, k, verdict);
    }));
    updateCounts(ai);
  }

  function tally(ai) {
    const t = { accepted: 0, rejected: 0, undecided: 0 };
    for (const st of state[ai]) for (const v of st) t[v]++;
    return t;
  }

  function updateCounts(ai) {
    const t = tally(ai);
    const notes = arts[ai].notes.length;
    sections[ai].counts.textContent = `${t.accepted + t.rejected + t.undecided} changes: ${t.accepted} accepted, `
      + `${t.rejected} rejected, ${t.undecided} undecided · ${notes} without a fix`;
    updateTally();
  }

  let tallyPending = false;
  function updateTally() {
    if (tallyPending) return;
    tallyPending = true;
    requestAnimationFrame(() => {
      tallyPending = false;
      const t = { accepted: 0, rejected: 0, undecided: 0 };
      for (const art of state) for (const st of art) for (const v of st) t[v]++;
      document.getElementById("tally").textContent = `${t.accepted} accepted · ${t.rejected} rejected · ${t.undecided} undecided`;
    });
  }

  // -- rendering --------------------------------------------------------------------------------

  function stepNode(ai, ci, k) {
    const a = arts[ai];
    const c = a.changes[ci];
    const s = c.steps[k];
    const before = k === 0 ? a.text.slice(c.start, c.end) : c.steps[k - 1].text;
    const node = el("span", `chg ${s.safety}`);
    node.id = stepId(ai, ci, k);
    node.tabIndex = 0;
    node.dataset.state = state[ai][ci][k];
    node.dataset.flat = flatIndex[ai][ci][k];
    if (before) node.append(visible(el("del", null, before)));
    if (s.text) node.append(visible(el("ins", null, s.text)));
    const ctl = el("span", "ctl");
    const acc = el("button", "acc", "✓");
    const rej = el("button", "rej", "✗");
    acc.type = rej.type = "button";
    acc.tabIndex = rej.tabIndex = -1;
    acc.title = "Accept (a)";
    rej.title = "Reject (r)";
    acc.setAttribute("aria-label", "accept");
    rej.setAttribute("aria-label", "reject");
    ctl.append(acc, rej);
    node.append(ctl);
    return node;
  }

  function visible(node) { // whitespace-only text gets a visible sign beside it (CSS, not text)
    const text = node.textContent;
    if (/^\s+$/u.test(text)) {
      node.classList.add("ws");
      node.dataset.show = text.replace(/\r?\n/gu, "↵").replace(/[^\S\n]/gu, "␣");
    }
    return node;
  }

  function noteNode(ai, notes, text) {
    const node = el("mark", text ? "note" : "note empty", text);
    node.tabIndex = 0;
    node.dataset.a = ai;
    node.dataset.notes = notes.join(" ");
    return node;
  }

  function renderArticle(ai) {
    if (rendered[ai]) return;
    rendered[ai] = true;
    const a = arts[ai];
    const sec = sections[ai];
    const text = a.text;
    const notes = a.notes.map((j) => [j, a.findings[j]]);
    const points = new Set([0, text.length]);
    for (const c of a.changes) points.add(c.start).add(c.end);
    for (const [, f] of notes) points.add(f.start).add(f.end);
    const sorted = [...points].sort((x, y) => x - y);
    const frag = document.createDocumentFragment();
    let ci = 0, skip = 0;
    sorted.forEach((p, pi) => {
      const inside = p < skip;
      const empty = notes.filter(([, f]) => f.start === p && f.end === p).map(([j]) => j);
      if (empty.length && !inside) frag.append(noteNode(ai, empty, ""));
      while (ci < a.changes.length && a.changes[ci].start === p) {
        a.changes[ci].steps.forEach((s, k) => frag.append(stepNode(ai, ci, k)));
        skip = Math.max(skip, a.changes[ci].end);
        ci++;
      }
      const q = sorted[pi + 1];
      if (q === undefined || p < skip) return;
      const over = notes.filter(([, f]) => f.start <= p && q <= f.end && f.start < f.end).map(([j]) => j);
      const piece = text.slice(p, q);
      frag.append(over.length ? noteNode(ai, over, piece) : document.createTextNode(piece));
    });
    sec.doc.textContent = "";
    sec.doc.classList.remove("pending");
    sec.doc.style.minHeight = "";
    sec.doc.append(frag);
    if (notes.length) {
      const list = el("ul", "notes");
      for (const [j, f] of notes) {
        const li = el("li");
        li.dataset.note = j;
        li.append(el("span", "tag note", "no fix"), " ", el("strong", null, label(f)), ` ${f.message}`);
        if (f.fix) li.append(el("em", null, ` (its fix “${f.fix}” overlaps a change shown, so it is left out)`));
        list.append(li);
      }
      sec.node.append(list);
    }
    applyFilter(ai);
  }

  function buildSections() {
    const main = document.getElementById("articles");
    const observer = "IntersectionObserver" in window
      ? new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (e.isIntersecting) {
            observer.unobserve(e.target);
            renderArticle(Number(e.target.dataset.a));
          }
        }
      }, { rootMargin: "1200px 0px" })
      : null;
    const frag = document.createDocumentFragment();
    arts.forEach((a, ai) => {
      const node = el("article");
      node.dataset.a = ai;
      node.id = `a${ai}`;
      node.append(el("h2", null, a.path));
      const actions = el("div", "actions");
      const counts = el("span", "counts");
      actions.append(counts);
      for (const [action, text] of [["accept-safe", "Accept all safe"], ["accept-all", "Accept all"],
        ["reject-all", "Reject all"], ["download-text", "Download corrected text"], ["download-diff", "Download diff"]]) {
        const b = el("button", null, text);
        b.type = "button";
        b.dataset.action = action;
        actions.append(b);
      }
      const doc = el("div", "doc pending", "…");
      doc.style.minHeight = `${Math.ceil(a.text.length / 75) * 1.6}em`;
      node.append(actions, doc);
      sections[ai] = { node, doc, counts };
      frag.append(node);
      if (observer) observer.observe(node); else renderArticle(ai);
    });
    main.append(frag);
    arts.forEach((a, ai) => updateCounts(ai));
  }

  // -- summary, rules, details -------------------------------------------------------------------

  function chart(id, counts, limit) {
    const box = document.getElementById(id);
    const rows = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const max = rows.length ? rows[0][1] : 1;
    for (const [name, count] of rows.slice(0, limit)) {
      const row = el("div", "bar-row");
      const bar = el("div", "bar");
      bar.style.width = `${(100 * count) / max}%`;
      const track = el("div");
      track.append(bar);
      row.append(el("span", null, name), track, el("span", null, String(count)));
      row.title = `${name}: ${count}`;
      box.append(row);
    }
    if (rows.length > limit) box.append(el("p", null, `and ${rows.length - limit} more`));
    if (!rows.length) box.append(el("p", null, "none"));
  }

  function buildSummary() {
    const byCategory = new Map();
    const byRule = new Map();
    const bySafety = new Map(SAFETY.map((s) => [s, 0]));
    let notes = 0;
    for (const a of arts) {
      for (const f of a.findings) {
        byCategory.set(f.category, (byCategory.get(f.category) || 0) + 1);
        byRule.set(label(f), (byRule.get(label(f)) || 0) + 1);
      }
      for (const c of a.changes) for (const s of c.steps) bySafety.set(s.safety, bySafety.get(s.safety) + 1);
      notes += a.notes.length;
    }
    const steps = [...bySafety.values()].reduce((x, y) => x + y, 0);
    document.getElementById("totals").textContent = `${arts.length} article${arts.length === 1 ? "" : "s"} · `
      + `${steps} changes (${SAFETY.map((s) => `${bySafety.get(s)} ${s}`).join(", ")}) · ${notes} findings without a fix`;
    chart("by-category", byCategory, 10);
    chart("by-rule", byRule, 10);
    const cat = document.getElementById("f-category");
    for (const name of [...byCategory.keys()].sort()) cat.append(new Option(name, name));
    const rule = document.getElementById("f-rule");
    const codes = new Map();
    for (const a of arts) for (const f of a.findings) codes.set(f.rule, f.rule === "LT" ? "LanguageTool" : f.name);
    for (const code of [...codes.keys()].sort()) rule.append(new Option(`${code} ${codes.get(code)}`, code));
  }

  function buildRules() {
    const box = document.getElementById("rules");
    for (const code of Object.keys(rules).sort()) {
      const h = el("h3", null, `${code} ${rules[code].name}`);
      h.id = `rule-${code}`;
      box.append(h, el("pre", null, rules[code].doc));
    }
  }

  function reasonNodes(f, withFix) {
    const out = [];
    const head = el("p");
    head.append(el("span", "code", label(f)), ` (${f.category}, ${f.severity})`);
    out.push(head, el("p", null, f.message));
    if (withFix && f.fix) out.push(el("p", null, `Fix: ${f.fix} (${f.safety})`));
    if (rules[f.rule]) {
      const p = el("p");
      const link = el("a", null, `cleanup rules ${f.rule}`);
      link.href = `#rule-${f.rule}`;
      p.append(link, `: ${rules[f.rule].summary}`);
      out.push(p);
    }
    return out;
  }

  function showDetails(node) {
    const box = document.getElementById("details");
    box.textContent = "";
    if (node.classList.contains("chg")) {
      const [ai, ci, k] = flat[Number(node.dataset.flat)];
      const s = arts[ai].changes[ci].steps[k];
      const head = el("p");
      head.append(el("span", `tag ${s.safety}`, s.safety), ` ${state[ai][ci][k]}`);
      box.append(head);
      if (!s.reasons.length) box.append(el("p", null, "A follow-up: it appears once the other fixes are applied."));
      for (const j of s.reasons) box.append(...reasonNodes(arts[ai].findings[j], true));
    } else {
      const ai = Number(node.dataset.a);
      box.append(el("p", "tag note", "no fix"));
      for (const j of node.dataset.notes.split(" ")) box.append(...reasonNodes(arts[ai].findings[Number(j)], false));
    }
    box.hidden = false;
  }

  // -- filters and navigation --------------------------------------------------------------------

  function matches(ai, reasons, kind) {
    if (!filter.show.has(kind)) return false;
    const found = reasons.map((j) => arts[ai].findings[j]);
    if (filter.category && !found.some((f) => f.category === filter.category)) return false;
    if (filter.rule && !found.some((f) => f.rule === filter.rule)) return false;
    return true;
  }

  function stepMatches(i) {
    const [ai, ci, k] = flat[i];
    const s = arts[ai].changes[ci].steps[k];
    return matches(ai, s.reasons, s.safety);
  }

  function applyFilter(ai) {
    if (!rendered[ai]) return;
    const node = sections[ai].node;
    for (const e of node.querySelectorAll(".chg")) e.classList.toggle("out", !stepMatches(Number(e.dataset.flat)));
    for (const e of node.querySelectorAll("mark.note")) {
      e.classList.toggle("out", !e.dataset.notes.split(" ").some((j) => matches(ai, [Number(j)], "note")));
    }
    for (const e of node.querySelectorAll("li[data-note]")) e.classList.toggle("out", !matches(ai, [Number(e.dataset.note)], "note"));
  }

  function readFilters() {
    filter.category = document.getElementById("f-category").value;
    filter.rule = document.getElementById("f-rule").value;
    filter.show = new Set([...document.querySelectorAll("#f-safety input:checked")].map((e) => e.value));
    arts.forEach((a, ai) => applyFilter(ai));
  }

  function focusStep(i) {
    const [ai, ci, k] = flat[i];
    renderArticle(ai);
    const node = document.getElementById(stepId(ai, ci, k));
    cursor = i;
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "center" });
    showDetails(node);
  }

  function move(dir) {
    const active = document.activeElement;
    let i = active && active.classList.contains("chg") ? Number(active.dataset.flat) : cursor;
    for (let n = 0; n < flat.length; n++) {
      i += dir;
      if (i < 0 || i >= flat.length) return;
      if (stepMatches(i)) { focusStep(i); return; }
    }
  }

  function current() {
    const active = document.activeElement;
    if (active && active.classList.contains("chg")) return Number(active.dataset.flat);
    return cursor >= 0 ? cursor : null;
  }

  // -- events -----------------------------------------------------------------------------------

  document.addEventListener("click", (e) => {
    const button = e.target.closest("button");
    if (!button) return;
    const step = button.closest(".chg");
    if (step) {
      const [ai, ci, k] = flat[Number(step.dataset.flat)];
      decide(ai, ci, k, button.classList.contains("acc") ? "accepted" : "rejected");
      step.focus({ preventScroll: true });
      cursor = Number(step.dataset.flat);
      showDetails(step);
      return;
    }
    const article = button.closest("article");
    if (button.id === "download-all-diff") {
      download("corrections.diff", arts.map((a, ai) => unifiedDiff(ai)).join(""));
    } else if (article) {
      const ai = Number(article.dataset.a);
      const action = button.dataset.action;
      if (action === "accept-safe") decideAll(ai, "accepted", true);
      else if (action === "accept-all") decideAll(ai, "accepted", false);
      else if (action === "reject-all") decideAll(ai, "rejected", false);
      else if (action === "download-text") download(baseName(arts[ai].path), corrected(ai));
      else if (action === "download-diff") download(`${baseName(arts[ai].path)}.diff`, unifiedDiff(ai));
    }
  });

  for (const type of ["focusin", "mouseover"]) {
    document.addEventListener(type, (e) => {
      const node = e.target instanceof Element && e.target.closest(".chg, mark.note");
      if (node) showDetails(node);
    });
  }

  document.addEventListener("keydown", (e) => {
    const typing = e.target instanceof Element && e.target.closest("input, select, textarea");
    if (e.ctrlKey || e.metaKey || e.altKey || typing) return;
    if (e.key === "j" || e.key === "k") {
      move(e.key === "j" ? 1 : -1);
    } else if (e.key === "a" || e.key === "r") {
      const i = current();
      if (i === null) return;
      const [ai, ci, k] = flat[i];
      decide(ai, ci, k, e.key === "a" ? "accepted" : "rejected");
      showDetails(document.getElementById(stepId(ai, ci, k)));
    } else if (e.key === "Escape") {
      document.getElementById("details").hidden = true;
      return;
    } else {
      return;
    }
    e.preventDefault();
  });

  for (const id of ["f-category", "f-rule"]) document.getElementById(id).addEventListener("change", readFilters);
  document.getElementById("f-safety").addEventListener("change", readFilters);

  // The page's own API for scripts and tests: the text and diff a choice gives.
  window.cleanupReview = { corrected, unifiedDiff, state, render: renderArticle };

  buildSummary();
  buildRules();
  buildSections();
  document.body.dataset.ready = "true";
  performance.mark("cleanup-review-ready");
})();
