// electoral: the browser app. Plain JavaScript, no build step, nothing from the internet.
// The map is drawn from /api/map (the shapes `electoral map` renders in Python); history
// colours come from /api/view/{year}; scenario totals mirror electoral.web.scenario.totals.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const RATING_ORDER = ["T", "D3", "D2", "D1", "R1", "R2", "R3"]; // share-code order
const CYCLE = ["T", "D3", "D2", "D1", "R3", "R2", "R1"]; // click: safe, likely, lean each side
const cycleOrder = () => (S.scenario && S.scenario.candidates.O ? [...CYCLE, "O"] : CYCLE);
const S = {
  shapes: null, ratings: {}, alphabet: "", years: [], forecastYears: [], mode: "history", view: "map",
  year: null, history: null, result: null,
  scenario: null, units: [], electors: {}, majority: 270, house: { states: 50, needed: 26 },
  undo: [], forecastTimer: null, forecastSeq: 0, pathsSeq: 0, pathOrder: [], pathDecisions: {},
  live: null, liveSeq: 0, liveTimer: null, liveNames: null, liveUnits: [], nav: 0,
};
const $ = (id) => document.getElementById(id);

async function api(path, options) {
  const res = await fetch(path, options);
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = (await res.json()).detail; } catch (e) { /* not JSON */ }
    throw new Error(detail);
  }
  return res.status === 204 ? null : res.json();
}
const post = (path, body) => api(path, {
  method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
});

function el(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "style") e.style.cssText = v;  // CSSOM: allowed by the page's CSP
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
const fmt = (n) => n.toLocaleString("en-US");

// ---------------------------------------------------------------------------------------
// Units shown and their paint: {unit: {fill, ink, electors, title}}.

// History shaded by margin (mirrors electoral.maps.view.margin_fill): the full colour at a
// lead of 15 points or more, Likely's tint from 5, Lean's under 5.
function marginFill(fill, margin) {
  if (margin === null || margin === undefined || fill === "#f2f2f2") return fill;
  const k = S.shapes.tints[margin >= 15 ? "3" : margin >= 5 ? "2" : "1"];
  return "#" + [1, 3, 5].map((i) => Math.round(parseInt(fill.slice(i, i + 2), 16) * (1 - k) + 255 * k)
    .toString(16).padStart(2, "0")).join("");
}
function paint() {
  if (S.mode === "live") return livePaint();
  if (S.mode === "scenario" && S.houseMode) return housePaint();
  if (S.mode === "history") {
    const out = {};
    const shade = $("shade").checked;
    for (const u of S.history.units) {
      if (!shade) { out[u.unit] = u; continue; }
      const fill = marginFill(u.fill, u.margin);
      const lin = (c) => { const s = parseInt(c, 16) / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      const lum = 0.2126 * lin(fill.slice(1, 3)) + 0.7152 * lin(fill.slice(3, 5)) + 0.0722 * lin(fill.slice(5, 7));
      out[u.unit] = { ...u, fill, ink: lum > 0.18 ? "#111111" : "#ffffff",
        title: u.margin === null ? u.title : `${u.title} (margin ${u.margin.toFixed(1)} points)` };
    }
    return out;
  }
  const out = {};
  for (const [unit, n] of S.units) {
    const r = S.scenario.ratings[unit] || "T";
    const spec = ratingSpec(r);
    out[unit] = { unit, electors: n, fill: spec.fill, ink: spec.ink, key: r,
      title: `${unitName(unit)}: ${n} elector${n === 1 ? "" : "s"}, ${spec.label}` };
  }
  return out;
}
// A rating's fill from the side's own colour (mirrors electoral.maps.view.rating_fill): the
// packaged shades for the default colours, else the colour mixed with white.
function ratingSpec(r) {
  const sc = S.scenario;
  const side = r[0], color = sc && sc.colors ? sc.colors[side] : null;
  const base = S.ratings[r];
  const label = r === "O" ? (sc && sc.candidates.O) || base.label : base.label;
  if (r === "T" || !color || color === S.shapes.colors[side]) return { ...base, label };
  const k = S.shapes.tints[r.slice(1) || "3"];
  const rgb = [1, 3, 5].map((i) => Math.round(parseInt(color.slice(i, i + 2), 16) * (1 - k) + 255 * k));
  const lin = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  const lum = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
  return { code: r, label, fill: "#" + rgb.map((c) => c.toString(16).padStart(2, "0")).join(""),
    ink: lum > 0.18 ? "#111111" : "#ffffff" };
}
function unitName(unit) {
  const [st, d] = unit.split("-");
  const s = S.shapes.states.find((x) => x.code === st);
  return (s ? s.name : st) + (d ? ` district ${d}` : "");
}

// ---------------------------------------------------------------------------------------
// Drawing: the same elements as electoral/web/render.py.

function districtBox(unit) {
  const own = S.shapes.insets.filter((b) => b.kind === "district");
  const found = own.find((b) => b.unit === unit);
  if (found) return found;
  const [st, num] = unit.split("-");
  const mine = own.filter((b) => b.unit.startsWith(st + "-"))
    .sort((a, b) => +a.unit.split("-")[1] - +b.unit.split("-")[1]);
  const last = mine[mine.length - 1];
  const sx = mine.length > 1 ? mine[1].x - mine[0].x : last.w + 4;
  const sy = mine.length > 1 ? mine[1].y - mine[0].y : 0;
  const k = +num - +last.unit.split("-")[1];
  return { unit, kind: "district", x: last.x + k * sx, y: last.y + k * sy, w: last.w, h: last.h };
}

function gridCell(unit) {
  const g = S.shapes.grid.find((c) => c.unit === unit);
  if (g) return [g.col, g.row];
  const [st, num] = unit.split("-");
  const own = S.shapes.grid.filter((c) => c.unit.startsWith(st + "-"))
    .map((c) => [+c.unit.split("-")[1], c.col, c.row]).sort((a, b) => a[0] - b[0]);
  const [n, c, r] = own[own.length - 1];
  const sameRow = new Set(own.map((o) => o[2])).size === 1;
  return sameRow ? [c + (+num - n), r] : [c, r + (+num - n)];
}

function unitBox(svg, b, u, id, text, fontSize) {
  const g = el("g", { class: "unit", id, "data-unit": b.unit, tabindex: "0", role: "button" });
  g.append(el("title", {}, u ? u.title : b.unit));
  g.append(el("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 3,
    fill: u ? u.fill : "#f2f2f2", stroke: "#555", "stroke-width": 0.8 }));
  g.append(el("text", { x: b.x + b.w / 2, y: b.y + b.h / 2 + 5, fill: u ? u.ink : "#111",
    "text-anchor": "middle", "font-size": fontSize || 13 }, text));
  if (u) g.setAttribute("aria-label", u.title);
  svg.append(g);
}

function draw() {
  const svg = $("map");
  svg.replaceChildren();
  const units = paint();
  const label = (unit) => (units[unit] && units[unit].electors ? `${unit} ${units[unit].electors}` : unit);
  const districts = Object.keys(units).filter((u) => u.includes("-"));
  if (S.view === "grid") {
    const step = S.shapes.tile + S.shapes.tile_gap;
    let cells = Object.fromEntries(S.shapes.grid.filter((c) => !c.unit.includes("-"))
      .map((c) => [c.unit, [c.col, c.row]]));
    for (const u of districts) cells[u] = gridCell(u);
    // Too narrow for the geographic grid's tiles to stay 44 pixels: the tiles flow in reading
    // order of the grid (west to east, north to south), as many to a row as fit.
    const width = $("map-wrap").clientWidth - 8;
    const wide = Math.max(...Object.values(cells).map((c) => c[0])) + 1;
    if (width > 0 && width < wide * 46) {
      const fit = Math.max(4, Math.floor(width / 48));
      const order = Object.entries(cells).sort((a, b) => a[1][1] - b[1][1] || a[1][0] - b[1][0]);
      cells = Object.fromEntries(order.map(([u], i) => [u, [i % fit, Math.floor(i / fit)]]));
    }
    const cols = Math.max(...Object.values(cells).map((c) => c[0])) + 1;
    const rows = Math.max(...Object.values(cells).map((c) => c[1])) + 1;
    svg.setAttribute("viewBox", `-4 -4 ${cols * step + 8} ${rows * step + 8}`);
    for (const [unit, [c, r]] of Object.entries(cells)) {
      unitBox(svg, { unit, x: c * step, y: r * step, w: S.shapes.tile, h: S.shapes.tile },
        units[unit], `u-${unit}`, label(unit), 10);
    }
  } else {
    svg.setAttribute("viewBox", S.shapes.viewbox.join(" "));
    const callouts = new Set(S.shapes.insets.filter((b) => b.kind === "callout").map((b) => b.unit));
    for (const s of S.shapes.states) {
      const u = units[s.code];
      // A small state's outline is drawn but not a target: its box beside the map is (44 px).
      const small = callouts.has(s.code);
      const p = el("path", { class: small ? "shape" : "unit", id: `u-${s.code}`, d: s.path,
        fill: u ? u.fill : "#f2f2f2" });
      if (!small) { p.setAttribute("data-unit", s.code); p.setAttribute("role", "button"); p.setAttribute("tabindex", "0"); }
      if (u && !small) p.setAttribute("aria-label", u.title);
      p.append(el("title", {}, u ? u.title : s.name));
      svg.append(p);
    }
    for (const s of S.shapes.states) {
      const u = units[s.code];
      if (callouts.has(s.code) || !u) continue;
      const ink = S.shapes.outside_labels.includes(s.code) ? "#111111" : u.ink;
      const t = el("text", { x: s.label[0], y: s.label[1], fill: ink, "text-anchor": "middle",
        "font-size": 11 });
      t.append(el("tspan", { x: s.label[0] }, s.code));
      if (u.electors) t.append(el("tspan", { x: s.label[0], dy: 12 }, String(u.electors)));
      svg.append(t);
    }
    for (const b of S.shapes.insets) {
      const u = units[b.unit];
      if (b.kind === "callout") unitBox(svg, b, u, `b-${b.unit}`, label(b.unit));
      else if (b.kind === "marker") {
        svg.append(el("circle", { cx: b.x, cy: b.y, r: b.w, fill: u ? u.fill : "#f2f2f2",
          stroke: "#111", "stroke-width": 1 }));
        const box = S.shapes.insets.find((c) => c.kind === "callout" && c.unit === "DC");
        svg.append(el("line", { x1: b.x + b.w, y1: b.y, x2: box.x, y2: box.y + box.h / 2, stroke: "#777",
          "stroke-width": 0.6 }));
      }
    }
    for (const [st, caption] of [["ME", "Maine districts"], ["NE", "Nebraska districts"]]) {
      const mine = districts.filter((u) => u.startsWith(st + "-"));
      if (!mine.length) continue;
      const boxes = mine.map(districtBox);
      const first = boxes.slice().sort((a, b) => a.y - b.y || a.x - b.x)[0];
      svg.append(el("text", { x: first.x, y: first.y - 4, "font-size": 10, fill: "#111" }, caption));
      boxes.forEach((b, i) => unitBox(svg, b, units[mine[i]], `u-${mine[i]}`, label(mine[i])));
    }
  }
  svg.dataset.ready = "1";
}

