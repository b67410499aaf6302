/* Tillit insight page: weekly figures, handoffs and content gaps from /api/insights.
 * Plain script, strict-CSP safe (no inline style: charts are SVG with presentation attributes).
 *
 * Every chart is an inline SVG with role="img", a title and a description that says what it
 * shows and where its numbers are; the same numbers are always in a table beside it. The staff key
 * is the console's (sessionStorage, this tab only).
 */
(function () {
  "use strict";

  var KEY_STORAGE = "tillit.staffKey";
  var SVG = "http://www.w3.org/2000/svg";
  var REASONS = {
    human_request: "Vill prata med en person",
    crisis: "Kris",
    case_specific: "Gäller ett eget ärende",
    decision: "Beslut eller juridisk bedömning",
    complaint: "Klagomål",
    low_confidence: "Assistenten hittade inget säkert svar",
    pii_shared: "Personuppgifter i ärendet",
    language: "Annat språk / tolk",
    interpreter: "Tolk",
    out_of_scope: "Utanför vårt område",
    injection: "Missbruk av chatten",
    after_handoff: "Redan överlämnat"
  };
  var NO_REASONS = {
    wrong: "Fel svar",
    unclear: "Svårt att förstå",
    incomplete: "Saknar svar",
    other: "Annat",
    outdated: "Inaktuellt",
    not_relevant: "Inte relevant",
    none: "Ingen orsak angiven"
  };
  var SERIES = {
    s1: { fill: "#0b4f8a" },
    s2: { fill: "#1d6b34", pattern: "stripes" },
    s3: { fill: "#8a4b0b", pattern: "dots" }
  };

  var main = document.getElementById("main");
  var signin = document.getElementById("signin");
  var signinForm = document.getElementById("signin-form");
  var keyInput = document.getElementById("staff-key");
  var signinError = document.getElementById("signin-error");
  var insight = document.getElementById("insight");
  var weeksSelect = document.getElementById("weeks");
  var errorBox = document.getElementById("insight-error");
  var status = document.getElementById("insight-status");

  var state = { key: null, report: null, charts: 0 };
  var number = new Intl.NumberFormat("sv-SE");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function say(text) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 60);
  }

  function showError(box, text) {
    box.textContent = "";
    window.setTimeout(function () { box.textContent = text; }, 30);
  }

  function loadKey() {
    try { return window.sessionStorage.getItem(KEY_STORAGE); } catch (e) { return null; }
  }
  function storeKey(key) {
    try {
      if (key) { window.sessionStorage.setItem(KEY_STORAGE, key); } else { window.sessionStorage.removeItem(KEY_STORAGE); }
    } catch (e) { /* storage off: the key lives in memory for this page only */ }
  }

  function fetchWithKey(path) {
    return window.fetch(path, {
      headers: { Accept: "application/json", Authorization: "Bearer " + state.key },
      credentials: "omit"
    });
  }

  function getJson(path) {
    return fetchWithKey(path).then(function (response) {
      return response.json().then(
        function (body) { return { ok: response.ok, status: response.status, body: body }; },
        function () { return { ok: response.ok, status: response.status, body: null }; }
      );
    }, function () { return { ok: false, status: 0, body: null }; });
  }

  function errorText(result, fallback) {
    if (result.status === 0) { return "Servern svarar inte. Kontrollera anslutningen och försök igen."; }
    if (result.status === 401 || result.status === 403) { return "Nyckeln godtogs inte, eller saknar behörighet."; }
    if (result.body && typeof result.body.detail === "string") { return result.body.detail; }
    return fallback;
  }

  function fmt(n) { return n === null || n === undefined ? "–" : number.format(n); }
  function percent(part, whole) { return whole ? Math.round((100 * part) / whole) + " %" : "–"; }
  function weekLabel(week) { return String(week).replace(/^(\d{4})-W0?(\d+)$/, "v. $2"); }

  /* ---------- sign in ---------- */

  function showSignin(message) {
    storeKey(null);
    state.key = null;
    insight.hidden = true;
    signin.hidden = false;
    if (message) { showError(signinError, message); }
  }

  signinForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var key = keyInput.value.trim();
    if (!key) {
      showError(signinError, "Skriv din personalnyckel.");
      keyInput.focus();
      return;
    }
    state.key = key;
    getJson("/api/me").then(function (result) {
      if (!result.ok) {
        state.key = null;
        showError(signinError, errorText(result, "Inloggningen misslyckades. Försök igen."));
        keyInput.focus();
        return;
      }
      storeKey(key);
      keyInput.value = "";
      signin.hidden = true;
      insight.hidden = false;
      load(true);
    });
  });

  /* ---------- charts ---------- */

  function chartShell(container, width, height, title, description) {
    state.charts += 1;
    var id = "chart" + state.charts;
    var root = svg("svg", {
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-labelledby": id + "-title " + id + "-desc",
      focusable: "false",
      "class": "chart__svg"
    });
    root.appendChild(svg("title", { id: id + "-title" }, title));
    root.appendChild(svg("desc", { id: id + "-desc" }, description));
    var defs = svg("defs");
    var stripes = svg("pattern", { id: id + "-stripes", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    stripes.appendChild(svg("rect", { width: 6, height: 6, fill: "#ffffff" }));
    stripes.appendChild(svg("rect", { width: 3.5, height: 6, fill: SERIES.s2.fill }));
    var dots = svg("pattern", { id: id + "-dots", width: 5, height: 5, patternUnits: "userSpaceOnUse" });
    dots.appendChild(svg("rect", { width: 5, height: 5, fill: SERIES.s3.fill }));
    dots.appendChild(svg("circle", { cx: 2.5, cy: 2.5, r: 1.1, fill: "#ffffff" }));
    defs.appendChild(stripes);
    defs.appendChild(dots);
    root.appendChild(defs);
    container.textContent = "";
    container.appendChild(root);
    return { root: root, id: id };
  }

  function fillFor(chart, series) {
    var s = SERIES[series];
    return s.pattern ? "url(#" + chart.id + "-" + s.pattern + ")" : s.fill;
  }

  // The smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at or above the value (an even axis top).
  function niceMax(value) {
    if (value <= 2) { return 2; }
    var scale = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) {
      var top = Math.round(steps[i] * scale * 100) / 100;  // 1.2 * 100 is 120.00000000000001
      if (top >= value && Math.round(top) === top) { return top; }
    }
    return 10 * scale;
  }

  // Bars per week: grouped (side by side) or stacked (one column per week).
  function weekChart(container, weeks, series, stacked, title, description) {
    var width = 720, height = 260, left = 44, right = 8, top = 12, bottom = 32;
    var chart = chartShell(container, width, height, title, description);
    var totals = weeks.map(function (_, i) {
      return stacked
        ? series.reduce(function (sum, s) { return sum + s.values[i]; }, 0)
        : Math.max.apply(null, series.map(function (s) { return s.values[i]; }));
    });
    var max = niceMax(Math.max.apply(null, totals.concat([0])));
    var plotH = height - top - bottom;
    var plotW = width - left - right;
    var y = function (v) { return top + plotH - (v / max) * plotH; };
    (max % 2 === 0 ? [0, max / 2, max] : [0, max]).forEach(function (tick) {
      chart.root.appendChild(svg("line", { x1: left, x2: width - right, y1: y(tick), y2: y(tick), stroke: "#d4d4d4", "stroke-width": 1 }));
      chart.root.appendChild(svg("text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end", "class": "chart__tick" }, fmt(Math.round(tick))));
    });
    var groupW = plotW / Math.max(1, weeks.length);
    var every = Math.ceil(weeks.length / 13);
    weeks.forEach(function (week, i) {
      var x0 = left + i * groupW + groupW * 0.12;
      var inner = groupW * 0.76;
      var base = 0;
      series.forEach(function (s, j) {
        var v = s.values[i];
        var barW = stacked ? inner : inner / series.length;
        var x = stacked ? x0 : x0 + j * barW;
        var y1 = y(stacked ? base + v : v);
        var y0 = y(stacked ? base : 0);
        var rect = svg("rect", { x: x, y: y1, width: Math.max(1, barW - 1), height: Math.max(0, y0 - y1), fill: fillFor(chart, s.series), stroke: SERIES[s.series].fill, "stroke-width": 1 });
        rect.appendChild(svg("title", {}, weekLabel(week) + ": " + s.name + " " + fmt(v)));
        chart.root.appendChild(rect);
        base += v;
      });
      if (i % every === 0) {
        chart.root.appendChild(svg("text", { x: left + i * groupW + groupW / 2, y: height - 10, "text-anchor": "middle", "class": "chart__tick" }, weekLabel(week)));
      }
    });
  }

  // One horizontal bar per item, its label and value written beside it.
  function barList(container, items, title, description) {
    if (!items.length) {
      container.textContent = "";
      container.appendChild(el("p", "muted", "Inga överlämningar under perioden."));
      return;
    }
    var row = 30, labelW = 290, width = 720, valueW = 60;
    var height = items.length * row + 8;
    var chart = chartShell(container, width, height, title, description);
    var max = Math.max.apply(null, items.map(function (i) { return i.value; }).concat([1]));
    items.forEach(function (item, i) {
      var yMid = 4 + i * row + row / 2;
      chart.root.appendChild(svg("text", { x: labelW - 8, y: yMid + 5, "text-anchor": "end", "class": "chart__label" }, item.label));
      var w = ((width - labelW - valueW) * item.value) / max;
      chart.root.appendChild(svg("rect", { x: labelW, y: yMid - 10, width: Math.max(1, w), height: 20, fill: SERIES.s1.fill }));
      chart.root.appendChild(svg("text", { x: labelW + w + 6, y: yMid + 5, "class": "chart__value" }, fmt(item.value)));
    });
  }

  /* ---------- the report ---------- */

  function summary(report) {
    var t = report.totals;
    var dl = document.getElementById("summary");
    dl.textContent = "";
    var pairs = [
      ["Frågor", fmt(t.asked)],
      ["Besvarade ur dokumenten", fmt(t.answered) + " (" + percent(t.answered, t.asked) + ")"],
      ["Överlämnade till en person", fmt(t.handed_off)],
      ["Svar med låg säkerhet", fmt(t.low_confidence)],
      ["Frågor utan svar", fmt(t.no_answer)],
      ["Återkoppling Ja / Nej", fmt(t.feedback_yes) + " / " + fmt(t.feedback_no)],
      ["Svarsutkast", fmt(t.drafts), "skickade oförändrade " + fmt(t.drafts_sent) + ", med ändringar " + fmt(t.drafts_edited) + ", kastade " + fmt(t.drafts_discarded)],
      ["Median redigeringsavstånd", t.median_edit_distance === null ? "–" : fmt(t.median_edit_distance) + " tecken"]
    ];
    pairs.forEach(function (p) {
      var box = el("div", "figures__item");
      box.appendChild(el("dt", null, p[0]));
      var dd = el("dd", null, p[1]);
      if (p[2]) { dd.appendChild(el("small", "figures__detail", p[2])); }
      box.appendChild(dd);
      dl.appendChild(box);
    });
  }

  var WEEK_COLUMNS = ["Frågor", "Besvarade", "Överlämnade", "Låg säkerhet", "Utan svar", "Ja", "Nej", "Utkast",
    "Skickade oförändrade", "Skickade med ändringar", "Kastade", "Median redigeringsavstånd"];

  function weekRow(w, isTotal) {
    var tr = el("tr");
    var head = el("th", "nowrap", isTotal ? "Hela perioden" : w.week);
    if (!isTotal) { head.appendChild(el("small", null, "från " + w.start)); }
    head.scope = "row";
    tr.appendChild(head);
    [w.asked, w.answered, w.handed_off, w.low_confidence, w.no_answer, w.feedback_yes, w.feedback_no, w.drafts,
      w.drafts_sent, w.drafts_edited, w.drafts_discarded, w.median_edit_distance].forEach(function (v, i) {
      var td = el("td", "num", fmt(v));
      td.setAttribute("data-label", WEEK_COLUMNS[i]);
      tr.appendChild(td);
    });
    return tr;
  }

  function weekly(report) {
    var body = document.getElementById("weekly-body");
    var foot = document.getElementById("weekly-foot");
    body.textContent = "";
    foot.textContent = "";
    report.weeks.forEach(function (w) { body.appendChild(weekRow(w, false)); });
    foot.appendChild(weekRow(report.totals, true));
    var weeks = report.weeks.map(function (w) { return w.week; });
    var busiest = report.weeks.reduce(function (a, b) { return b.asked > a.asked ? b : a; }, report.weeks[0]);
    var where = " Alla siffror finns i tabellen Siffror per vecka.";
    weekChart(
      document.getElementById("chart-questions"), weeks,
      [
        { name: "Frågor", series: "s1", values: report.weeks.map(function (w) { return w.asked; }) },
        { name: "Besvarade", series: "s2", values: report.weeks.map(function (w) { return w.answered; }) },
        { name: "Överlämnade", series: "s3", values: report.weeks.map(function (w) { return w.handed_off; }) }
      ],
      false,
      "Frågor, besvarade och överlämnade per vecka",
      "Stapeldiagram, " + weeks.length + " veckor från " + report.since + ". Totalt " + fmt(report.totals.asked) +
        " frågor, " + fmt(report.totals.answered) + " besvarade och " + fmt(report.totals.handed_off) + " överlämnade" +
        (busiest && busiest.asked ? "; flest frågor " + busiest.week + " (" + fmt(busiest.asked) + ")." : ".") + where
    );
    weekChart(
      document.getElementById("chart-feedback"), weeks,
      [
        { name: "Ja", series: "s2", values: report.weeks.map(function (w) { return w.feedback_yes; }) },
        { name: "Nej", series: "s3", values: report.weeks.map(function (w) { return w.feedback_no; }) }
      ],
      true,
      "Återkoppling per vecka",
      "Staplade staplar, Ja under och Nej över. Totalt " + fmt(report.totals.feedback_yes) + " Ja och " +
        fmt(report.totals.feedback_no) + " Nej." + where
    );
  }

  function breakdowns(report) {
    var t = report.totals;
    var reasons = Object.keys(t.handed_off_by_reason).map(function (k) { return { label: REASONS[k] || k, value: t.handed_off_by_reason[k] }; });
    var queues = Object.keys(t.handed_off_by_queue).map(function (k) { return { label: k, value: t.handed_off_by_queue[k] }; });
    var noReasons = Object.keys(t.feedback_no_by_reason).map(function (k) { return { label: NO_REASONS[k] || k, value: t.feedback_no_by_reason[k] }; });
    var describe = function (items, what) {
      return items.length
        ? "Liggande staplar, " + items.length + " " + what + ". Störst: " + items[0].label + " med " + fmt(items[0].value) +
          ". Siffrorna finns också i tabellen under diagrammen."
        : "Inga överlämningar under perioden.";
    };
    barList(document.getElementById("chart-reasons"), reasons, "Överlämningar efter orsak", describe(reasons, "orsaker"));
    barList(document.getElementById("chart-queues"), queues, "Överlämningar efter kö", describe(queues, "köer"));
    var body = document.getElementById("reasons-body");
    body.textContent = "";
    [["Orsak till överlämning", reasons], ["Kö", queues], ["Orsak till Nej", noReasons]].forEach(function (group) {
      group[1].forEach(function (item) {
        var tr = el("tr");
        var kind = el("td", null, group[0]);
        kind.setAttribute("data-label", "Slag");
        tr.appendChild(kind);
        var th = el("th", null, item.label);
        th.scope = "row";
        tr.appendChild(th);
        var value = el("td", "num", fmt(item.value));
        value.setAttribute("data-label", "Antal");
        tr.appendChild(value);
        body.appendChild(tr);
      });
    });
    if (!body.children.length) {
      var tr = el("tr");
      var td = el("td", "empty", "Inga överlämningar eller Nej under perioden.");
      td.colSpan = 3;
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  var SIGNAL_TEXT = {
    no_answer: "utan svar",
    low_confidence: "svar med låg säkerhet",
    negative_feedback: "Nej",
    handoff_after_answer: "bad om en person efter svaret"
  };

  function gaps(report) {
    var g = report.gaps;
    var list = document.getElementById("gaps");
    var note = document.getElementById("gaps-status");
    list.textContent = "";
    var parts = [];
    if (!g.questions) {
      parts.push("Inga frågor under perioden som assistenten inte kunde besvara väl.");
    } else {
      parts.push(fmt(g.questions) + " frågor besvarades inte väl (" + fmt(g.phrasings) + " olika formuleringar).");
    }
    if (g.pending) { parts.push(fmt(g.pending) + " av dem väntar på analys och kommer med vid nästa uppdatering."); }
    if (g.model === null) { parts.push("Grupperingen väntar på att dokumentindexet byggs."); }
    note.textContent = parts.join(" ");
    g.groups.forEach(function (group) {
      var li = el("li", "gap");
      var headingId = "gap-" + group.rank;
      var heading = el("h3", null, "Grupp " + group.rank + ": " + fmt(group.questions) + (group.questions === 1 ? " fråga" : " frågor") +
        (group.phrasings > 1 ? ", " + fmt(group.phrasings) + " formuleringar" : ""));
      heading.id = headingId;
      li.setAttribute("aria-labelledby", headingId);
      li.appendChild(heading);
      var exLabel = el("p", "gap__label", "Exempel på frågor");
      exLabel.id = headingId + "-examples";
      li.appendChild(exLabel);
      var ul = el("ul", "gap__examples");
      ul.setAttribute("aria-labelledby", exLabel.id);
      group.examples.forEach(function (text) {
        var item = el("li");
        item.appendChild(el("q", null, text));
        ul.appendChild(item);
      });
      li.appendChild(ul);
      var shown = Object.keys(SIGNAL_TEXT).filter(function (k) { return group.signals[k]; }).map(function (k) {
        return SIGNAL_TEXT[k] + " " + fmt(group.signals[k]);
      });
      li.appendChild(el("p", "gap__signals", "Så syntes det: " + (shown.join(", ") || "–") + ". Senast " + String(group.last_seen).slice(0, 10) + "."));
      var docLabel = el("p", "gap__label", "Närmast i dokumenten");
      docLabel.id = headingId + "-docs";
      li.appendChild(docLabel);
      if (group.closest_documents.length) {
        var docs = el("ul", "gap__docs");
        docs.setAttribute("aria-labelledby", docLabel.id);
        group.closest_documents.forEach(function (d) {
          var item = el("li");
          var a = el("a", null, d.title || d.doc_id);
          a.href = d.source_url;
          a.target = "_blank";
          a.rel = "noopener";
          a.appendChild(el("span", "visually-hidden", " (öppnas i ny flik)"));
          item.appendChild(a);
          var section = String(d.section || "").split("›").pop().trim();
          if (section && section !== d.title) { item.appendChild(el("span", "sources__section", " – " + section)); }
          docs.appendChild(item);
        });
        li.appendChild(docs);
      } else {
        li.appendChild(el("p", "muted", "Inget dokument kom nära."));
      }
      list.appendChild(li);
    });
  }

  function clock(iso) {
    var date = new Date(/Z|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + "Z");
    return isNaN(date.getTime()) ? iso : date.toLocaleString("sv-SE", { dateStyle: "short", timeStyle: "medium" });
  }

  function render(report) {
    state.report = report;
    document.getElementById("computed").textContent =
      "Räknat " + clock(report.generated_at) + ". Siffrorna räknas om varannan minut; knappen räknar om nu.";
    document.getElementById("period").textContent =
      "Period: " + report.since + " till och med " + dayBefore(report.until) + " (" + report.weeks.length + " veckor).";
    summary(report);
    weekly(report);
    breakdowns(report);
    gaps(report);
  }

  function dayBefore(iso) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }

  function load(first, fresh) {
    var weeks = weeksSelect.value;
    say(fresh ? "Räknar om …" : "Hämtar siffrorna …");
    var path = "/api/insights?weeks=" + encodeURIComponent(weeks) + (fresh ? "&fresh=true" : "");
    return getJson(path).then(function (result) {
      if (result.status === 401) { showSignin("Din inloggning gäller inte längre. Logga in igen."); keyInput.focus(); return; }
      if (!result.ok) { showError(errorBox, errorText(result, "Siffrorna kunde inte hämtas.")); return; }
      errorBox.textContent = "";
      render(result.body);
      main.setAttribute("data-loaded", "true");
      say("Siffrorna för " + weeks + " veckor visas.");
      if (first) { document.getElementById("summary-heading").focus(); }
    });
  }

  document.getElementById("period-form").addEventListener("submit", function (event) {
    event.preventDefault();
    load(false);
  });

  /* ---------- CSV ---------- */

  function download(part) {
    var path = "/api/insights.csv?part=" + part + "&weeks=" + encodeURIComponent(weeksSelect.value);
    fetchWithKey(path).then(function (response) {
      if (!response.ok) { showError(errorBox, "Filen kunde inte hämtas."); return; }
      var disposition = response.headers.get("Content-Disposition") || "";
      var match = /filename="([^"]+)"/.exec(disposition);
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el("a");
        a.href = url;
        a.download = match ? match[1] : "tillit-insikt-" + part + ".csv";
        a.hidden = true;
        document.body.appendChild(a);
        a.click();
        a.remove();
        window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        say("Filen " + a.download + " är nedladdad.");
      });
    }, function () { showError(errorBox, "Servern svarar inte. Försök igen."); });
  }

  document.getElementById("recount").addEventListener("click", function () { load(false, true); });

  document.getElementById("csv-weeks").addEventListener("click", function () { download("weeks"); });
  document.getElementById("csv-gaps").addEventListener("click", function () { download("gaps"); });

  /* ---------- start ---------- */

  state.key = loadKey();
  if (state.key) {
    insight.hidden = false;
    load(false).then(function () { main.setAttribute("data-ready", "true"); });
  } else {
    signin.hidden = false;
    main.setAttribute("data-ready", "true");
  }
})();
