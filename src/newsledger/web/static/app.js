// The newsledger web UI: a hash-routed page over the JSON API, with no build step and no
// third-party code. Every element is built with createElement and every value from the
// store goes in as a text node, so an article holding markup is shown, never run.

const main = document.getElementById("main");
const SVG = "http://www.w3.org/2000/svg";
// The PLOVER quad classes and event types, as the server codes them (/api/ontology), loaded
// before the first page is drawn; the page never lists them itself.
let QUAD = {};
let TYPES = [];

// -- building blocks -------------------------------------------------------------------

function h(tag, attrs, ...kids) {
  return fill(document.createElement(tag), attrs, kids);
}

function s(tag, attrs, ...kids) {
  return fill(document.createElementNS(SVG, tag), attrs, kids);
}

function fill(el, attrs, kids) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

const enc = encodeURIComponent;
const link = (href, ...kids) => h("a", { href }, ...kids);
const storyLink = (id, text) => link(`#/story/${enc(id)}`, text);
const actorLink = (id, text) => (id ? link(`#/actor/${enc(id)}`, text) : h("span", {}, text));
// An article link can point at one event (?e=ID) or one span of text, such as a quote (?at=START-END).
const articleLink = (id, text, eventId) =>
  link(`#/article/${enc(id)}${eventId ? `?e=${enc(eventId)}` : ""}`, text || "(untitled)");
const quoteLink = (q, text) => link(`#/article/${enc(q.doc_id)}?at=${q.start_char}-${q.end_char}`, text);
const names = (list) => (list && list.length ? list.join(", ") : "—");
const when = (date) => date || "undated";
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

// An article's own URL becomes a link only when it is http(s): "javascript:" never does.
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail ? String(body.detail) : `${response.status} ${response.statusText}`);
  return body;
}

function section(title, ...kids) {
  return h("section", { class: "panel" }, h("h2", {}, title), ...kids);
}

function table(headers, rows) {
  return h("table", {},
    h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((c) => h("td", {}, c))))));
}

function empty(text) {
  return h("p", { class: "empty" }, text);
}

function typeBadge(type, quad) {
  return h("span", { class: `badge quad-${quad || 0}`, title: QUAD[quad] || "" }, type);
}

// -- stories ---------------------------------------------------------------------------

async function storiesView() {
  const [summary, stories] = await Promise.all([api("/api/summary"), api("/api/stories?limit=100")]);
  const d = summary.dates;
  return h("div", {},
    h("h1", {}, "Stories"),
    h("p", { class: "lede" },
      `${plural(summary.documents, "article")} from ${plural(summary.n_outlets, "outlet")}, published `,
      `${d.first || "?"} to ${d.last || "?"} (${d.undated} undated). `,
      "Each story gathers the articles that report the same events or the same actors."),
    stories.length ? h("ol", { class: "cards", id: "stories" }, stories.map((st) => h("li", { class: "card" },
      h("h3", {}, storyLink(st.story_id, st.title)),
      h("p", { class: "meta" }, `${when(st.first_date)} – ${when(st.last_date)} · ${plural(st.n_documents, "article")}`,
        ` · ${plural(st.n_outlets, "outlet")}`),
      h("p", { class: "chips" }, st.top_actors.map((a) => actorLink(a.actor_id, a.name))),
      h("p", { class: "meta" }, st.top_events.map((e) => `${e.event_type} ${e.count}`).join(" · "))))) :
      empty("No stories yet: ingest articles with `newsledger ingest`."));
}

async function storyView({ id }) {
  const q = enc(id);
  const [story, timeline, network, quotes, compare, events] = await Promise.all([
    api(`/api/stories/${q}`), api(`/api/timeline?story=${q}`), api(`/api/stories/${q}/network`),
    api(`/api/stories/${q}/quotes`), api(`/api/stories/${q}/compare`),
    api(`/api/merged-events?story=${q}&limit=100`)]);
  return h("div", {},
    h("h1", {}, story.title),
    h("p", { class: "lede" }, `${when(story.first_date)} – ${when(story.last_date)} · `,
      `${plural(story.n_documents, "article")} from ${plural(story.n_outlets, "outlet")}: `,
      Object.keys(compare.outlets).join(", ")),
    section("Timeline", timelineChart(timeline)),
    section("Who acts on whom", networkChart(network)),
    section("Events", eventsTable(events)),
    section("Quotes by speaker", quotesBySpeaker(quotes)),
    section("How the outlets differ", outletComparison(compare)),
    section("Articles", capped(story.documents, 30, (docs) => table(["published", "outlet", "title"], docs.map((doc) =>
      [when(doc.published), doc.outlet || "—", articleLink(doc.doc_id, doc.title || doc.source)])), "articles")));
}