// ---------------------------------------------------------------------------------------
// Totals bar and the message under it.

function setBar(segments, total, majority, appointed = total) {
  const bar = $("bar");
  bar.querySelectorAll(".seg").forEach((s) => s.remove());
  for (const s of segments) {
    if (!s.n) continue;
    const d = h("div", { class: "seg" + (s.pattern ? " pattern" : ""), title: `${s.label}: ${s.n}` });
    d.style.width = `${(100 * s.n) / total}%`;
    d.style.background = s.fill;
    bar.insertBefore(d, $("majority-mark"));
  }
  $("majority-mark").style.left = `${(100 * majority) / total}%`;
  $("majority-text").textContent = `${majority} to win: a majority of the ${appointed} electors appointed`;
}

function scenarioTotals() {
  const by = Object.fromEntries([...RATING_ORDER, "O"].map((r) => [r, 0]));
  for (const [unit, n] of S.units) by[S.scenario.ratings[unit] || "T"] += n;
  const total = S.units.reduce((a, [, n]) => a + n, 0);
  const d = by.D3 + by.D2 + by.D1;
  const r = by.R3 + by.R2 + by.R1;
  const o = by.O;
  // amend. XII: a majority of the whole number of electors appointed; else the House.
  const outcome = d >= S.majority ? "D" : r >= S.majority ? "R" : o >= S.majority ? "O"
    : by.T === 0 ? "house" : "open";
  return { by, total, d, r, o, t: by.T, outcome };
}

function renderTotals() {
  const msg = $("message");
  msg.className = "";
  if (S.mode === "history") {
    const res = S.result;
    const top = res.president.slice(0, 2);
    const color = (id) => (S.history.legend.find((l) => l.key === id)
      || S.history.units.find((u) => u.key === id) || {}).fill || "#777";
    $("name-D").textContent = top[0] ? top[0].name : "";
    $("total-D").textContent = top[0] ? top[0].electoral_votes : "";
    $("name-R").textContent = top[1] ? top[1].name : "";
    $("total-R").textContent = top[1] ? top[1].electoral_votes : "";
    $("total-D").style.color = top[0] ? color(top[0].id) : "";
    $("total-R").style.color = top[1] ? color(top[1].id) : "";
    $("toss-wrap").hidden = true; $("other-wrap").hidden = true;
    const others = res.president.slice(2);
    const segs = res.president.map((c) => ({ n: c.electoral_votes, fill: color(c.id), label: c.name }));
    const cast = res.president.reduce((a, c) => a + c.electoral_votes, 0);
    setBar([...segs.slice(0, 1), ...segs.slice(2), ...segs.slice(1, 2)],
      Math.max(cast, res.electors_appointed), res.majority, res.electors_appointed);
    const how = { electoral_college: "by the electors", house: "by the House of Representatives",
      senate: "by the Senate", undecided: "undecided" }[res.decided_by];
    msg.textContent = `President-elect: ${res.president_elect || "(none)"} (${how})` +
      (others.length ? `; also ${others.map((c) => `${c.name} ${c.electoral_votes}`).join(", ")}` : "") +
      (cast !== res.electors_appointed ? `. ${cast} votes cast for ${res.electors_appointed} electors` +
        (res.year < 1804 ? " (each elector cast two votes before the 12th Amendment)" : "") : "");
    if (res.decided_by === "house") msg.className = "house";
    return;
  }
  if (S.houseMode) { renderHouse(); return; }
  if (S.mode === "live") { renderLiveTotals(); return; }
  const t = scenarioTotals();
  $("toss-wrap").hidden = false; $("toss-wrap").firstChild.textContent = "Toss-up ";
  $("name-D").textContent = S.scenario.candidates.D;
  $("name-R").textContent = S.scenario.candidates.R;
  $("total-D").textContent = t.d; $("total-R").textContent = t.r; $("total-T").textContent = t.t;
  $("total-D").style.color = S.scenario.colors.D; $("total-R").style.color = S.scenario.colors.R;
  $("other-wrap").hidden = !S.scenario.candidates.O;
  $("name-O").textContent = S.scenario.candidates.O || ""; $("total-O").textContent = t.o;
  $("total-O").style.color = S.scenario.colors.O;
  const segs = ["D3", "D2", "D1", "T", "O", "R1", "R2", "R3"].map((r) => ({ n: t.by[r],
    fill: ratingSpec(r).fill, label: ratingSpec(r).label, pattern: r === "T" }));
  setBar(segs, t.total, S.majority);
  if (["D", "R", "O"].includes(t.outcome)) {
    msg.className = "won";
    msg.textContent = `${S.scenario.candidates[t.outcome]} wins: ${t[t.outcome.toLowerCase()]} ` +
      `of ${t.total} electors, ${S.majority} needed.`;
  } else if (t.outcome === "house") {
    msg.className = "house";
    const tie = t.d === t.r ? `${t.d}-${t.r}: a tie. ` : "";
    msg.replaceChildren(
      h("strong", {}, `${tie}No majority of the electors appointed: the House decides`),
      ` (U.S. Const. amend. XII): one vote per state delegation, a majority of the ${S.house.states} ` +
      `states needed (${S.house.needed}). `,
      h("button", { id: "house-view", onclick: () => openHouse() }, "Choose in the House: the delegation map"),
      h("span", { id: "house-result" }, houseText()));
  } else {
    msg.textContent = `${t.t} electors still toss-up.`;
  }
}

// ---------------------------------------------------------------------------------------
// The House's contingent election (amend. XII): one vote per state delegation, a majority of
// the states needed. The map becomes a delegation map: a state is a side's when a majority of
// its representatives are; a divided delegation casts no vote.

const HOUSE_CYCLE = ["D", "R", "O", "divided"];
const HOUSE_LETTER = { D: "D", R: "R", O: "O", divided: "x" };  // the link's compact form
// The states that vote in the House (not DC), sorted: mirrors scenario.house_states.
const houseStateCodes = () => S.units.map(([u]) => u).filter((u) => !u.includes("-") && u !== "DC").sort();
async function openHouse() {
  const sc = S.scenario;
  let given = null;
  if (!sc.house && S.houseYears.includes(sc.year)) given = await api(`/api/house/${sc.year}`);
  S.houseStates = {};
  for (const st of houseStateCodes()) S.houseStates[st] = (sc.house || (given && given.states) || {})[st] || "divided";
  S.houseSource = sc.house ? null : given;
  S.houseMode = true;
  draw(); renderTotals();
}
function housePaint() {
  const out = {};
  const c = S.scenario.candidates;
  for (const [unit, n] of S.units) {
    const d = S.houseStates[unit];
    if (d === undefined) {
      out[unit] = { unit, electors: 0, fill: "#f2f2f2", ink: "#111111", key: "", title: `${unitName(unit)}: no vote in the House` };
      continue;
    }
    const spec = d === "divided" ? { fill: "#e0e0e0", ink: "#111111" } : ratingSpec(d === "O" ? "O" : `${d}3`);
    out[unit] = { unit, electors: 0, fill: spec.fill, ink: spec.ink, key: d,
      title: `${unitName(unit)}: ${d === "divided" ? "delegation divided (no vote)" : `delegation for ${c[d]}`}` };
  }
  return out;
}
function houseCounts() {
  const n = {};
  for (const d of Object.values(S.houseStates)) n[d] = (n[d] || 0) + 1;
  return n;
}
function renderHouse() {
  const n = houseCounts(), c = S.scenario.candidates;
  const sides = Object.keys(c);
  $("name-D").textContent = `${c.D} states`; $("name-R").textContent = `${c.R} states`;
  $("total-D").textContent = n.D || 0; $("total-R").textContent = n.R || 0;
  $("toss-wrap").hidden = false; $("total-T").textContent = n.divided || 0;
  $("toss-wrap").firstChild.textContent = "Divided ";
  $("other-wrap").hidden = !c.O; $("total-O").textContent = n.O || 0;
  const states = Object.keys(S.houseStates).length;
  const segs = ["D", "divided", "O", "R"].map((k) => ({ n: n[k] || 0, label: k,
    fill: k === "divided" ? "#e0e0e0" : ratingSpec(k === "O" ? "O" : `${k}3`).fill, pattern: k === "divided" }));
  setBar(segs, states, S.house.needed, states);
  $("majority-text").textContent = `${S.house.needed} states to win: a majority of the ${states} states (amend. XII)`;
  const win = sides.find((k) => (n[k] || 0) >= S.house.needed);
  const src = S.houseSource;
  $("message").className = "house";
  $("message").replaceChildren(
    h("strong", { id: "house-outcome" }, win ? `${c[win]} is elected by the House: ${n[win]} of ${states} states.`
      : `No candidate has ${S.house.needed} states: the House votes again.`),
    h("p", { class: "small" }, src ? `Delegations start as in the ${src.congress}th Congress (opened ${src.opened}), ` +
      `the House that counts the ${S.scenario.year} votes: `
      : S.scenario.house ? "The delegations as this scenario keeps them. "
        : "No delegations on record for this year: every state starts divided. ",
    ...(src ? [h("a", { href: src.source, rel: "noopener" }, "source"), ". "] : []),
    TOUCH() ? "Tap a state to change its delegation." : "Click a state to change its delegation (D, R, divided)."),
    h("button", { id: "house-done", onclick: () => {
      S.scenario.delegations = Object.fromEntries(sides.map((k) => [k, n[k] || 0]));
      S.scenario.house = { ...S.houseStates };
      S.houseMode = false; $("toss-wrap").firstChild.textContent = "Toss-up ";
      refreshScenario();
    } }, "Done: keep these delegations"));
}
function houseClick(unit) {
  if (S.houseStates[unit] === undefined) return;
  const order = HOUSE_CYCLE.filter((k) => k !== "O" || S.scenario.candidates.O);
  S.houseStates[unit] = order[(order.indexOf(S.houseStates[unit]) + 1) % order.length];
  draw(); renderHouse();
  const again = document.querySelector(`#map [data-unit="${unit}"][tabindex="0"]`);
  if (again) again.focus();
}

