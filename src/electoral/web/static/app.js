// electoral: the browser app. Plain JavaScript, no build step, nothing from the internet.
// The map is drawn from /api/map (the shapes `electoral map` renders in Python); history
// colours come from /api/view/{year}; scenario totals mirror electoral.web.scenario.totals.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const RATING_ORDER = ["T", "D3", "D2", "D1", "R1", "R2", "R3"]; // share-code order
const CYCLE = ["T", "D3", "D2", "D1", "R3", "R2", "R1"]; // click: safe, likely, lean each side
const S = {
  shapes: null, ratings: {}, alphabet: "", years: [], forecastYears: [], mode: "history", view: "map",
  year: null, history: null, result: null,
  scenario: null, units: [], electors: {}, majority: 270, house: { states: 50, needed: 26 },
  undo: [], forecastTimer: null, forecastSeq: 0,
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

function paint() {
  if (S.mode === "history") {
    const out = {};
    for (const u of S.history.units) out[u.unit] = u;
    return out;
  }
  const out = {};
  for (const [unit, n] of S.units) {
    const r = S.scenario.ratings[unit] || "T";
    const spec = S.ratings[r];
    out[unit] = { unit, electors: n, fill: spec.fill, ink: spec.ink, key: r,
      title: `${unitName(unit)}: ${n} elector${n === 1 ? "" : "s"}, ${spec.label}` };
  }
  return out;
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
  g.append(el("text", { x: b.x + b.w / 2, y: b.y + b.h / 2 + 4, fill: u ? u.ink : "#111",
    "text-anchor": "middle", "font-size": fontSize || 11 }, text));
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
    const cells = Object.fromEntries(S.shapes.grid.filter((c) => !c.unit.includes("-"))
      .map((c) => [c.unit, [c.col, c.row]]));
    for (const u of districts) cells[u] = gridCell(u);
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
      const p = el("path", { class: "unit", id: `u-${s.code}`, "data-unit": s.code, d: s.path,
        fill: u ? u.fill : "#f2f2f2", role: "button" });
      if (!callouts.has(s.code)) p.setAttribute("tabindex", "0");
      if (u) p.setAttribute("aria-label", u.title);
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
        svg.append(el("line", { x1: b.x + b.w, y1: b.y, x2: 975, y2: 394, stroke: "#777",
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
  const by = Object.fromEntries(RATING_ORDER.map((r) => [r, 0]));
  for (const [unit, n] of S.units) by[S.scenario.ratings[unit] || "T"] += n;
  const total = S.units.reduce((a, [, n]) => a + n, 0);
  const d = by.D3 + by.D2 + by.D1;
  const r = by.R3 + by.R2 + by.R1;
  // amend. XII: a majority of the whole number of electors appointed; else the House.
  const outcome = d >= S.majority ? "D" : r >= S.majority ? "R" : by.T === 0 ? "house" : "open";
  return { by, total, d, r, t: by.T, outcome };
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
    $("toss-wrap").hidden = true;
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
  const t = scenarioTotals();
  $("toss-wrap").hidden = false;
  $("name-D").textContent = S.scenario.candidates.D;
  $("name-R").textContent = S.scenario.candidates.R;
  $("total-D").textContent = t.d; $("total-R").textContent = t.r; $("total-T").textContent = t.t;
  $("total-D").style.color = ""; $("total-R").style.color = "";
  const segs = ["D3", "D2", "D1", "T", "R1", "R2", "R3"].map((r) => ({ n: t.by[r],
    fill: S.ratings[r].fill, label: S.ratings[r].label, pattern: r === "T" }));
  setBar(segs, t.total, S.majority);
  if (t.outcome === "D" || t.outcome === "R") {
    msg.className = "won";
    msg.textContent = `${S.scenario.candidates[t.outcome]} wins: ${t.outcome === "D" ? t.d : t.r} ` +
      `of ${t.total} electors, ${S.majority} needed.`;
  } else if (t.outcome === "house") {
    msg.className = "house";
    const tie = t.d === t.r ? `${t.d}-${t.r}: a tie. ` : "";
    msg.replaceChildren(
      h("strong", {}, `${tie}No majority of the electors appointed: the House decides`),
      ` (U.S. Const. amend. XII): one vote per state delegation, a majority of the ${S.house.states} ` +
      `states needed (${S.house.needed}). Delegations: `,
      h("label", {}, `${S.scenario.candidates.D} `, delegationInput("D")), " ",
      h("label", {}, `${S.scenario.candidates.R} `, delegationInput("R")),
      h("span", { id: "house-result" }, houseText()));
  } else {
    msg.textContent = `${t.t} electors still toss-up.`;
  }
}

function delegationInput(side) {
  const given = S.scenario.delegations;
  const inp = h("input", { type: "number", min: "0", max: String(S.house.states), id: `deleg-${side}`,
    value: given && given[side] !== undefined ? String(given[side]) : "" });
  inp.addEventListener("change", () => {
    const v = inp.value === "" ? null : Math.max(0, Math.min(S.house.states, parseInt(inp.value, 10)));
    const dels = { ...(S.scenario.delegations || {}) };
    if (v === null || Number.isNaN(v)) delete dels[side]; else dels[side] = v;
    S.scenario.delegations = Object.keys(dels).length ? dels : null;
    $("house-result").textContent = houseText();
  });
  return inp;
}

function houseText() {
  const d = S.scenario.delegations;
  if (!d) return "";
  const win = ["D", "R"].find((k) => (d[k] || 0) >= S.house.needed);
  const tally = ["D", "R"].filter((k) => d[k] !== undefined)
    .map((k) => `${S.scenario.candidates[k]} ${d[k]}`).join(", ");
  return ` Given ${tally}: ` + (win ? `${S.scenario.candidates[win]} is elected by the House.`
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
  const ev = await post("/api/scenario", doc);
  S.scenario = { year: ev.year, census: ev.census, seats: ev.seats, method: ev.method, name: ev.name,
    notes: ev.notes, candidates: ev.candidates, delegations: ev.delegations, ratings: {} };
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
  rate(unit, CYCLE[(CYCLE.indexOf(r) + step + CYCLE.length) % CYCLE.length]);
}

function sideKey(unit, side) { // D or R: Safe, then Likely, Lean, back to Safe
  const r = S.scenario.ratings[unit] || "T";
  const order = [`${side}3`, `${side}2`, `${side}1`];
  rate(unit, r.startsWith(side) ? order[(order.indexOf(r) + 1) % 3] : order[0]);
}

function undo() {
  const last = S.undo.pop();
  if (!last) return;
  const [unit, r] = last;
  if (r === "T") delete S.scenario.ratings[unit]; else S.scenario.ratings[unit] = r;
  refreshScenario();
}

function renderLegend() {
  const t = scenarioTotals();
  const groups = ["D3", "D2", "D1", "T", "R1", "R2", "R3"].map((r) => {
    const units = S.units.filter(([u]) => (S.scenario.ratings[u] || "T") === r);
    return h("li", {}, h("span", { class: "swatch", style: `background:${S.ratings[r].fill}` }),
      h("strong", {}, `${S.ratings[r].label} ${t.by[r]}`), ": ",
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
  const values = S.units.map(([u]) => RATING_ORDER.indexOf(S.scenario.ratings[u] || "T"));
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
  if (sc.candidates.D !== "Democratic" || sc.candidates.R !== "Republican") extra.candidates = sc.candidates;
  if (sc.delegations) extra.delegations = sc.delegations;
  let body = `${head}~${packed}`;
  if (Object.keys(extra).length) body += `~${base64url(JSON.stringify(extra))}`;
  return `${body}~${fnv1a(body)}`;
}

function scenarioDoc() {
  const sc = S.scenario;
  return { year: sc.year, census: sc.census, seats: sc.seats, method: sc.method,
    name: $("scenario-name").value, notes: $("scenario-notes").value, candidates: sc.candidates,
    delegations: sc.delegations, ratings: { ...sc.ratings } };
}

function fromHistory() {
  const res = S.result;
  const [a, b] = res.president;
  const sideOf = {}; // the leading candidates take sides by party where they can
  if (a && b) {
    const aIsR = a.party === "Republican" || (b.party === "Democratic");
    sideOf[a.id] = aIsR ? "R" : "D"; sideOf[b.id] = aIsR ? "D" : "R";
  } else if (a) sideOf[a.id] = "D";
  const ratings = {};
  for (const u of S.history.units) if (sideOf[u.key]) ratings[u.unit] = `${sideOf[u.key]}3`;
  const names = {};
  for (const [id, side] of Object.entries(sideOf)) names[side] = res.president.find((c) => c.id === id).name;
  const year = S.years.includes(res.year) ? res.year : 2024;
  return loadScenario({ year, ratings, candidates: names, name: "", notes: "" });
}

async function save() {
  const doc = scenarioDoc();
  if (!doc.name.trim()) { doc.name = `Scenario ${new Date().toISOString().slice(0, 16).replace("T", " ")}`; $("scenario-name").value = doc.name; }
  try {
    const saved = await post("/api/scenarios", doc);
    $("share-url").value = `${location.origin}/#s=${saved.code}`;
    $("share-url").dataset.saved = saved.id;
    listSaved();
  } catch (e) { $("share-url").value = `Not saved: ${e.message}`; }
}

async function listSaved() {
  const { scenarios } = await api("/api/scenarios");
  $("saved").replaceChildren(...scenarios.map((s) => h("li", { "data-id": s.id },
    h("span", {}, `${s.name} (${s.year}, ${s.created.replace("T", " ")})`),
    h("button", { onclick: async () => { const d = await api(`/api/scenarios/${s.id}`); await loadScenario(d); setHash(`id=${s.id}`); } }, "Open"),
    h("a", { href: `/api/scenarios/${s.id}/export?format=csv` }, "CSV"),
    h("button", { onclick: async () => { await api(`/api/scenarios/${s.id}`, { method: "DELETE" }); listSaved(); },
      "aria-label": `Delete ${s.name}` }, "Delete"))));
  if (!scenarios.length) $("saved").append(h("li", { class: "small" }, "None yet."));
}

function download(name, type, text) {
  const a = h("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a); a.click(); a.remove();
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
// that a burst of clicks sends one request.
function scheduleForecast() {
  clearTimeout(S.forecastTimer);
  S.forecastTimer = setTimeout(runForecast, 80);
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
  S.mode = mode;
  $("tab-history").setAttribute("aria-selected", String(mode === "history"));
  $("tab-scenario").setAttribute("aria-selected", String(mode === "scenario"));
  $("history-controls").hidden = mode !== "history";
  $("history-panel").hidden = mode !== "history";
  $("scenario-controls").hidden = mode !== "scenario";
  $("scenario-panel").hidden = mode !== "scenario";
  $("model-forecast").hidden = mode !== "history" || !S.forecastYears.includes(S.year);
  $("hint").textContent = mode === "history" ? "Click a state for its votes." :
    "Click, or Tab and press Enter, to change a rating; D, R, T set it; U undoes.";
  // Following the URL (Back, Forward, a link) must not add an entry of its own.
  if (mode === "history" && S.history && !fromRoute) { draw(); renderTotals(); setHash(`year=${S.year}`, true); }
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
  if (hash.get("s") || hash.get("id")) {
    try {
      const ev = hash.get("s") ? await api(`/api/share/${encodeURIComponent(hash.get("s"))}`)
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
  if (S.mode === "history") { showUnitDetail(unit); return; }
  if (!S.electorsOf(unit)) return;
  cycle(unit, ev.shiftKey ? -1 : 1);
}

async function init() {
  const [shapes, years] = await Promise.all([api("/api/map"), api("/api/years")]);
  S.shapes = shapes;
  S.alphabet = shapes.alphabet;
  for (const r of shapes.ratings) S.ratings[r.code] = r;
  S.years = years.years;
  S.forecastYears = years.forecast_years;
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
  $("to-scenario").addEventListener("click", fromHistory);
  $("new-scenario").addEventListener("click", () => loadScenario({ ...scenarioDoc(), ratings: {}, delegations: null }));
  $("reset").addEventListener("click", () => { S.undo = []; loadScenario({ ...scenarioDoc(), ratings: {}, delegations: null }); });
  $("undo").addEventListener("click", undo);
  const reapportion = () => loadScenario({ ...scenarioDoc(), ratings: {},
    year: parseInt($("scenario-year").value, 10),
    census: $("census").value ? parseInt($("census").value, 10) : null,
    seats: parseInt($("seats").value, 10) || 435, method: $("method").value });
  for (const id of ["scenario-year", "census", "seats", "method"]) $(id).addEventListener("change", () => reapportion().catch(showError));
  $("view-map").addEventListener("click", () => { S.view = "map"; $("view-map").setAttribute("aria-pressed", "true"); $("view-grid").setAttribute("aria-pressed", "false"); draw(); });
  $("view-grid").addEventListener("click", () => { S.view = "grid"; $("view-grid").setAttribute("aria-pressed", "true"); $("view-map").setAttribute("aria-pressed", "false"); draw(); });
  $("map").addEventListener("click", onUnit);
  $("map").addEventListener("keydown", (ev) => {
    const target = ev.target.closest("[data-unit]");
    if (!target) return;
    const unit = target.dataset.unit;
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); onUnit(ev); return; }
    if (S.mode !== "scenario" || !S.electorsOf(unit)) return;
    const k = ev.key.toLowerCase();
    if (k === "d" || k === "r") { ev.preventDefault(); sideKey(unit, k.toUpperCase()); }
    else if (k === "t") { ev.preventDefault(); rate(unit, "T"); }
  });
  document.addEventListener("keydown", (ev) => {
    if (S.mode !== "scenario" || ev.target.matches("input, textarea, select")) return;
    if (ev.key.toLowerCase() === "u" || ((ev.ctrlKey || ev.metaKey) && ev.key === "z")) { ev.preventDefault(); undo(); }
  });
  $("save").addEventListener("click", save);
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