function eventsTable(events, shown = 15) {
  if (!events.length) return empty("No events.");
  const rows = (list) => table(["type", "who", "date", "articles", "outlets"], list.map((e) => [
    typeBadge(e.event_type, e.quad), link(`#/event/${enc(e.merged_id)}`, names(e.participant_names)),
    when(e.date || (e.dates && e.dates[0])), String(e.n_articles), names(e.outlets)]));
  return capped(events, shown, rows, "events");
}

// Long lists show their head; the rest stays one click away.
function capped(items, shown, render, noun) {
  if (items.length <= shown) return render(items);
  return h("div", {}, render(items.slice(0, shown)),
    h("details", { class: "more" }, h("summary", {}, `${items.length - shown} more ${noun}`), render(items.slice(shown))));
}

// Dates come at several precisions (1994, 2023-09, 2023-09-20) and span decades, so the
// chart places them in order, evenly, rather than on a linear time axis.
function timelineChart(entries) {
  if (!entries.length) return empty("Nothing dated yet.");
  const sorted = [...entries].sort((a, b) => a.date.localeCompare(b.date));
  const max = Math.max(...sorted.map((e) => e.weight));
  const step = 34, height = 150, top = 10, width = Math.max(320, sorted.length * step + 60);
  const detail = h("div", { class: "timeline-detail", id: "timeline-detail" });
  const show = (entry, bar) => {
    for (const other of chart.querySelectorAll(".bar.selected")) other.classList.remove("selected");
    bar.classList.add("selected");
    detail.replaceChildren(h("h3", {}, entry.date),
      ...entry.sentences.map((st) => h("p", { class: "source" }, "“", st.text, "” — ", st.outlet || "unknown outlet",
        ", ", quoteLink(st, st.title || "(untitled)"))),
      h("ul", {}, entry.events.map((e) => h("li", {}, typeBadge(e.event_type, e.quad), " ",
        link(`#/event/${enc(e.merged_id)}`, names(e.participant_names)),
        ` · ${plural(e.n_articles, "article")}, ${plural(e.n_outlets, "outlet")}`))));
  };
  const chart = s("svg", { viewBox: `0 0 ${width} ${height + 70}`, width, height: height + 70, role: "img",
    "aria-label": "Days by date: bar height is how much the articles refer to the day" });
  sorted.forEach((entry, i) => {
    const barHeight = Math.max(3, (entry.weight / max) * height);
    const x = 10 + i * step;
    const bar = s("rect", { class: "bar", x, y: top + height - barHeight, width: step - 8, height: barHeight,
      tabindex: 0, "data-date": entry.date },
    s("title", {}, `${entry.date}: ${plural(entry.n_articles, "article")}, ${plural(entry.events.length, "event")}`));
    bar.addEventListener("click", () => show(entry, bar));
    bar.addEventListener("keydown", (ev) => { if (ev.key === "Enter") show(entry, bar); });
    chart.append(bar, s("text", { class: "tick", x: x + (step - 8) / 2, y: top + height + 8,
      transform: `rotate(60 ${x + (step - 8) / 2} ${top + height + 8})` }, entry.date));
  });
  const wrap = h("div", { class: "chart-wrap" }, chart);
  const last = sorted[sorted.length - 1];
  const heaviest = sorted.reduce((a, b) => (b.weight > a.weight ? b : a), last);
  show(heaviest, chart.querySelectorAll(".bar")[sorted.indexOf(heaviest)]);
  return h("div", {}, h("p", { class: "hint" }, "Bar height: how much the articles refer to the day. Click a bar."),
    wrap, detail);
}