function houseText() {
  const d = S.scenario.delegations;
  if (!d) return "";
  const sides = Object.keys(S.scenario.candidates);
  const win = sides.find((k) => (d[k] || 0) >= S.house.needed);
  const tally = sides.filter((k) => d[k] !== undefined)
    .map((k) => `${S.scenario.candidates[k]} ${d[k]}`).join(", ");
  return ` Delegations ${tally}: ` + (win ? `${S.scenario.candidates[win]} is elected by the House.`
    : `no candidate has ${S.house.needed} delegations yet; the House votes again.`);
}

// ---------------------------------------------------------------------------------------
// History.

async function showYear(year, push = true) {
  S.year = year;
  $("year").value = String(year);
  const [view, result] = await Promise.all([api(`/api/view/${year}`), api(`/api/results/${year}`)]);
  S.history = view; S.result = result;
  if (S.mode === "history") { draw(); renderTotals(); setHash(`year=${year}`, push); }
  renderResults(result);
  $("unit-detail").replaceChildren();
  loadTimeline(year);
  loadAnalysis(year);
  offerModelForecast(year);
}

// The model's forecast of a past election (2008-2024), from the polls public before election
// day: the snake chart and the chance of winning over the last 120 days, beside the result.
// Offered for the years with packaged polls; computed when the reader opens it.
function offerModelForecast(year) {
  const box = $("model-forecast");
  box.open = false;
  $("model-forecast-body").replaceChildren();
  box.hidden = S.mode !== "history" || !S.forecastYears.includes(year);
}
async function loadModelForecast() {
  const box = $("model-forecast");
  const year = S.year;
  if (!box.open || $("model-forecast-body").childElementCount) return;
  const body = $("model-forecast-body");
  body.replaceChildren(h("p", { class: "small" }, "Computing..."));
  let f;
  try { f = await api(`/api/forecast/${year}`); } catch (e) {
    if (S.year === year) body.replaceChildren(h("p", { class: "small" }, e.message));
    return;
  }
  if (S.year !== year) return;
  const p = f.win_probability;
  const nv = f.national_vote;
  body.replaceChildren(
    h("p", { class: "small", id: "model-summary" }, `From the polls public before election day and the ` +
      `fundamentals, with parameters fitted on earlier elections only: Democrat ${(100 * p.D).toFixed(1)}%, ` +
      `Republican ${(100 * p.R).toFixed(1)}%; median ${f.median_ev.D}-${f.median_ev.R}` +
      (nv ? `; national margin ${nv.mean >= 0 ? "D" : "R"}+${Math.abs(nv.mean).toFixed(1)}` : "") + "."),
    h("img", { class: "chart", src: `/api/forecast/${year}/snake.svg`, id: "snake-chart",
      alt: `Snake chart of the ${year} forecast: units in order of the expected margin` }),
    h("img", { class: "chart", src: `/api/forecast/${year}/series.svg`, id: "series-chart",
      alt: `The chance of winning, day by day, over the last 120 days before the ${year} election` }));
}

function renderResults(res) {
  const pop = Object.fromEntries((res.popular_vote || []).map((p) => [p.id, p.votes]));
  const popTotal = (res.popular_vote || []).reduce((a, p) => a + p.votes, 0);
  const fill = (id) => (S.history.legend.find((l) => l.key === id)
    || S.history.units.find((u) => u.key === id) || {}).fill || "#fff";
  // Every candidate with an electoral vote, then those with 1% of the popular vote or more
  // (Perot 1992, Debs 1912, Greeley 1872, who died before the electors met).
  const listed = new Set(res.president.map((c) => c.id));
  const also = (res.popular_vote || []).filter((p) => !listed.has(p.id) && popTotal && p.votes / popTotal >= 0.01)
    .map((p) => ({ id: p.id, name: p.name, party: p.party, electoral_votes: 0 }));
  const rows = [...res.president, ...also].map((c) => h("tr", {},
    h("td", {}, h("span", { class: "swatch", style: `background:${listed.has(c.id) ? fill(c.id) : "transparent"}` }), c.name),
    h("td", {}, c.party || ""), h("td", { class: "num" }, String(c.electoral_votes)),
    h("td", { class: "num" }, c.id in pop ? fmt(pop[c.id]) : ""),
    h("td", { class: "num" }, c.id in pop && popTotal ? `${((100 * pop[c.id]) / popTotal).toFixed(1)}%` : "")));
  const vp = res.vice_president.length ? h("p", { class: "small" }, "Vice President: " +
    res.vice_president.map((c) => `${c.name} ${c.electoral_votes}`).join(", ") +
    ` (elected: ${res.vice_president_elect || "none"})`) : null;
  const chamber = (c) => (c.chamber === "house" ? "House" : "Senate");
  const contingent = res.contingent_elections.map((c) => h("p", { class: "small" }, c.held
    ? `Contingent election in the ${chamber(c)} (${c.office.replace("_", " ")}) among ${c.eligible.join(", ")}: ` +
      Object.entries(c.votes).map(([k, v]) => `${k} ${v}`).join(", ") + `; ${c.needed} needed. ${c.authority}`
    : `Pending: the ${chamber(c)} chooses the ${c.office.replace("_", " ")} among ${c.eligible.join(", ")} ` +
      `(${c.needed} of ${c.members} needed). ${c.authority}`));
  const undecided = ["president_reason", "vice_president_reason"].filter((k) => res[k])
    .map((k) => h("p", { class: "small" }, `${k.startsWith("vice") ? "Vice President" : "President"} undecided: ${res[k]}.`));
  const notes = res.popular_vote ? null : h("p", { class: "small" },
    "No popular vote in the record for this year (it starts in 1824); many legislatures chose the electors.");
  $("results").replaceChildren(h("h2", {}, `${res.year}: electoral and popular votes`),
    h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Candidate"), h("th", {}, "Party"),
      h("th", { class: "num" }, "Electoral"), h("th", { class: "num" }, "Popular"), h("th", { class: "num" }, "%"))),
    h("tbody", {}, ...rows)), ...[vp, ...contingent, ...undecided, notes].filter(Boolean));
  // Electors bound to no ticket (before 1796, unpledged slates) chose freely: not faithless.
  const faith = res.faithless.filter((f) => f.kind !== "unpledged");
  $("faithless").replaceChildren(...(faith.length ? [h("h2", {}, "Faithless electors and abstentions"),
    h("ul", {}, ...faith.map((f) => h("li", {}, `${f.state}: ${f.count} pledged to ${f.pledged_to} ` +
      `voted ${f.voted_for === "(abstained)" ? "for nobody (abstained)" : "for " + f.voted_for}` +
      ` for ${f.office === "P" ? "President" : "Vice President"} (${f.kind.replace("_", " ")})`)))] : []));
}

async function loadTimeline(year) {
  const tl = await api(`/api/timeline/${year}`);
  if (S.year !== year) return;
  $("timeline").replaceChildren(h("h2", {}, "The statutory timeline"),
    h("table", {}, h("tbody", {}, ...tl.events.map((e) => h("tr", {},
      h("td", {}, e.event.replace(/_/g, " ")), h("td", {}, e.date + (e.end ? ` to ${e.end}` : "")),
      h("td", { class: "small" }, e.authority))))));
}

async function loadAnalysis(year) {
  const box = $("analysis");
  if (!S.result.popular_vote) {  // before 1824: nothing to analyse, nothing to ask for
    box.replaceChildren(h("h2", {}, "Analysis"), h("p", { class: "small" },
      "Tipping points, bias and the fewest votes need a popular vote; the record's begins in 1824."));
    return;
  }
  box.replaceChildren(h("h2", {}, "Analysis"), h("p", { class: "small" }, "Computing..."));
  let a;
  try { a = await api(`/api/analyze/${year}`); } catch (e) {
    if (S.year === year) box.replaceChildren(h("h2", {}, "Analysis"), h("p", { class: "small" }, e.message));
    return;
  }
  if (S.year !== year) return;
  if (a.not_applicable && !a.tipping_point.winner) {
    box.replaceChildren(h("h2", {}, "Analysis"), h("p", { class: "small", id: "not-applicable" },
      a.not_applicable.charAt(0).toUpperCase() + a.not_applicable.slice(1) + "."),
      a.inversion ? h("p", { class: "small" }, "The President-elect lost the national popular vote.") : null,
      ...(a.caveats && a.caveats.length ? [h("p", { class: "small caveat" }, "Caveats: " + a.caveats.join("; ") + ".")] : []));
    return;
  }
  const tp = a.tipping_point.winner;
  const fv = a.fewest_votes || {};
  const plan = (p, what) => (p && p.achievable && p.total > 0 ? h("li", {}, `${fmt(p.total)} votes switched ${what}: ` +
    p.units.map((u) => `${u.unit} ${fmt(u.votes)}`).join(", ")) : null);
  box.replaceChildren(h("h2", {}, "Analysis"), h("ul", { class: "small" },
    h("li", {}, `Tipping point: ${tp ? `${tp.unit} (${tp.margin_points.toFixed(2)} points, ${fmt(tp.margin_votes)} votes)` : "none"}`),
    h("li", {}, `Electoral College bias: ${a.bias_label || (a.not_applicable ? `none (${a.not_applicable})` : "n/a")}` +
      (a.national_margin_points !== null ? `; national margin ${a.national_margin_points.toFixed(2)} points` : "")),
    a.swing_to_flip !== null ? h("li", {}, `Uniform swing to flip the outcome: ${a.swing_to_flip.toFixed(2)} points`) : null,
    plan(fv.switch_to_deny_majority, "to deny a majority"),
    plan(fv.switch_to_flip, "to flip the outcome"),
    a.inversion ? h("li", {}, "The President-elect lost the national popular vote.") : null),
    ...(a.caveats && a.caveats.length ? [h("p", { class: "small caveat" }, "Caveats: " + a.caveats.join("; ") + ".")] : []));
}

function showUnitDetail(unit) {
  const [st, dist] = unit.split("-");
  const s = S.result.states.find((x) => x.state === st);
  const box = $("unit-detail");
  if (!s) { box.replaceChildren(h("h2", {}, unitName(unit)), h("p", { class: "small" }, `No electors in ${S.year}.`)); return; }
  const d = dist && (s.districts || []).find((x) => String(x.district) === dist);
  if (d) {  // a district's own vote, and its one elector
    const drows = (d.popular_vote || []).slice(0, 6).map((p) => h("tr", {}, h("td", {}, p.name),
      h("td", { class: "num" }, fmt(p.votes))));
    box.replaceChildren(h("h2", {}, `${s.name}, district ${dist}: 1 elector`),
      h("p", { class: "small" }, `Won by ${d.winner || "nobody (a tie)"}.`),
      ...(drows.length ? [h("table", {}, h("tbody", {}, ...drows))] : []));
    return;
  }
  const rows = (s.popular_vote || []).slice(0, 6).map((p) => h("tr", {}, h("td", {}, p.name),
    h("td", { class: "num" }, fmt(p.votes))));
  box.replaceChildren(h("h2", {}, `${s.name}: ${s.electors} electors (${s.method.replace("_", " ")})`),
    h("p", { class: "small" }, "Electoral votes: " + s.president.map((c) => `${c.name} ${c.electoral_votes}`).join(", ")),
    ...(rows.length ? [h("table", {}, h("tbody", {}, ...rows))] : []));
}

// ---------------------------------------------------------------------------------------
// Scenarios.

async function loadScenario(doc, keepUndo, fromRoute) {
  S.pushNext = !fromRoute;  // a scenario the reader opened: a new entry in the history
  const nav = S.nav;
  const ev = await post("/api/scenario", doc);
  // The reader went to another tab while this loaded: keep the scenario, stay where they are.
  const stay = S.nav !== nav && S.mode !== "scenario";
  S.scenario = { year: ev.year, census: ev.census, seats: ev.seats, method: ev.method, name: ev.name,
    notes: ev.notes, candidates: ev.candidates, colors: ev.colors, delegations: ev.delegations,
    house: ev.house, ratings: {} };
  S.pathOrder = []; S.pathDecisions = {}; S.houseMode = false;
  S.savedId = ev.id || null;  // a saved scenario opened from its #id link
  $("save-copy").hidden = !S.savedId;
  for (const side of ["D", "R", "O"]) {
    $(`cand-${side}`).value = ev.candidates[side] || "";
    $(`color-${side}`).value = ev.colors[side];
  }
  for (const [u, r] of Object.entries(ev.ratings)) if (r !== "T") S.scenario.ratings[u] = r;
  S.units = Object.entries(ev.electors);
  S.majority = ev.totals.majority;
  S.house = ev.totals.house;
  if (!keepUndo) S.undo = [];
  $("scenario-year").value = String(ev.year);
  $("census").value = ev.census === null ? "" : String(ev.census);
  $("seats").value = String(ev.seats); $("method").value = ev.method;
  for (const e of document.querySelectorAll(".appo")) e.hidden = ev.census === null;
  $("scenario-name").value = ev.name; $("scenario-notes").value = ev.notes;
  if (stay) return;
  setMode("scenario");
  refreshScenario();
}

function refreshScenario() {
  draw(); renderTotals(); renderLegend();
  $("undo").disabled = !S.undo.length;
  setHash(`s=${shareCode()}`, S.pushNext);
  S.pushNext = false;
  scheduleForecast();
}

function rate(unit, rating) {
  const before = S.scenario.ratings[unit] || "T";
  if (before === rating) return;
  S.undo.push([unit, before]);
  if (rating === "T") delete S.scenario.ratings[unit]; else S.scenario.ratings[unit] = rating;
  refreshScenario();
  const again = document.querySelector(`[data-unit="${unit}"][tabindex="0"]`);
  if (again) again.focus();
}

function cycle(unit, step) {
  const r = S.scenario.ratings[unit] || "T";
  const order = cycleOrder();
  rate(unit, order[(order.indexOf(r) + step + order.length) % order.length]);
}

function sideKey(unit, side) { // D or R: Safe, then Likely, Lean, back to Safe
  const r = S.scenario.ratings[unit] || "T";
  const order = [`${side}3`, `${side}2`, `${side}1`];
  rate(unit, r.startsWith(side) ? order[(order.indexOf(r) + 1) % 3] : order[0]);
}

function undo() {
  const last = S.undo.pop();
  if (!last) return null;
  const [unit, r] = last;
  if (r === "T") delete S.scenario.ratings[unit]; else S.scenario.ratings[unit] = r;
  refreshScenario();
  return unit;
}

function renderLegend() {
  const t = scenarioTotals();
  const shown = ["D3", "D2", "D1", "T", "R1", "R2", "R3", ...(S.scenario.candidates.O ? ["O"] : [])];
  const groups = shown.map((r) => {
    const units = S.units.filter(([u]) => (S.scenario.ratings[u] || "T") === r);
    return h("li", {}, h("span", { class: "swatch", style: `background:${ratingSpec(r).fill}` }),
      h("strong", {}, `${ratingSpec(r).label} ${t.by[r]}`), ": ",
      units.map(([u, n]) => `${u} ${n}`).join(", ") || "none");
  });
  $("legend").replaceChildren(h("h2", {}, "Units by rating"), h("ul", {}, ...groups),
    h("p", { class: "small" }, "Click a state or district to cycle Toss-up, Safe, Likely, Lean D, " +
      "Safe, Likely, Lean R (Shift-click goes back)."));
}