// A circle layout: deterministic, and readable for the few dozen actors of one story.
function networkChart(network) {
  if (!network.edges.length) return empty("No events with both a source and a target.");
  const width = 900, height = 560, mid = width / 2, radius = height / 2 - 40;
  const place = new Map(network.nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / network.nodes.length - Math.PI / 2;
    return [n.actor_id, { ...n, x: mid + radius * Math.cos(angle), y: height / 2 + radius * Math.sin(angle) }];
  }));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "network", role: "img",
    "aria-label": "Actor network: an arrow from source to target, green for cooperation, red for conflict" },
  s("defs", {}, ["coop", "conflict"].map((kind) => s("marker", { id: `arrow-${kind}`, viewBox: "0 0 10 10",
    refX: 18, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
  s("path", { d: "M 0 0 L 10 5 L 0 10 z", class: `arrow-${kind}` })))));
  for (const edge of network.edges) {
    const a = place.get(edge.source), b = place.get(edge.target);
    if (!a || !b) continue;
    for (const [kind, n, bend] of [["coop", edge.cooperation, 18], ["conflict", edge.conflict, -18]]) {
      if (!n) continue;
      const mx = (a.x + b.x) / 2 - ((b.y - a.y) / Math.hypot(b.x - a.x, b.y - a.y)) * bend;
      const my = (a.y + b.y) / 2 + ((b.x - a.x) / Math.hypot(b.x - a.x, b.y - a.y)) * bend;
      svg.append(s("path", { class: `edge ${kind}`, d: `M ${a.x} ${a.y} Q ${mx} ${my} ${b.x} ${b.y}`,
        "stroke-width": Math.min(1 + n, 7), "marker-end": `url(#arrow-${kind})` },
      s("title", {}, `${a.name} → ${b.name}: ${plural(n, kind === "coop" ? "cooperative event" : "conflict event")}`)));
    }
  }
  for (const node of place.values()) {
    const anchor = node.x < mid - 5 ? "end" : node.x > mid + 5 ? "start" : "middle";
    const dx = anchor === "end" ? -10 : anchor === "start" ? 10 : 0;
    const g = s("a", { href: `#/actor/${enc(node.actor_id)}`, class: "node" },
      s("circle", { cx: node.x, cy: node.y, r: 7, class: `kind-${node.kind || "other"}` }),
      s("text", { x: node.x + dx, y: node.y + 4, "text-anchor": anchor }, node.name),
      s("title", {}, `${node.name} (${node.actor_id})`));
    svg.append(g);
  }
  return h("div", {},
    h("p", { class: "hint" }, h("span", { class: "key coop" }, "cooperation"), " ",
      h("span", { class: "key conflict" }, "conflict"), " — arrows run from source to target; click an actor."),
    h("div", { class: "chart-wrap" }, svg));
}

function quotesBySpeaker(groups) {
  if (!groups.length) return empty("No direct quotes.");
  return h("div", { class: "speakers" }, groups.map((g, i) => h("details", { open: i < 3 },
    h("summary", {}, h("strong", {}, g.speaker), ` · ${plural(g.quotes.length, "quote")}`,
      g.actor_id ? [" · ", actorLink(g.actor_id, "actor page")] : null),
    h("ul", { class: "quotes" }, g.quotes.map((q) => h("li", {},
      h("blockquote", {}, q.text),
      h("p", { class: "meta" }, `${q.cue || q.kind} — ${q.outlet || "unknown outlet"}, ${when(q.published)} · `,
        quoteLink(q, "in the article"))))))));
}