// The whole scenario as a link (mirrors electoral.web.scenario.share_code): the ratings two
// units a character, then the name, notes, candidates and delegations as base64url JSON, then
// a checksum so that a cut or mistyped link is an error rather than another map.
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}
function base64url(text) {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function shareCode() {
  const values = S.units.map(([u]) => Math.max(0, RATING_ORDER.indexOf(S.scenario.ratings[u] || "T")));
  if (values.length % 2) values.push(0);
  let packed = "";
  for (let i = 0; i < values.length; i += 2) packed += S.alphabet[values[i] * 7 + values[i + 1]];
  packed = packed.replace(/A+$/, "");
  const sc = S.scenario;
  const head = String(sc.year) + (sc.census === null ? "" : `c${sc.census}-${sc.seats}-${sc.method}`);
  const extra = {};
  const name = $("scenario-name").value, notes = $("scenario-notes").value;
  if (name) extra.name = name;
  if (notes) extra.notes = notes;
  if (sc.candidates.D !== "Democratic" || sc.candidates.R !== "Republican" || sc.candidates.O) extra.candidates = sc.candidates;
  if (["D", "R", "O"].some((k) => sc.colors[k] !== S.shapes.colors[k])) extra.colors = sc.colors;
  if (sc.delegations) extra.delegations = sc.delegations;
  const other = S.units.filter(([u]) => sc.ratings[u] === "O").map(([u]) => u);
  if (other.length) extra.other = other;  // packed as toss-ups above
  if (sc.house) extra.house = houseStateCodes().map((st) => HOUSE_LETTER[sc.house[st]]).join("");
  let body = `${head}~${packed}`;
  if (Object.keys(extra).length) body += `~${base64url(JSON.stringify(extra))}`;
  return `${body}~${fnv1a(body)}`;
}

function scenarioDoc() {
  const sc = S.scenario;
  return { year: sc.year, census: sc.census, seats: sc.seats, method: sc.method,
    name: $("scenario-name").value, notes: $("scenario-notes").value, candidates: sc.candidates,
    colors: sc.colors, delegations: sc.delegations, house: sc.house || null, ratings: { ...sc.ratings } };
}

// The record's map as a scenario: the two leading parties take the D and R sides (by name where
// they are the Democrats and Republicans), a third party's states go to the third candidate,
// and any others are toss-ups. Before 1804 each elector cast two votes, so a side is a party's
// ticket (Jefferson and Burr shared the Democratic-Republican electors in 1800).
function fromHistory() {
  const res = S.result;
  const partyOf = Object.fromEntries(res.president.map((c) => [c.id, c.party]));
  const ev = {};
  for (const c of res.president) ev[c.party] = (ev[c.party] || 0) + c.electoral_votes;
  const parties = Object.keys(ev).filter((p) => ev[p] > 0).sort((a, b) => ev[b] - ev[a]);
  const [first, second, third] = parties;
  const side = {};
  if (first === "Republican" || second === "Democratic") { side[first] = "R"; if (second) side[second] = "D"; }
  else { side[first] = "D"; if (second) side[second] = "R"; }
  if (third) side[third] = "O";
  const names = {}, colors = {};
  for (const [party, s] of Object.entries(side)) {
    const people = res.president.filter((c) => c.party === party && c.electoral_votes > 0).map((c) => c.name);
    names[s] = res.year < 1804 ? people.slice(0, 2).join(" / ") : people[0];
    const fill = (S.history.legend.find((l) => partyOf[l.key] === party) || {}).fill;
    if (fill) colors[s] = fill;
  }
  const ratings = {};
  for (const u of S.history.units) {
    const s = side[partyOf[u.key]];
    if (s) ratings[u.unit] = s === "O" ? "O" : `${s}3`;
  }
  const year = S.years.includes(res.year) ? res.year : 2024;
  return loadScenario({ year, ratings, candidates: names, colors, name: `${res.year} as it went`, notes: "" });
}

// Save writes over the saved scenario that is open (the same id and link); "Save a copy"
// always adds one.
async function save(copy) {
  const doc = scenarioDoc();
  if (!doc.name.trim()) { doc.name = `Scenario ${new Date().toISOString().slice(0, 16).replace("T", " ")}`; $("scenario-name").value = doc.name; }
  try {
    const saved = S.savedId && !copy
      ? await api(`/api/scenarios/${S.savedId}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(doc) })
      : await post("/api/scenarios", doc);
    S.savedId = saved.id;
    $("save-copy").hidden = false;
    $("share-url").value = `${location.origin}/#s=${saved.code}`;
    $("share-url").dataset.saved = saved.id;
    listSaved();
  } catch (e) { $("share-url").value = `Not saved: ${e.message}`; }
}

async function listSaved() {
  const { scenarios } = await api("/api/scenarios");
  $("saved").replaceChildren(...scenarios.map((s) => h("li", { "data-id": s.id },
    h("span", {}, `${s.name} (${s.year}, ${s.created.replace("T", " ")})`),
    h("button", { onclick: async () => { const d = await api(`/api/scenarios/${s.id}`); await loadScenario(d); S.savedId = s.id; $("save-copy").hidden = false; setHash(`id=${s.id}`); } }, "Open"),
    h("a", { href: `/api/scenarios/${s.id}/export?format=csv` }, "CSV"),
    h("button", { onclick: () => deleteSaved(s), "aria-label": `Delete ${s.name}` }, "Delete"))));
  if (!scenarios.length) $("saved").append(h("li", { class: "small" }, "None yet."));
  if (S.deleted) {  // the last deletion can be undone: the scenario is saved again
    const gone = S.deleted;
    $("saved").prepend(h("li", { class: "small", id: "deleted" }, `Deleted ${gone.name}. `,
      h("button", { id: "undo-delete", onclick: async () => {
        S.deleted = null; const again = await post("/api/scenarios", gone);
        if (S.savedId === gone.id) S.savedId = again.id;
        listSaved();
      } }, "Undo")));
  }
}
async function deleteSaved(s) {
  S.deleted = await api(`/api/scenarios/${s.id}`);
  await api(`/api/scenarios/${s.id}`, { method: "DELETE" });
  if (S.savedId === s.id) { S.savedId = null; $("save-copy").hidden = true; }
  listSaved();
}

function download(name, type, text) {
  const a = h("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a); a.click(); a.remove();
}

// The map as a file: the SVG on screen made standalone (its CSS written as attributes), with a
// title band of the totals; PNG draws that SVG on a canvas at twice its size.
function mapSvgText() {
  const src = $("map");
  const [x, y, w, hgt] = src.getAttribute("viewBox").split(/\s+/).map(Number);
  const band = 56;
  const svg = src.cloneNode(true);
  svg.removeAttribute("id"); svg.removeAttribute("role"); svg.removeAttribute("aria-label");
  svg.setAttribute("xmlns", SVGNS);
  svg.setAttribute("viewBox", `${x} ${y - band} ${w} ${hgt + band}`);
  svg.setAttribute("width", String(w)); svg.setAttribute("height", String(hgt + band));
  svg.setAttribute("font-family", "DejaVu Sans, Arial, sans-serif");
  for (const e of svg.querySelectorAll("[tabindex]")) e.removeAttribute("tabindex");
  for (const e of svg.querySelectorAll("path")) { e.setAttribute("stroke", "#ffffff"); e.setAttribute("stroke-width", "0.8"); }
  for (const e of svg.querySelectorAll("text")) e.setAttribute("font-weight", "600");
  const bg = el("rect", { x, y: y - band, width: w, height: hgt + band, fill: "#ffffff" });
  svg.insertBefore(bg, svg.firstChild);
  const title = S.mode === "history" ? `${S.year}: ${$("message").textContent}`
    : `${$("scenario-name").value || `Scenario, ${S.scenario.year}`}`;
  const line = `${$("name-D").textContent} ${$("total-D").textContent}` +
    (S.mode === "scenario" ? ` · Toss-up ${$("total-T").textContent}` +
      (S.scenario.candidates.O ? ` · ${S.scenario.candidates.O} ${$("total-O").textContent}` : "") : "") +
    ` · ${$("name-R").textContent} ${$("total-R").textContent} · ${$("majority-text").textContent}`;
  svg.append(el("text", { x: x + 8, y: y - band + 22, "font-size": 18, "font-weight": 700, fill: "#111111" }, title.slice(0, 120)));
  svg.append(el("text", { x: x + 8, y: y - band + 44, "font-size": 14, fill: "#111111" }, line.slice(0, 160)));
  return { text: new XMLSerializer().serializeToString(svg), width: w, height: hgt + band };
}
function mapFileName(ext) {
  return S.mode === "history" ? `electoral-${S.year}.${ext}` : `scenario-${S.scenario.year}.${ext}`;
}
function exportSvg() { download(mapFileName("svg"), "image/svg+xml", mapSvgText().text); }
function exportPng() {
  const { text, width, height } = mapSvgText();
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = width * 2; canvas.height = height * 2;
    const ctx = canvas.getContext("2d");
    ctx.scale(2, 2); ctx.drawImage(img, 0, 0, width, height);
    canvas.toBlob((blob) => {
      const a = h("a", { href: URL.createObjectURL(blob), download: mapFileName("png") });
      document.body.append(a); a.click(); a.remove();
    }, "image/png");
  };
  img.onerror = () => showError(new Error("the map could not be drawn as an image"));
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}

function csvCell(v) { const s = String(v); return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; }
function exportCsv() {  // mirrors electoral.web.scenario.to_csv
  const sc = S.scenario;
  const lines = ["year,census,seats,method,unit,electors,rating,name,notes"];
  S.units.forEach(([u, n], i) => lines.push([sc.year, sc.census === null ? "" : sc.census, sc.seats,
    sc.method, u, n, sc.ratings[u] || "T", ...(i === 0 ? [$("scenario-name").value, $("scenario-notes").value] : ["", ""])]
    .map(csvCell).join(",")));
  download(`scenario-${sc.year}.csv`, "text/csv", lines.join("\n") + "\n");
}

async function importFile(file) {
  const text = await file.text();
  $("banner").hidden = true;
  try { await loadScenario(await post("/api/scenario/import", { text })); }
  catch (e) { $("banner").textContent = `${file.name} could not be imported: ${e.message}`; $("banner").hidden = false; }
}

// Forecast of the map: every rating stands for a margin (docs/web.md); debounced a little so
// that a burst of clicks sends one request. The paths follow the same edits.
function scheduleForecast() {
  clearTimeout(S.forecastTimer);
  S.forecastTimer = setTimeout(() => { runForecast(); runPaths(); }, 25);
}

// Paths to a majority: every combination of the map's toss-ups, counted exactly by the server
// (electoral.analysis.paths), and a decision tree walked in the reader's order.
// JSON numbers past 2^53 arrive rounded: those are shown as such, never as exact digits.
const exact = (n) => (n > Number.MAX_SAFE_INTEGER ? `about ${n.toExponential(3)}` : fmt(n));
const bigCount = (n, k) => (k > 52 ? `2^${k}` : exact(n));
async function runPaths() {
  const seq = ++S.pathsSeq;
  const tossups = new Set(S.units.filter(([u]) => !S.scenario.ratings[u]).map(([u]) => u));
  S.pathOrder = S.pathOrder.filter((u) => tossups.has(u));
  for (const u of Object.keys(S.pathDecisions)) if (!tossups.has(u)) delete S.pathDecisions[u];
  let doc;
  try {
    doc = await post("/api/scenario/paths", { scenario: scenarioDoc(), order: S.pathOrder,
      decisions: S.pathDecisions, max_sets: 5 });
  } catch (e) {
    if (seq === S.pathsSeq) $("paths-body").replaceChildren(h("p", { class: "small" }, e.message));
    return;
  }
  if (seq === S.pathsSeq) renderPaths(doc);
}
function renderPaths(doc) {
  const p = doc.paths, b = doc.branch, c = S.scenario.candidates;
  const k = p.tossups.length;
  const share = (n, k2) => (k2 > 52 ? "" : ` (${((100 * n) / 2 ** k2).toFixed(1)}%)`);
  const rows = [
    h("li", {}, `${k} toss-up${k === 1 ? "" : "s"} (${p.tossups.reduce((a, t) => a + t.electors, 0)} electors): `,
      h("strong", { id: "paths-combinations" }, bigCount(p.combinations, k)), " combinations"),
    h("li", {}, `${c.D} wins `, h("strong", { id: "paths-wins-D" }, exact(p.wins.D)), share(p.wins.D, k),
      p.must_win.D.length ? `; must win ${p.must_win.D.join(", ")}` : ""),
    h("li", {}, `${c.R} wins `, h("strong", { id: "paths-wins-R" }, exact(p.wins.R)), share(p.wins.R, k),
      p.must_win.R.length ? `; must win ${p.must_win.R.join(", ")}` : ""),
    h("li", {}, "No majority (the House decides): ", h("strong", { id: "paths-none" }, exact(p.no_majority)),
      share(p.no_majority, k), p.ties ? `, of which ${fmt(p.ties)} tied` : ""),
  ];
  for (const side of ["D", "R"]) {
    const w = p.minimal_winning_sets[side];
    if (w.smallest > 0 && w.smallest <= 6 && w.sets.length) {  // a list worth reading
      rows.push(h("li", { class: "small" }, `${c[side]}'s smallest ways (${exact(w.total)} minimal sets): ` +
        w.sets.slice(0, 3).map((s) => s.join("+")).join("; ") + (w.total > 3 ? " ..." : "")));
    }
  }
  const tree = [];
  if (b && k) {
    const made = b.decisions ? Object.entries(b.decisions) : [];
    tree.push(h("p", { class: "small" }, "Decide the toss-ups one by one, in the order you choose:"));
    if (made.length) {
      tree.push(h("ol", { class: "decided" }, ...made.map(([u, s]) => h("li", {}, `${u}: ${c[s]}`))),
        h("button", { id: "paths-back", onclick: () => { delete S.pathDecisions[made[made.length - 1][0]]; runPaths(); } }, "Back one step"),
        " ", h("button", { onclick: () => { S.pathDecisions = {}; runPaths(); } }, "Start over"));
    }
    if (b.next) {
      const pick = h("select", { id: "paths-next", "aria-label": "Next toss-up" },
        ...b.remaining.map((u) => h("option", { value: u }, u)));
      pick.value = b.next;
      pick.addEventListener("change", () => {
        S.pathOrder = [...made.map(([u]) => u), pick.value, ...S.pathOrder.filter((u) => u !== pick.value && !(u in S.pathDecisions))];
        runPaths();
      });
      const choice = (side) => {
        const ch = b.children[side];
        const words = ch.decided === "D" || ch.decided === "R" ? `${c[ch.decided]} has won`
          : ch.decided === "no_majority" ? "the House decides" :
            `${c.D} ${exact(ch.wins.D)}, ${c.R} ${exact(ch.wins.R)} of ${exact(ch.combinations)} paths`;
        return h("button", { class: "branch", "data-side": side,
          onclick: () => { S.pathDecisions[b.next] = side; runPaths(); } },
        `${b.next} to ${c[side]}: ${words}`);
      };
      tree.push(h("div", { class: "row" }, h("label", {}, "Next ", pick), choice("D"), choice("R")));
    } else {
      tree.push(h("p", { id: "paths-end" }, b.decided === "no_majority" ? "No majority: the House decides."
        : `${c[b.decided] || ""} wins on this path.`));
    }
  }
  const notes = p.notes.map((n) => h("p", { class: "small caveat" }, n.charAt(0).toUpperCase() + n.slice(1) + "."));
  $("paths-body").replaceChildren(h("ul", { class: "small" }, ...rows), ...notes, ...tree);
}
async function runForecast() {
  const seq = ++S.forecastSeq;
  const body = $("forecast-body");
  let f;
  try {
    f = await post("/api/scenario/forecast", { scenario: scenarioDoc(), swing: $("swing").value || "0" });
  } catch (e) {
    if (seq === S.forecastSeq) body.replaceChildren(h("p", { class: "small" }, e.message));
    return;
  }
  if (seq !== S.forecastSeq) return;
  renderForecast(f);
}
function renderForecast(f) {
  const p = f.win_probability;
  const pct = (x) => (x > 0 && x < 0.0005 ? "<0.1%" : x < 1 && x > 0.9995 ? ">99.9%" : `${(100 * x).toFixed(1)}%`);
  const dist = f.ev_distribution.D;
  const total = f.electors;
  const svg = el("svg", { viewBox: "0 0 540 124", role: "img",
    "aria-label": `Histogram of ${S.scenario.candidates.D}'s electoral votes` });
  const max = Math.max(1e-12, ...dist);
  dist.forEach((q, k) => {
    if (q < max / 500) return;
    const hgt = (q / max) * 100;
    svg.append(el("rect", { x: 5 + (k / total) * 530, y: 105 - hgt, width: Math.max(1, 530 / total),
      height: hgt, fill: k >= f.majority ? S.ratings.D3.fill : k <= total - f.majority ? S.ratings.R3.fill : "#777" }));
  });
  const mx = 5 + (f.majority / total) * 530;
  svg.append(el("line", { x1: mx, x2: mx, y1: 0, y2: 108, stroke: "#000" }));
  svg.append(el("text", { x: 5, y: 120, "font-size": 9 }, "0"));
  svg.append(el("text", { x: mx, y: 120, "font-size": 9, "text-anchor": "middle" }, String(f.majority)));
  svg.append(el("text", { x: 535, y: 120, "font-size": 9, "text-anchor": "end" }, String(total)));
  // The snake: units in order of the expected margin, as wide as their electors, shaded by
  // the Democrat's chance; the line where the majority falls.
  const snake = el("svg", { viewBox: "0 0 540 46", role: "img", id: "scenario-snake",
    "aria-label": "Units in order of the expected margin, shaded by the chance of winning" });
  let x = 5;
  for (const u of [...f.units].sort((a, b) => b.margin - a.margin || (a.unit < b.unit ? -1 : 1))) {
    const w = (u.electors / total) * 530;
    const q = u.win_probability.D;
    const t = Math.min(1, Math.abs(q - 0.5) * 2);
    const end = q >= 0.5 ? [33, 102, 172] : [178, 24, 43];
    const rgb = end.map((c) => Math.round(247 + (c - 247) * t));
    const r = el("rect", { x, y: 4, width: Math.max(w - 0.4, 0.3), height: 30, fill: `rgb(${rgb.join(",")})` });
    r.append(el("title", {}, `${u.unit}: ${u.electors} electors, ${S.scenario.candidates.D} ${(100 * q).toFixed(1)}%`));
    snake.append(r);
    x += w;
  }
  snake.append(el("line", { x1: mx, x2: mx, y1: 0, y2: 38, stroke: "#000", "stroke-width": 1.5 }));
  snake.append(el("text", { x: mx, y: 45, "font-size": 8, "text-anchor": "middle" }, `${f.majority} to win`));
  const tips = [...f.units].filter((u) => u.tipping_point_probability > 0.005)
    .sort((a, b) => b.tipping_point_probability - a.tipping_point_probability).slice(0, 5);
  $("forecast-body").replaceChildren(h("ul", { class: "small" },
    h("li", {}, `${S.scenario.candidates.D} wins: `, h("strong", { id: "p-D" }, pct(p.D))),
    h("li", {}, `${S.scenario.candidates.R} wins: `, h("strong", { id: "p-R" }, pct(p.R))),
    h("li", {}, `No majority, the House decides: ${pct(f.no_majority_probability)}`),
    h("li", {}, `Median: ${f.median_ev.D}-${f.median_ev.R}; 80% interval for ${S.scenario.candidates.D}: ` +
      `${f.intervals.D["80"][0]}-${f.intervals.D["80"][1]}`),
    h("li", { id: "tipping" }, "Tipping point: " + (tips.length ? tips.map((u) =>
      `${u.unit} ${pct(u.tipping_point_probability)}`).join(", ") : "none")),
    h("li", {}, `From the map's ratings (Safe 15 points, Likely 7, Lean 3, Toss-up 0), swing ${$("swing").value || "0"}`)),
  h("div", { class: "hist" }, svg), h("div", { class: "hist" }, snake));
}

// ---------------------------------------------------------------------------------------
// Modes, routing, events.

function setMode(mode, fromRoute = false) {
  if (mode !== S.mode) S.nav += 1;
  S.mode = mode;
  for (const m of ["history", "scenario", "live"]) {
    $(`tab-${m}`).setAttribute("aria-selected", String(mode === m));
    $(`${m}-controls`).hidden = mode !== m;
    $(`${m}-panel`).hidden = mode !== m;
  }
  $("model-forecast").hidden = mode !== "history" || !S.forecastYears.includes(S.year);
  $("hint").textContent = hintText(mode);
  // Following the URL (Back, Forward, a link) must not add an entry of its own.
  if (mode === "history" && S.history && !fromRoute) { draw(); renderTotals(); setHash(`year=${S.year}`, true); }
}

// ---------------------------------------------------------------------------------------
// Live: election night replayed on the county results (electoral.live): at a share of the
// expected vote counted, each state's projected margin with its 90% interval, its chance,
// its call, the electoral votes and the paths still open.

const LIVE_YEARS = [2020, 2024];
function liveQuery() {
  const at = parseInt($("live-at").value, 10) / 100;
  return { year: parseInt($("live-year").value, 10), at, order: $("live-order").value,
    seed: Math.max(0, parseInt($("live-seed").value, 10) || 0) };
}
function scheduleLive() {
  clearTimeout(S.liveTimer);
  $("live-at-text").textContent = `${$("live-at").value}%`;
  S.liveTimer = setTimeout(() => runLive().catch(showError), 60);
}
async function runLive() {
  const q = liveQuery();
  const seq = ++S.liveSeq;
  if (!S.liveNames || S.liveNames.year !== q.year) {
    const res = await api(`/api/results/${q.year}`);
    const by = (party) => (res.president.find((c) => c.party === party) || {}).name;
    S.liveNames = { year: q.year, D: by("Democratic") || "Democrat", R: by("Republican") || "Republican" };
    const units = await post("/api/scenario", { year: q.year });
    S.liveUnits = Object.entries(units.electors);
  }
  const doc = await api(`/api/live/replay/${q.year}?at=${q.at}&seed=${q.seed}&order=${q.order}`);
  if (seq !== S.liveSeq) return;
  S.live = doc;
  if (S.mode !== "live") return;  // the reader left the Live tab meanwhile
  if (S.liveUnit && S.liveUnit.year !== q.year) S.liveUnit = null;
  if (S.liveUnit) showLiveUnit(S.liveUnit.unit); else $("live-unit").replaceChildren();
  setHash(`live=${q.year}&at=${Math.round(q.at * 100)}&seed=${q.seed}&order=${q.order}`);
  draw(); renderLiveTotals(); renderLivePanel(); runLivePaths(seq);
}
function liveState(unit) {
  const [st] = unit.split("-");
  if (unit.includes("-")) return { district: true, called: S.live.districts[unit] || null };
  return S.live.states.find((s) => s.state === st) || null;
}
function livePaint() {
  const out = {};
  if (!S.live) return out;
  const c = S.liveNames;
  for (const [unit, n] of S.liveUnits) {
    const s = liveState(unit);
    let key = "T";
    if (s && s.called) key = `${s.called}3`;
    else if (s && !s.district) key = s.p_dem >= 0.5 ? "D1" : "R1";
    const spec = S.ratings[key];
    const words = !s ? "no returns" : s.district ? `district: ${s.called ? c[s.called] : "not called"} (the record's district count)`
      : `${(100 * s.counted_share).toFixed(0)}% counted; projected ${liveMargin(s.margin)} ` +
        `(90%: ${liveMargin(s.low)} to ${liveMargin(s.high)}); ${s.called ? `called for ${c[s.called]}` : "not called"}` +
        (inRecount(s) ? `; inside the automatic-recount margin (${s.recount_margin.toFixed(2)} points)` : "");
    out[unit] = { unit, electors: n, fill: spec.fill, ink: spec.ink, key, title: `${unitName(unit)}: ${words}` };
  }
  return out;
}
const liveMargin = (m) => (m === null || m === undefined ? "?" : m >= 0 ? `D+${m.toFixed(1)}` : `R+${(-m).toFixed(1)}`);
function liveCalled() {
  const n = { D: 0, R: 0, open: 0 };
  for (const [unit, e] of S.liveUnits) {
    const s = liveState(unit);
    n[s && s.called ? s.called : "open"] += e;
  }
  return n;
}
function renderLiveTotals() {
  if (!S.live) return;
  const n = liveCalled(), c = S.liveNames;
  $("name-D").textContent = c.D; $("name-R").textContent = c.R;
  $("total-D").textContent = n.D; $("total-R").textContent = n.R;
  $("total-D").style.color = ""; $("total-R").style.color = "";
  $("toss-wrap").hidden = false; $("toss-wrap").firstChild.textContent = "Not called ";
  $("total-T").textContent = n.open; $("other-wrap").hidden = true;
  const total = n.D + n.R + n.open;
  setBar([{ n: n.D, fill: S.ratings.D3.fill, label: "called D" }, { n: n.open, fill: S.ratings.T.fill, label: "not called", pattern: true },
    { n: n.R, fill: S.ratings.R3.fill, label: "called R" }], total, S.live.electoral_votes.majority, total);
  const w = S.live.win_probability, ev = S.live.electoral_votes;
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  $("message").className = "";
  const source = S.live.source.charAt(0).toUpperCase() + S.live.source.slice(1);
  $("message").replaceChildren(h("span", { id: "live-summary" },
    `${source}: ${c.D} `, h("strong", { id: "live-p-D" }, pct(w.D)), `, ${c.R} `, h("strong", { id: "live-p-R" }, pct(w.R)),
    `; median ${ev.median.D}-${ev.median.R}, 80% interval for ${c.D} ${ev.intervals.D["80"][0]}-${ev.intervals.D["80"][1]}.`));
}
function renderLivePanel() {
  const c = S.liveNames, d = S.live;
  const rows = d.states.filter((s) => !s.called || Math.abs(s.margin) < 5)
    .sort((a, b) => Math.abs(a.margin) - Math.abs(b.margin)).map((s) => h("tr", { "data-state": s.state },
      h("td", {}, s.state), h("td", { class: "num" }, `${(100 * s.counted_share).toFixed(0)}%`),
      h("td", { class: "num" }, liveMargin(s.margin), h("br"), h("span", { class: "small" }, `${liveMargin(s.low)} to ${liveMargin(s.high)}`)),
      h("td", { class: "num" }, `${(100 * s.p_dem).toFixed(1)}%`),
      h("td", {}, s.called ? `${s.called} (${shortName(c[s.called])})` : inRecount(s) ? "recount range" : "not called")));
  const rep = d.reported;
  $("live-states").replaceChildren(h("h2", {}, "Close and uncalled states"),
    h("p", { class: "small" }, `${fmt(rep.counted_votes)} votes counted (${(100 * rep.counted_share).toFixed(1)}% of the final); ` +
      `${fmt(rep.complete)} of ${fmt(rep.areas)} counties complete, ${fmt(rep.partial)} partly in. Baseline: ${d.baseline}.`),
    rows.length ? h("table", { id: "live-table" }, h("thead", {}, h("tr", {}, ...["State", "In", "Projected (90%)", `P(${shortName(c.D)})`, "Call"]
      .map((x) => h("th", {}, x)))), h("tbody", {}, ...rows)) : h("p", {}, "Every state is called."),
    h("p", { class: "small" }, `Calls: the leader's chance above ${(100 * d.model.call_rule.probability).toFixed(1)}%, ` +
      `the ${(100 * d.model.call_rule.interval).toFixed(0)}% interval on one side of zero and at least ${(100 * d.model.call_rule.min_counted_share).toFixed(0)}% counted; ` +
      "never inside an automatic-recount margin. " +
      d.notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1)).join(". ") + ". See docs/live.md."));
}
async function runLivePaths(seq) {
  const tossups = [], fixed = {}, probabilities = {};
  for (const [unit] of S.liveUnits) {
    const s = liveState(unit);
    if (s && s.called) fixed[unit] = s.called;
    else if (s && !s.district) { tossups.push(unit); probabilities[unit] = Math.min(1, Math.max(0, s.p_dem)); }
  }
  const box = $("live-paths");
  if (tossups.length > 60) { box.replaceChildren(h("h2", {}, "Paths still open"), h("p", { class: "small" }, `${tossups.length} states not called yet.`)); return; }
  let doc;
  try { doc = await post("/api/paths", { year: S.live.year, tossups, fixed, probabilities, max_sets: 3 }); }
  catch (e) { box.replaceChildren(h("h2", {}, "Paths still open"), h("p", { class: "small" }, e.message)); return; }
  if (seq !== S.liveSeq) return;
  const p = doc.paths, c = S.liveNames;
  const k = p.tossups.length;
  box.replaceChildren(h("h2", {}, "Paths still open"), k === 0 ? h("p", { id: "live-paths-none" }, "No state left uncalled.")
    : h("ul", { class: "small" },
      h("li", {}, `${k} uncalled state${k === 1 ? "" : "s"}: `, h("strong", { id: "live-paths-combinations" }, bigCount(p.combinations, k)), " combinations"),
      h("li", {}, `${c.D} wins ${exact(p.wins.D)}, ${c.R} ${exact(p.wins.R)}, no majority ${exact(p.no_majority)}`),
      h("li", {}, `With the live chances (independent): ${c.D} ${(100 * p.probability.D).toFixed(1)}%, ${c.R} ${(100 * p.probability.R).toFixed(1)}%`),
      ...["D", "R"].filter((s) => p.must_win[s].length).map((s) => h("li", {}, `${c[s]} must win ${p.must_win[s].join(", ")}`))));
}
const SUFFIXES = new Set(["Jr.", "Sr.", "II", "III", "IV"]);
function shortName(name) {  // "Joseph R. Biden Jr." -> "Biden"
  const words = name.split(" ").filter((w) => !SUFFIXES.has(w));
  return words[words.length - 1] || name;
}
// In the recount range: the projected margin inside the state's automatic-recount margin.
const inRecount = (s) => s.recount_margin !== null && s.recount_margin !== undefined && !s.called &&
  Math.abs(s.margin) <= s.recount_margin;
function showLiveUnit(unit) {
  S.liveUnit = { unit, year: S.live.year };
  const s = liveState(unit);
  const box = $("live-unit");
  if (!s) { box.replaceChildren(); return; }
  const c = S.liveNames;
  if (s.district) { box.replaceChildren(h("h2", {}, unitName(unit)), h("p", {}, `${s.called ? c[s.called] : "not called"} (the record's district count: counties do not map to districts)`)); return; }
  box.replaceChildren(h("h2", {}, `${unitName(unit)}: ${s.electors} electors`),
    h("ul", { class: "small" },
      h("li", {}, `Counted: ${(100 * s.counted_share).toFixed(1)}% of the expected vote; ${s.reporting} of ${s.areas} counties reporting, ${s.complete} complete`),
      h("li", {}, `Counted so far: ${liveMargin(s.counted_margin)}; projected final ${liveMargin(s.margin)}, 90% interval ${liveMargin(s.low)} to ${liveMargin(s.high)}`),
      h("li", {}, `${c.D}'s chance: ${(100 * s.p_dem).toFixed(1)}%; ${s.called ? `called for ${c[s.called]}` : "not called"}`),
      ...(S.live.at >= 1 || s.final_margin === undefined ? [] : [h("li", {}, `The final count (hidden from the model): ${liveMargin(s.final_margin)}`)])));
}