function outletComparison(c) {
  const outlets = Object.keys(c.outlets);
  // Events several outlets report come first: they are where accounts can be set side by side.
  const reported = c.events.filter((e) => e.outlets.length > 1).concat(c.events.filter((e) => e.outlets.length === 1));
  const grid = (list) => table(["event", "date", ...outlets], list.map((e) => [
    h("span", {}, typeBadge(e.event_type, e.quad), " ", link(`#/event/${enc(e.merged_id)}`, names(e.participant_names))),
    when(e.date), ...outlets.map((o) => (e.outlets.includes(o) ? h("span", { class: "yes", title: o }, "●") : ""))]));
  const parts = [
    h("h3", {}, "Which outlet reported which event"),
    capped(reported, Math.max(8, reported.filter((e) => e.outlets.length > 1).length), grid, "events"),
    h("h3", {}, "Whom each outlet quotes"),
    c.quotes.length ? table(["speaker", ...outlets], c.quotes.map((q) => [q.speaker,
      ...outlets.map((o) => (q.outlets[o] ? String(q.outlets[o]) : ""))])) : empty("No quotes."),
    h("h3", {}, "Words each outlet uses more than the others"),
    Object.keys(c.terms).length ? h("dl", { class: "terms" }, Object.entries(c.terms).map(([outlet, terms]) => [
      h("dt", {}, outlet), h("dd", {}, terms.slice(0, 10).map((t) => t.term).join(", "))])) :
      empty("One outlet only: nothing to compare."),
    h("h3", {}, "Figures that disagree"),
    c.conflicting_claims.length ? h("div", {}, c.conflicting_claims.map((cc) => h("div", { class: "clash" },
      h("p", {}, h("strong", {}, `${cc.counted} (${cc.verb || "counted"}): `), cc.values.join(" vs ")),
      h("ul", {}, cc.claims.map((cl) => h("li", {}, h("strong", {}, cl.text), ` — ${cl.asserter || "?"}, `,
        `${cl.outlet}, ${when(cl.published)}: “`, cl.sentence, "” ", articleLink(cl.doc_id, "article"))))))) :
      empty("No clashing figures."),
  ];
  return h("div", {}, parts);
}

// -- events ----------------------------------------------------------------------------

async function eventsView({ query }) {
  const params = new URLSearchParams(query || "");
  const type = params.get("type") || "";
  const merged = await api(`/api/merged-events?limit=200${type ? `&type=${enc(type)}` : ""}`);
  const select = h("select", { "aria-label": "Event type", onchange: (ev) => {
    location.hash = ev.target.value ? `#/events?type=${enc(ev.target.value)}` : "#/events";
  } }, h("option", { value: "" }, "all types"), TYPES.map((t) => h("option", { value: t, selected: t === type }, t)));
  return h("div", {}, h("h1", {}, "Events"),
    h("p", { class: "lede" }, "Events merged across articles, the most widely reported first. ", select),
    eventsTable(merged));
}

async function eventView({ id }) {
  const e = await api(`/api/merged-events/${enc(id)}`);
  const nameOf = new Map(e.participants.map((a, i) => [a, (e.participant_names || [])[i]]));
  return h("div", {},
    h("h1", {}, typeBadge(e.event_type, e.quad), " ", names(e.participant_names)),
    h("dl", { class: "facts" },
      h("dt", {}, "kind"), h("dd", {}, QUAD[e.quad] || "—"),
      h("dt", {}, "source"), h("dd", {}, zipLinks(e.source_ids, (e.source_ids || []).map((a) => nameOf.get(a)))),
      h("dt", {}, "target"), h("dd", {}, zipLinks(e.target_ids, (e.target_ids || []).map((a) => nameOf.get(a)))),
      h("dt", {}, "dates given"), h("dd", {}, names(e.dates)),
      h("dt", {}, "places given"), h("dd", {}, names(e.locations)),
      h("dt", {}, "reported by"), h("dd", {}, `${plural(e.n_articles, "article")}, ${plural(e.n_outlets, "outlet")}: `,
        names(e.outlets))),
    section("Each report", h("ol", { class: "reports" }, e.mentions.map((m) => h("li", {},
      h("p", { class: "meta" }, `${m.outlet || "unknown outlet"} · published ${when(m.published)} · “${m.trigger}” · `,
        `event date ${when(m.date)}${m.date_text ? ` (“${m.date_text}”)` : ""}${m.location ? ` · ${m.location}` : ""}`),
      h("blockquote", {}, m.sentence),
      h("p", {}, articleLink(m.doc_id, `Read it in “${m.title || "the article"}”`, m.event_id)))))));
}

// -- article ---------------------------------------------------------------------------