// Words for the reader's own device: a finger taps, a mouse clicks, a keyboard tabs.
const TOUCH = () => window.matchMedia("(pointer: coarse)").matches;
function hintText(mode) {
  if (mode === "live") return TOUCH() ? "Tap a state for its count and estimate." : "Click a state for its count and estimate.";
  if (mode === "history") return TOUCH() ? "Tap a state for its votes." : "Click a state for its votes; arrow keys move between states.";
  return TOUCH() ? "Tap a state to choose its rating." :
    "Click a state to change its rating (Shift-click goes back), or Tab to it and press Enter; arrow keys move, D, R, T set, U undoes.";
}

function setView(view) {
  S.view = view;
  $("view-map").setAttribute("aria-pressed", String(view === "map"));
  $("view-grid").setAttribute("aria-pressed", String(view === "grid"));
  if (S.history || S.scenario) draw();
}

// Touch: a tap opens a sheet of the ratings (a tap each, 44 pixels), not a cycle of seven.
function openSheet(unit) {
  const sheet = $("sheet");
  const now = S.scenario.ratings[unit] || "T";
  const choices = ["D3", "D2", "D1", "T", "R1", "R2", "R3", ...(S.scenario.candidates.O ? ["O"] : [])];
  const n = (S.units.find(([u]) => u === unit) || [unit, 0])[1];
  $("sheet-title").textContent = `${unitName(unit)}: ${n} elector${n === 1 ? "" : "s"}`;
  $("sheet-choices").replaceChildren(...choices.map((r) => h("button", {
    class: "choice" + (r === now ? " current" : ""), "data-rating": r, style: `border-left: 14px solid ${ratingSpec(r).fill}`,
    onclick: () => { closeSheet(); rate(unit, r); } }, ratingSpec(r).label)));
  sheet.hidden = false;
  sheet.querySelector(".choice.current, .choice").focus();
}
function closeSheet() { $("sheet").hidden = true; }