async function articleView({ id, query }) {
  const params = new URLSearchParams(query || "");
  const focus = params.get("e");
  const [spanStart, spanEnd] = (params.get("at") || "").split("-").map(Number);
  const [doc, notes] = await Promise.all([api(`/api/documents/${enc(id)}`), api(`/api/documents/${enc(id)}/annotations`)]);
  const marks = [
    ...notes.events.map((e) => ({ kind: "event", start: e.trigger_start, end: e.trigger_end, data: e })),
    ...notes.quotes.map((q) => ({ kind: "quote", start: q.start_char, end: q.end_char, data: q })),
    ...notes.actors.map((a) => ({ kind: "actor", start: a.start_char, end: a.end_char, data: a })),
  ];
  const focused = notes.events.find((e) => e.event_id === focus);
  if (focused) marks.push({ kind: "focus", start: focused.start_char, end: focused.end_char, data: focused });
  else if (spanEnd > spanStart) marks.push({ kind: "focus", start: spanStart, end: spanEnd, data: null });
  const panel = h("aside", { class: "explain", id: "explain", "aria-live": "polite" },
    h("p", { class: "hint" }, "Point at or click a highlighted word to see what was extracted and why."));
  const text = h("div", { class: "article-text", id: "article-text" }, highlighted(doc.text, marks, panel));
  const url = doc.url && safeUrl(doc.url);
  const view = h("div", {},
    h("h1", { id: "article-title" }, doc.title || "(untitled)"),
    h("p", { class: "lede" }, `${doc.outlet || "unknown outlet"} · ${when(doc.published)}`,
      doc.dateline ? ` · ${doc.dateline}` : "", ` · ${doc.language}`, url ? [" · ", h("a", { href: url,
        rel: "noopener noreferrer", target: "_blank" }, "original")] : ` · ${doc.source}`),
    h("p", { class: "legend" }, h("span", { class: "ann event quad-3" }, "event"), " ",
      h("span", { class: "ann quote" }, "quote"), " ", h("span", { class: "ann actor" }, "actor"),
      ` — ${plural(notes.events.length, "event")}, ${plural(notes.quotes.length, "quote")}, `,
      `${plural(notes.actors.length, "actor mention")}`),
    h("div", { class: "reader" }, text, panel),
    section("Events in this article", notes.events.length ? h("ol", { class: "event-list" }, notes.events.map((e) =>
      h("li", {}, typeBadge(e.event_type, e.quad), " ", h("a", { href: `#/article/${enc(notes.doc_id)}?e=${enc(e.event_id)}` },
        `${names(e.source_names)} → ${names(e.target_names)}`), ` · ${when(e.date)} · “${e.trigger}”`))) :
      empty("No events found.")));
  requestAnimationFrame(() => {
    const first = text.querySelector(".focus");
    if (!first) return;
    first.scrollIntoView({ block: "center" });
    const shown = marks.filter((m) => m.kind !== "focus" && m.start <= Number(first.dataset.start) && m.end > Number(first.dataset.start));
    explain(panel, focused ? marks.filter((m) => m.data === focused && m.kind === "event") : shown);
  });
  return view;
}

// Annotations overlap (an actor inside a quote inside an event's sentence), so the text is
// cut at every boundary and each piece carries every annotation that covers it.
function highlighted(text, marks, panel) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) {
    if (m.start >= 0 && m.end <= text.length && m.start < m.end) cuts.add(m.start).add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = marks.filter((m) => m.start <= a && m.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) {
      pieces.push(piece);
      continue;
    }
    const kinds = new Set(covering.map((m) => m.kind));
    const quads = covering.filter((m) => m.kind === "event").map((m) => `quad-${m.data.quad}`);
    const explained = covering.filter((m) => m.kind !== "focus");
    const span = h("span", { class: ["ann", ...kinds, ...quads].join(" "), tabindex: explained.length ? 0 : null,
      "data-start": a }, piece);
    if (explained.length) {
      const show = () => explain(panel, explained);
      span.addEventListener("mouseenter", show);
      span.addEventListener("focus", show);
      span.addEventListener("click", show);
    }
    pieces.push(span);
  }
  return pieces;
}

function explain(panel, marks) {
  panel.replaceChildren(...marks.map((m) => explainOne(m)));
}

function explainOne({ kind, data }) {
  if (kind === "event") {
    const e = data;
    return h("div", { class: "explain-item" },
      h("h3", {}, typeBadge(e.event_type, e.quad), e.mode ? ` ${e.mode}` : "", ` — ${QUAD[e.quad] || ""}`),
      h("dl", { class: "facts" },
        h("dt", {}, "trigger"), h("dd", {}, `“${e.trigger}”`),
        h("dt", {}, "source"), h("dd", {}, zipLinks(e.source_ids, e.source_names)),
        h("dt", {}, "target"), h("dd", {}, zipLinks(e.target_ids, e.target_names)),
        h("dt", {}, "date"), h("dd", {}, `${when(e.date)} (${e.date_precision}${e.date_text ? `, from “${e.date_text}”` : ""})`),
        h("dt", {}, "place"), h("dd", {}, e.location ? `${e.location}${e.location_country ? `, ${e.location_country}` : ""}` : "—"),
        h("dt", {}, "modality"), h("dd", {}, `${e.modality}${e.negated ? ", negated" : ""}`),
        h("dt", {}, "rule"), h("dd", { class: "rule" }, e.rule),
        h("dt", {}, "confidence"), h("dd", {}, e.confidence.toFixed(2)),
        h("dt", {}, "also reported by"), h("dd", {}, e.other_reports.length ? h("ul", {}, e.other_reports.map((o) =>
          h("li", {}, `${o.outlet || "unknown outlet"}, ${when(o.published)}: `, articleLink(o.doc_id, o.title))))
          : "no other article")),
      e.merged_id ? h("p", {}, link(`#/event/${enc(e.merged_id)}`, "the event across articles")) : null);
  }
  if (kind === "quote") {
    const q = data;
    return h("div", { class: "explain-item" }, h("h3", {}, `${q.kind} quote`),
      h("dl", { class: "facts" },
        h("dt", {}, "speaker"), h("dd", {}, q.speaker || "unattributed",
          q.actor ? [" → ", actorLink(q.actor_id, q.actor)] : null),
        h("dt", {}, "cue"), h("dd", {}, q.cue || "—"),
        h("dt", {}, "to"), h("dd", {}, q.addressee || "—"),
        h("dt", {}, "rule"), h("dd", { class: "rule" }, q.rule),
        h("dt", {}, "same words in"), h("dd", {}, names(q.other_outlets))));
  }
  const a = data;
  return h("div", { class: "explain-item" }, h("h3", {}, "actor: ", actorLink(a.actor_id, a.actor)),
    h("dl", { class: "facts" },
      h("dt", {}, "as written"), h("dd", {}, `“${a.text}” (${a.label})`),
      h("dt", {}, "title"), h("dd", {}, a.role || "—"),
      h("dt", {}, "kind"), h("dd", {}, [a.kind, a.country, a.sector].filter(Boolean).join(" · ") || "—"),
      h("dt", {}, "rule"), h("dd", { class: "rule" }, a.rule || "—")));
}

function zipLinks(ids, labels) {
  if (!ids || !ids.length) return "—";
  return ids.map((id, i) => [i ? ", " : "", actorLink(id, (labels && labels[i]) || id)]);
}

// -- actors ----------------------------------------------------------------------------

async function actorsView() {
  const actors = await api("/api/actors?limit=200");
  return h("div", {}, h("h1", {}, "Actors"),
    h("p", { class: "lede" }, "People, states, governments, forces and organisations, merged across spellings."),
    table(["name", "kind", "country", "sector", "mentions", "articles", "seen"], actors.map((a) => [
      actorLink(a.actor_id, a.name), a.kind, a.country || a.igo || "—", a.sector || "—", String(a.n_mentions),
      String(a.n_documents), `${when(a.first_seen)} – ${when(a.last_seen)}`])));
}