// Arrow keys move to the nearest unit in that direction (by the centres of their boxes).
function moveFocus(from, key) {
  const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  const c = (e) => { const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; };
  const [x0, y0] = c(from);
  let best = null, bestScore = Infinity;
  for (const e of document.querySelectorAll("#map [data-unit][tabindex='0']")) {
    if (e === from) continue;
    const [x, y] = c(e);
    const along = (x - x0) * dir[0] + (y - y0) * dir[1];
    if (along <= 0) continue;
    const across = Math.abs((x - x0) * dir[1] + (y - y0) * dir[0]);
    const score = along + 2 * across;
    if (score < bestScore) { bestScore = score; best = e; }
  }
  if (best) best.focus();
}

// A new year or scenario is a new entry in the browser's history (Back returns to the last
// one); an edit of the same scenario replaces its entry.
function setHash(h2, push = false) {
  if (location.hash === `#${h2}`) return;
  if (push) history.pushState(null, "", `#${h2}`); else history.replaceState(null, "", `#${h2}`);
}

async function route() {
  const hash = new URLSearchParams(location.hash.slice(1));
  $("banner").hidden = true;
  if (hash.get("live")) {
    const y = parseInt(hash.get("live"), 10);
    $("live-year").value = String(LIVE_YEARS.includes(y) ? y : LIVE_YEARS[LIVE_YEARS.length - 1]);
    const at = parseInt(hash.get("at") || "50", 10);
    $("live-at").value = String(Number.isFinite(at) ? Math.max(0, Math.min(100, at)) : 50);
    $("live-seed").value = String(Math.max(0, parseInt(hash.get("seed") || "0", 10) || 0));
    $("live-order").value = hash.get("order") === "small-first" ? "small-first" : "random";
    setMode("live", true);
    $("live-at-text").textContent = `${$("live-at").value}%`;
    await runLive();
    return;
  }
  if (hash.get("s") || hash.get("id")) {
    try {
      const ev = hash.get("s") ? await post("/api/share", { code: hash.get("s") })
        : await api(`/api/scenarios/${encodeURIComponent(hash.get("id"))}`);
      await loadScenario(ev, false, true);
      return;
    } catch (e) {  // a bad or cut link: say so over the default map, never a blank page
      $("banner").textContent = `This link could not be opened (${e.message}). Showing the latest election.`;
      $("banner").hidden = false;
      history.replaceState(null, "", location.pathname);
    }
  }
  {
    const y = parseInt(hash.get("year") || "", 10);
    setMode("history", true);
    await showYear(S.years.includes(y) ? y : S.years[S.years.length - 1], false);
  }
}

function onUnit(ev) {
  const target = ev.target.closest("[data-unit]");
  if (!target) return;
  const unit = target.dataset.unit;
  if (S.mode === "live") { showLiveUnit(unit); return; }
  if (S.mode === "history") { showUnitDetail(unit); return; }
  if (S.houseMode) { houseClick(unit); return; }
  if (!S.electorsOf(unit)) return;
  if (TOUCH() && ev.type === "click") { openSheet(unit); return; }
  cycle(unit, ev.shiftKey ? -1 : 1);
}

async function init() {
  const [shapes, years] = await Promise.all([api("/api/map"), api("/api/years")]);
  S.shapes = shapes;
  S.alphabet = shapes.alphabet;
  for (const r of shapes.ratings) S.ratings[r.code] = r;
  S.years = years.years;
  S.forecastYears = years.forecast_years;
  S.houseYears = years.house_years;
  S.electorsOf = (unit) => S.units.some(([u]) => u === unit);
  $("year").replaceChildren(...years.years.map((y) => h("option", { value: String(y) }, String(y))));
  $("scenario-year").replaceChildren(...years.scenario_years.slice().reverse()
    .map((y) => h("option", { value: String(y) }, String(y))));
  for (const c of years.censuses) $("census").append(h("option", { value: String(c) }, `${c} census`));
  $("method").replaceChildren(...years.methods.map((m) => h("option", { value: m }, m)));

  $("year").addEventListener("change", () => showYear(parseInt($("year").value, 10)));
  const step = (k) => { const i = S.years.indexOf(S.year) + k; if (i >= 0 && i < S.years.length) showYear(S.years[i]); };
  $("prev-year").addEventListener("click", () => step(-1));
  $("next-year").addEventListener("click", () => step(1));
  $("tab-history").addEventListener("click", () => { setMode("history"); if (!S.history) showYear(S.years[S.years.length - 1]); });
  $("tab-scenario").addEventListener("click", () => (S.scenario ? (setMode("scenario"), refreshScenario()) : loadScenario({ year: 2024 })));
  $("tab-live").addEventListener("click", () => { setMode("live"); scheduleLive(); });
  $("live-year").replaceChildren(...LIVE_YEARS.slice().reverse().map((y) => h("option", { value: String(y) }, String(y))));
  for (const id of ["live-year", "live-order", "live-seed"]) $(id).addEventListener("change", scheduleLive);
  $("live-at").addEventListener("input", scheduleLive);
  $("to-scenario").addEventListener("click", fromHistory);
  $("new-scenario").addEventListener("click", () => loadScenario({ ...scenarioDoc(), ratings: {}, delegations: null, house: null }));
  $("reset").addEventListener("click", () => { S.undo = []; loadScenario({ ...scenarioDoc(), ratings: {}, delegations: null, house: null }); });
  $("undo").addEventListener("click", undo);
  // Another year or apportionment: other states, so the House map and counts start afresh.
  const reapportion = () => loadScenario({ ...scenarioDoc(), ratings: {}, delegations: null, house: null,
    year: parseInt($("scenario-year").value, 10),
    census: $("census").value ? parseInt($("census").value, 10) : null,
    seats: parseInt($("seats").value, 10) || 435, method: $("method").value });
  for (const id of ["scenario-year", "census", "seats", "method"]) $(id).addEventListener("change", () => reapportion().catch(showError));
  $("view-map").addEventListener("click", () => setView("map"));
  $("view-grid").addEventListener("click", () => setView("grid"));
  // Phones start on the tiles: the map's small states cannot be 44-pixel targets there.
  if (window.innerWidth < 600) setView("grid");
  let lastWidth = $("map-wrap").clientWidth;
  window.addEventListener("resize", () => {
    const w = $("map-wrap").clientWidth;
    if (S.view === "grid" && w !== lastWidth && (S.history || S.scenario)) draw();
    lastWidth = w;
  });
  $("sheet-cancel").addEventListener("click", closeSheet);
  $("sheet").addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeSheet(); });
  $("map").addEventListener("click", onUnit);
  $("map").addEventListener("keydown", (ev) => {
    const target = ev.target.closest("[data-unit]");
    if (!target) return;
    const unit = target.dataset.unit;
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); onUnit(ev); return; }
    if (ev.key.startsWith("Arrow")) { ev.preventDefault(); moveFocus(target, ev.key); return; }
    if (S.mode !== "scenario" || S.houseMode || !S.electorsOf(unit)) return;
    const k = ev.key.toLowerCase();
    if (k === "d" || k === "r") { ev.preventDefault(); sideKey(unit, k.toUpperCase()); }
    else if (k === "t") { ev.preventDefault(); rate(unit, "T"); }
    else if (k === "o" && S.scenario.candidates.O) { ev.preventDefault(); rate(unit, "O"); }
  });
  document.addEventListener("keydown", (ev) => {
    if (S.mode !== "scenario" || ev.target.matches("input, textarea, select")) return;
    if (ev.key.toLowerCase() === "u" || ((ev.ctrlKey || ev.metaKey) && ev.key === "z")) {
      ev.preventDefault();
      const unit = undo();  // focus stays on the map, on the unit put back
      const back = unit && document.querySelector(`#map [data-unit="${unit}"][tabindex="0"]`);
      if (back) back.focus();
    }
  });
  for (const side of ["D", "R", "O"]) {
    $(`cand-${side}`).addEventListener("change", () => {
      const v = $(`cand-${side}`).value.trim();
      if (side === "O" && !v) {  // no third candidate: its units become toss-ups again
        delete S.scenario.candidates.O;
        for (const [u, r] of Object.entries(S.scenario.ratings)) if (r === "O") delete S.scenario.ratings[u];
        if (S.scenario.delegations) delete S.scenario.delegations.O;
        if (S.scenario.house) for (const [st, d] of Object.entries(S.scenario.house)) if (d === "O") S.scenario.house[st] = "divided";
      } else S.scenario.candidates[side] = v || { D: "Democratic", R: "Republican" }[side];
      refreshScenario();
    });
    $(`color-${side}`).addEventListener("input", () => { S.scenario.colors[side] = $(`color-${side}`).value; refreshScenario(); });
  }
  $("shade").addEventListener("change", () => { if (S.mode === "history") draw(); });
  $("skip").addEventListener("click", (ev) => {  // to the map's first unit, not to a URL hash
    ev.preventDefault();
    const first = document.querySelector("#map [data-unit][tabindex='0']");
    if (first) first.focus();
  });
  $("export-png").addEventListener("click", exportPng);
  $("export-svg").addEventListener("click", exportSvg);
  $("save").addEventListener("click", () => save(false));
  $("save-copy").addEventListener("click", () => save(true));
  $("share").addEventListener("click", () => { $("share-url").value = `${location.origin}/#s=${shareCode()}`; $("share-url").select(); });
  $("export-json").addEventListener("click", () => download(`scenario-${S.scenario.year}.json`, "application/json", JSON.stringify(scenarioDoc(), null, 2)));
  $("export-csv").addEventListener("click", exportCsv);
  $("swing").addEventListener("change", scheduleForecast);
  for (const id of ["scenario-name", "scenario-notes"]) {  // the link carries them too
    $(id).addEventListener("input", () => { if (S.scenario) setHash(`s=${shareCode()}`); });
  }
  $("model-forecast").addEventListener("toggle", () => loadModelForecast().catch(showError));
  $("import").addEventListener("change", (ev) => { if (ev.target.files[0]) importFile(ev.target.files[0]); });
  window.addEventListener("hashchange", () => route().catch(showError));
  await route();
  listSaved();
  document.body.dataset.ready = "1";
}

function showError(e) { const m = $("message"); m.className = "error"; m.textContent = e.message; }

init().catch(showError);