async function actorView({ id }) {
  const q = enc(id);
  const actor = await api(`/api/actors/${q}`);
  const aid = enc(actor.actor_id);
  const [asSource, asTarget, quotes] = await Promise.all([api(`/api/actors/${aid}/events?role=source&limit=100`),
    api(`/api/actors/${aid}/events?role=target&limit=100`),
    api(`/api/quotes?speaker=${enc(actor.name)}&limit=100`)]);
  const own = quotes.filter((x) => x.actor_id === actor.actor_id);
  const eventRows = (rows, other) => rows.length ? table(["date", "type", other, "sentence", "outlet"], rows.map((e) => [
    when(e.date || e.published), typeBadge(e.event_type, e.quad),
    names(other === "target" ? e.target_names : e.source_names),
    articleLink(e.doc_id, e.sentence, e.event_id), e.outlet || "—"])) : empty("None.");
  return h("div", {},
    h("h1", {}, actor.name),
    h("p", { class: "lede" }, [actor.kind, actor.country, actor.igo, actor.sector].filter(Boolean).join(" · "),
      ` · ${plural(actor.n_mentions, "mention")} in ${plural(actor.n_documents, "article")}, `,
      `${when(actor.first_seen)} – ${when(actor.last_seen)}`),
    h("p", { class: "meta" }, "Also written: ", actor.aliases.map((a) => `${a.text} (${a.count})`).join(", ")),
    section("Roles over time", actor.roles.length ? table(["date", "role", "country", "sector", "article"],
      actor.roles.map((r) => [when(r.date), r.role, r.country || r.igo || "—", r.sector || "—",
        articleLink(r.doc_id, "source")])) : empty("No titles recorded.")),
    section(`Events as source (${asSource.length})`, eventRows(asSource, "target")),
    section(`Events as target (${asTarget.length})`, eventRows(asTarget, "source")),
    section(`Quotes (${own.length})`, own.length ? h("ul", { class: "quotes" }, own.map((x) => h("li", {},
      h("blockquote", {}, x.text), h("p", { class: "meta" }, `${x.cue || x.kind} — ${x.outlet || "?"}, ${when(x.published)} · `,
        quoteLink(x, "in the article"))))) : empty("No quotes.")),
    section("Often in the same sentence", h("p", { class: "chips" },
      actor.co_actors.map((c) => actorLink(c.actor_id, `${c.name} (${c.sentences})`)))));
}

// -- search ----------------------------------------------------------------------------

async function searchView({ query }) {
  const words = new URLSearchParams(query || "").get("q") || "";
  document.querySelector("#search input").value = words;
  if (!words.trim()) return h("div", {}, h("h1", {}, "Search"), empty("Type words to find articles."));
  const hits = await api(`/api/search?q=${enc(words)}&limit=50`);
  return h("div", {}, h("h1", {}, `Search: ${words}`),
    hits.length ? h("ol", { class: "hits" }, hits.map((x) => h("li", {},
      h("h3", {}, articleLink(x.doc_id, x.title)), h("p", { class: "meta" }, `${x.outlet || "?"} · ${when(x.published)}`),
      h("p", { class: "snippet" }, "…", x.snippet, "…")))) : empty("No article holds those words."));
}

// -- routing ---------------------------------------------------------------------------

// Ids in the path are decoded here; a query string is left for URLSearchParams to decode.
const ROUTES = [
  [/^#?\/?$/, storiesView],
  [/^#\/story\/(?<id>[^?]+)$/, storyView],
  [/^#\/events(?:\?(?<query>.*))?$/, eventsView],
  [/^#\/event\/(?<id>[^?]+)$/, eventView],
  [/^#\/article\/(?<id>[^?]+)(?:\?(?<query>.*))?$/, articleView],
  [/^#\/actors$/, actorsView],
  [/^#\/actor\/(?<id>[^?]+)$/, actorView],
  [/^#\/search(?:\?(?<query>.*))?$/, searchView],
];
let rendering = 0;

const ontology = api("/api/ontology").then((o) => {
  QUAD = o.quads;
  TYPES = Object.keys(o.types);
});

async function render() {
  const ticket = ++rendering;
  const hash = location.hash || "#/";
  const route = ROUTES.find(([pattern]) => pattern.test(hash));
  main.setAttribute("aria-busy", "true");
  let view;
  try {
    if (!route) throw new Error(`no page at ${hash}`);
    await ontology;
    const { id, query } = hash.match(route[0]).groups || {};
    view = await route[1]({ id: id === undefined ? undefined : decodeURIComponent(id), query });
  } catch (error) {
    view = h("div", { class: "error", role: "alert" }, h("h1", {}, "Cannot show this page"), h("p", {}, error.message),
      h("p", {}, link("#/", "Back to the stories")));
  }
  if (ticket !== rendering) return; // a later navigation won
  main.replaceChildren(view);
  main.removeAttribute("aria-busy");
  const title = main.querySelector("h1");
  document.title = title ? `${title.textContent} · newsledger` : "newsledger";
  if (!/[?&](e|at)=/.test(location.hash)) window.scrollTo(0, 0);
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  location.hash = `#/search?q=${enc(new FormData(ev.target).get("q"))}`;
});
window.addEventListener("hashchange", render);
render();
