/* Tillit staff console: handoff queue, transcripts, draft replies, document list. Plain script,
 * strict-CSP safe.
 *
 * The staff key is kept in sessionStorage (this tab only, gone when it closes) and sent as a
 * Bearer token. Status messages go to one polite live region; errors to role="alert" boxes.
 * The queue stays current by asking /api/alerts every few seconds with If-None-Match (a 304 while
 * nothing changed); a new urgent handoff shows a banner and is announced politely.
 */
(function () {
  "use strict";

  var KEY_STORAGE = "tillit.staffKey";

  var signin = document.getElementById("signin");
  var signinForm = document.getElementById("signin-form");
  var keyInput = document.getElementById("staff-key");
  var signinError = document.getElementById("signin-error");
  var consoleBox = document.getElementById("console");
  var status = document.getElementById("staff-status");
  var whoami = document.getElementById("whoami");

  var queueList = document.getElementById("queue-list");
  var queueEmpty = document.getElementById("queue-empty");
  var queueError = document.getElementById("queue-error");
  var queueCount = document.getElementById("queue-count");

  var draftForm = document.getElementById("draft-form");
  var incoming = document.getElementById("incoming");
  var draftSubmit = document.getElementById("draft-submit");
  var draftError = document.getElementById("draft-error");
  var draftResult = document.getElementById("draft-result");
  var draftText = document.getElementById("draft-text");
  var draftSources = document.getElementById("draft-sources");
  var draftSourcesWrap = document.getElementById("draft-sources-wrap");
  var draftQuestions = document.getElementById("draft-questions");
  var draftQuestionsWrap = document.getElementById("draft-questions-wrap");

  var transcriptBox = document.getElementById("transcript");
  var transcriptHeading = document.getElementById("transcript-heading");
  var transcriptError = document.getElementById("transcript-error");
  var transcriptMeta = document.getElementById("transcript-meta");
  var transcriptTurns = document.getElementById("transcript-turns");
  var transcriptEmpty = document.getElementById("transcript-empty");
  var transcriptDrafts = document.getElementById("transcript-drafts");
  var transcriptDraftsEmpty = document.getElementById("transcript-drafts-empty");
  var alertBanner = document.getElementById("alert-banner");
  var alertText = document.getElementById("alert-text");
  var draftFor = document.getElementById("draft-for");
  var draftForText = document.getElementById("draft-for-text");

  var documentsBody = document.getElementById("documents-body");
  var documentsError = document.getElementById("documents-error");

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
  var STATUSES = { open: "Ny", claimed: "Tagen", resolved: "Klar", released: "Tillbaka till assistenten" };
  var ACTIONS = {
    claim: { label: "Ta ärendet", done: "Du har tagit ärendet" },
    resolve: { label: "Markera som klart", done: "Ärendet är klart" },
    release: { label: "Lämna tillbaka till assistenten", done: "Samtalet är tillbaka hos assistenten" }
  };
  var OUTCOMES = { sent: "Skickat som det var", edited: "Skickat med ändringar", discarded: "Kastat" };
  var TURN_ACTIONS = {
    answer: "Svar ur dokumenten",
    handoff: "Överlämning",
    crisis: "Kris",
    refuse: "Avböjt",
    out_of_scope: "Utanför vårt område"
  };
  var POLL_MS = 5000;
  var POLL_HIDDEN_MS = 30000;

  var state = {
    key: null, draftId: null, draftOriginal: "", view: "queue",
    transcriptFor: null, draftFor: null,
    alerts: { etag: null, known: null, timer: null, fresh: {}, urgentRef: null }
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
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

  function api(method, path, payload) {
    var headers = { Accept: "application/json", Authorization: "Bearer " + state.key };
    var options = { method: method, headers: headers, credentials: "omit" };
    if (payload !== undefined) {
      headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    return window.fetch(path, options).then(function (response) {
      return response.json().then(
        function (body) { return { ok: response.ok, status: response.status, body: body }; },
        function () { return { ok: response.ok, status: response.status, body: null }; }
      );
    }, function () {
      return { ok: false, status: 0, body: null };
    });
  }

  function errorText(result, fallback) {
    if (result.status === 0) { return "Servern svarar inte. Kontrollera anslutningen och försök igen."; }
    if (result.status === 401 || result.status === 403) { return "Nyckeln godtogs inte, eller saknar behörighet."; }
    if (result.body && typeof result.body.detail === "string") { return result.body.detail; }
    return fallback;
  }

  function formatTime(value) {
    if (!value) { return ""; }
    var date = new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : value + "Z");
    if (isNaN(date.getTime())) { return String(value); }
    return date.toLocaleString("sv-SE", { dateStyle: "short", timeStyle: "short" });
  }

  function listOf(body, names) {
    if (Array.isArray(body)) { return body; }
    for (var i = 0; body && i < names.length; i++) {
      if (Array.isArray(body[names[i]])) { return body[names[i]]; }
    }
    return [];
  }

  /* ---------- sign in ---------- */

  function signedIn(first, me) {
    whoami.textContent = me && me.name ? "Inloggad som " + me.name : "";
    signin.hidden = true;
    consoleBox.hidden = false;
    showView(viewFromHash(), !first);
    loadQueue();
    loadDocuments();
    startAlerts();
    if (first) {
      say("Du är inloggad.");
      document.getElementById("queue-heading").focus();
    }
  }

  function signOut(message) {
    state.key = null;
    storeKey(null);
    stopAlerts();
    closeTranscript(false);
    consoleBox.hidden = true;
    signin.hidden = false;
    keyInput.value = "";
    if (message) { showError(signinError, message); }
    keyInput.focus();
  }

  signinForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var key = keyInput.value.trim();
    signinError.textContent = "";
    if (!key) {
      showError(signinError, "Skriv din personalnyckel.");
      keyInput.focus();
      return;
    }
    state.key = key;
    api("GET", "/api/me").then(function (result) {
      if (!result.ok) {
        state.key = null;
        showError(signinError, errorText(result, "Inloggningen misslyckades. Försök igen."));
        keyInput.focus();
        return;
      }
      storeKey(key);
      keyInput.value = "";
      signedIn(true, result.body);
    });
  });

  document.getElementById("signout").addEventListener("click", function () {
    signOut(null);
    say("Du är utloggad.");
  });

  /* ---------- views ---------- */

  var links = document.querySelectorAll("[data-view]");

  function viewFromHash() {
    var name = window.location.hash.replace("#", "");
    return document.querySelector('[data-view-panel="' + name + '"]') ? name : "queue";
  }

  function showView(name, moveFocus) {
    state.view = name;
    var panels = document.querySelectorAll("[data-view-panel]");
    for (var i = 0; i < panels.length; i++) {
      panels[i].hidden = panels[i].getAttribute("data-view-panel") !== name;
    }
    for (var j = 0; j < links.length; j++) {
      if (links[j].getAttribute("data-view") === name) {
        links[j].setAttribute("aria-current", "page");
      } else {
        links[j].removeAttribute("aria-current");
      }
    }
    if (moveFocus) { document.getElementById(name + "-heading").focus(); }
  }

  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (event) {
      event.preventDefault();
      var name = event.currentTarget.getAttribute("data-view");
      if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#" + name); }
      showView(name, true);
      if (name === "queue") { loadQueue(); }
      if (name === "documents") { loadDocuments(); }
    });
  }

  /* ---------- queue ---------- */

  function handoffKey(h) { return h.reference || String(h.id); }

  function renderQueue(items) {
    // A re-render (a live update) must not take focus away from where the person is working.
    var active = document.activeElement;
    var activeCard = active && queueList.contains(active) ? active.closest(".card") : null;
    var keepRef = activeCard ? activeCard.getAttribute("data-reference") : null;
    var keepAction = active && active.getAttribute ? active.getAttribute("data-action") : null;
    queueList.textContent = "";
    var open = 0;
    items.forEach(function (h) {
      if (h.status === "open") { open += 1; }
      var urgent = h.urgency === "urgent";
      var li = el("li", "card" + (urgent ? " card--urgent" : ""));
      li.setAttribute("data-reference", handoffKey(h));
      var headingId = "handoff-" + handoffKey(h);
      var heading = el("h3", null, (REASONS[h.reason] || h.reason || "Överlämning") + " – " + (h.reference || "#" + h.id));
      heading.id = headingId;
      li.appendChild(heading);
      li.setAttribute("aria-labelledby", headingId);

      var meta = el("ul", "card__meta");
      if (state.alerts.fresh[handoffKey(h)]) {
        li.classList.add("card--new");
        meta.appendChild(el("li", "tag tag--new", "Ny"));
      }
      if (urgent) { meta.appendChild(el("li", "tag tag--urgent", "Brådskande")); }
      meta.appendChild(el("li", "tag", "Status: " + (STATUSES[h.status] || h.status || "okänd")));
      if (h.queue) { meta.appendChild(el("li", "tag", "Kö: " + h.queue)); }
      if (h.language) { meta.appendChild(el("li", "tag", "Språk: " + h.language)); }
      if (h.created_at) { meta.appendChild(el("li", "tag", "Inkom " + formatTime(h.created_at))); }
      if (h.claimed_by) { meta.appendChild(el("li", "tag", "Handläggare: " + h.claimed_by)); }
      li.appendChild(meta);

      if (h.summary) {
        li.appendChild(el("p", "visually-hidden", "Sammanfattning:"));
        li.appendChild(el("p", "card__summary", h.summary));
      }
      var prepare = h.prepare || [];
      if (prepare.length) {
        li.appendChild(el("p", null, "Personen ombads ha detta redo:"));
        var ul = el("ul");
        prepare.forEach(function (item) { ul.appendChild(el("li", null, item)); });
        li.appendChild(ul);
      }
      var row = el("div", "button-row");
      var possible = {
        open: ["claim", "resolve", "release"],
        claimed: ["resolve", "release"],
        resolved: ["release"],
        released: []
      }[h.status] || [];
      possible.forEach(function (action) {
        var b = el("button", "btn " + (action === "claim" ? "btn--primary" : "btn--secondary") + " btn--small", ACTIONS[action].label);
        b.type = "button";
        b.setAttribute("data-action", action);
        b.setAttribute("aria-describedby", headingId);
        b.addEventListener("click", function () { transition(h, action); });
        row.appendChild(b);
      });
      var show = el("button", "btn btn--secondary btn--small", "Visa samtalet");
      show.type = "button";
      show.setAttribute("data-action", "transcript");
      show.setAttribute("aria-describedby", headingId);
      show.addEventListener("click", function () { openTranscript(handoffKey(h)); });
      row.appendChild(show);
      li.appendChild(row);
      queueList.appendChild(li);
    });
    if (keepRef) {
      var card = queueList.querySelector('[data-reference="' + keepRef + '"]');
      var target = card && (card.querySelector('[data-action="' + keepAction + '"]') || card.querySelector("[data-action]"));
      if (target) { target.focus(); }
    }
    queueEmpty.hidden = items.length > 0;
    queueCount.textContent = "";
    if (open) {
      queueCount.appendChild(document.createTextNode(String(open)));
      queueCount.appendChild(el("span", "visually-hidden", open === 1 ? " nytt ärende" : " nya ärenden"));
    }
  }

  function loadQueue() {
    return api("GET", "/api/handoffs").then(function (result) {
      if (result.status === 401) { signOut("Din inloggning gäller inte längre. Logga in igen."); return; }
      if (!result.ok) { showError(queueError, errorText(result, "Kön kunde inte hämtas.")); return; }
      queueError.textContent = "";
      renderQueue(listOf(result.body, ["handoffs", "items"]));
    });
  }

  function transition(h, action) {
    var key = handoffKey(h);
    api("POST", "/api/handoffs/" + encodeURIComponent(key) + "/" + action).then(function (result) {
      if (result.status === 401) { signOut("Din inloggning gäller inte längre. Logga in igen."); return; }
      if (!result.ok) {
        showError(queueError, errorText(result, "Det gick inte att ändra ärendet. Uppdatera kön och försök igen."));
        return;
      }
      loadQueue().then(function () {
        say(ACTIONS[action].done + ": " + key + ".");
        // The clicked button may be gone: keep focus on the same card.
        var card = queueList.querySelector('[data-reference="' + key + '"]');
        var target = card && (card.querySelector("[data-action]") || card.querySelector("h3"));
        if (target) {
          if (target.tagName === "H3") { target.tabIndex = -1; }
          target.focus();
        } else {
          document.getElementById("queue-heading").focus();
        }
      });
    });
  }

  document.getElementById("queue-refresh").addEventListener("click", function () {
    loadQueue().then(function () { say("Kön är uppdaterad."); });
  });

  /* ---------- transcript ---------- */

  function addMeta(dl, term, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", null, term));
    dl.appendChild(el("dd", null, value));
  }

  function renderCitations(parent, citations, idBase) {
    if (!citations || !citations.length) { return; }
    var label = el("p", "sources__title", "Källor");
    label.id = idBase + "-sources";
    parent.appendChild(label);
    var ol = el("ol", "sources");
    ol.setAttribute("aria-labelledby", label.id);
    citations.forEach(function (c) {
      var li = el("li");
      if (c.n) { li.value = c.n; }
      var a = el("a", null, c.title || c.doc_id);
      a.href = c.source_url;
      a.target = "_blank";
      a.rel = "noopener";
      a.appendChild(el("span", "visually-hidden", " (öppnas i ny flik)"));
      li.appendChild(a);
      var section = String(c.section || "").split("›").pop().trim();
      if (section && section !== (c.title || c.doc_id)) { li.appendChild(el("span", "sources__section", " – " + section)); }
      ol.appendChild(li);
    });
    parent.appendChild(ol);
  }

  function renderTranscript(data) {
    state.transcriptFor = data.reference;
    transcriptHeading.textContent = "Samtalet bakom ärende " + data.reference;
    transcriptMeta.textContent = "";
    addMeta(transcriptMeta, "Orsak", REASONS[data.reason] || data.reason);
    addMeta(transcriptMeta, "Regel som avgjorde", data.rule);
    addMeta(transcriptMeta, "Kö", data.queue);
    addMeta(transcriptMeta, "Brådska", data.urgency === "urgent" ? "Brådskande" : "Normal");
    addMeta(transcriptMeta, "Status", STATUSES[data.status] || data.status);
    addMeta(transcriptMeta, "Inkom", formatTime(data.created_at));
    transcriptTurns.textContent = "";
    (data.turns || []).forEach(function (turn, i) {
      var li = el("li", "turn" + (turn.decided_handoff ? " turn--decided" : ""));
      var id = "turn-" + turn.id;
      li.appendChild(el("p", "turn__when", "Replik " + (i + 1) + " · " + formatTime(turn.created_at)));
      var q = el("div", "turn__part turn__part--q");
      q.appendChild(el("p", "turn__who", "Medborgaren"));
      q.appendChild(el("p", "turn__text", turn.question));
      li.appendChild(q);
      var a = el("div", "turn__part turn__part--a");
      a.appendChild(el("p", "turn__who", "Assistenten"));
      a.appendChild(el("p", "turn__text", turn.answer));
      renderCitations(a, turn.citations, id);
      li.appendChild(a);
      var meta = el("ul", "card__meta");
      meta.appendChild(el("li", "tag", "Åtgärd: " + (TURN_ACTIONS[turn.action] || turn.action)));
      if (turn.rule) { meta.appendChild(el("li", "tag", "Regel: " + turn.rule)); }
      if (turn.action === "answer") { meta.appendChild(el("li", "tag", "Säkerhet: " + Math.round(turn.confidence * 100) + " %")); }
      li.appendChild(meta);
      if (turn.decided_handoff) {
        var decided = el("p", "turn__decided");
        decided.appendChild(el("strong", null, "Den här repliken ledde till överlämningen"));
        decided.appendChild(document.createTextNode(" (regel: " + (data.rule || turn.rule) + ")."));
        li.appendChild(decided);
      }
      transcriptTurns.appendChild(li);
    });
    transcriptEmpty.hidden = data.conversation_kept;
    transcriptDrafts.textContent = "";
    (data.drafts || []).forEach(function (d) {
      var li = el("li", "transcript__draft");
      var who = d.own ? (d.restored ? "Ditt utkast – personuppgifterna är återställda och visas bara för dig" : "Ditt utkast (maskat)") : "Utkast av en kollega (maskat)";
      li.appendChild(el("p", "turn__who", who + " · " + formatTime(d.created_at) + (d.outcome ? " · " + (OUTCOMES[d.outcome] || d.outcome) : "")));
      li.appendChild(el("p", "turn__text", d.text));
      transcriptDrafts.appendChild(li);
    });
    transcriptDraftsEmpty.hidden = (data.drafts || []).length > 0;
  }

  function openTranscript(reference) {
    transcriptError.textContent = "";
    return api("GET", "/api/handoffs/" + encodeURIComponent(reference) + "/transcript").then(function (result) {
      if (result.status === 401) { signOut("Din inloggning gäller inte längre. Logga in igen."); return; }
      if (!result.ok) { showError(queueError, errorText(result, "Samtalet kunde inte hämtas.")); return; }
      renderTranscript(result.body);
      transcriptBox.hidden = false;
      transcriptHeading.focus();
      say("Samtalet för ärende " + reference + " visas: " + (result.body.turns || []).length + " repliker.");
    });
  }

  function closeTranscript(moveFocus) {
    var reference = state.transcriptFor;
    transcriptBox.hidden = true;
    state.transcriptFor = null;
    if (!moveFocus) { return; }
    var card = reference && queueList.querySelector('[data-reference="' + reference + '"]');
    var button = card && card.querySelector('[data-action="transcript"]');
    if (button) { button.focus(); } else { document.getElementById("queue-heading").focus(); }
  }

  document.getElementById("transcript-close").addEventListener("click", function () { closeTranscript(true); });

  document.getElementById("transcript-draft").addEventListener("click", function () {
    if (!state.transcriptFor) { return; }
    setDraftFor(state.transcriptFor);
    if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#drafts"); }
    showView("drafts", false);
    incoming.focus();
  });

  function setDraftFor(reference) {
    state.draftFor = reference;
    draftFor.hidden = !reference;
    draftForText.textContent = reference ? "Utkastet kopplas till ärende " + reference + "." : "";
  }

  document.getElementById("draft-for-clear").addEventListener("click", function () {
    setDraftFor(null);
    say("Utkastet kopplas inte till något ärende.");
    incoming.focus();
  });

  /* ---------- live alerts ---------- */

  function stopAlerts() {
    window.clearTimeout(state.alerts.timer);
    state.alerts = { etag: null, known: null, timer: null, fresh: {}, urgentRef: null };
    alertBanner.hidden = true;
  }

  function startAlerts() {
    window.clearTimeout(state.alerts.timer);
    pollAlerts();
  }

  function scheduleAlerts() {
    window.clearTimeout(state.alerts.timer);
    state.alerts.timer = window.setTimeout(pollAlerts, document.hidden ? POLL_HIDDEN_MS : POLL_MS);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && state.key) { startAlerts(); }
  });

  function pollAlerts() {
    if (!state.key) { return; }
    var headers = { Accept: "application/json", Authorization: "Bearer " + state.key };
    if (state.alerts.etag) { headers["If-None-Match"] = state.alerts.etag; }
    window.fetch("/api/alerts", { headers: headers, credentials: "omit", cache: "no-store" }).then(function (response) {
      if (!state.key) { return; }
      if (response.status === 401) { signOut("Din inloggning gäller inte längre. Logga in igen."); return; }
      if (response.status === 304 || !response.ok) { scheduleAlerts(); return; }
      var etag = response.headers.get("ETag");
      return response.json().then(function (body) {
        state.alerts.etag = etag || ('"' + body.version + '"');
        handleAlerts(body.items || []);
        scheduleAlerts();
      });
    }).catch(function () { scheduleAlerts(); });
  }

  function handleAlerts(items) {
    var known = state.alerts.known;
    var next = {};
    items.forEach(function (i) { next[i.reference] = i.urgency; });
    state.alerts.known = next;
    if (known === null) { return; }  // the first answer is the queue as it was loaded
    var urgent = [];
    items.forEach(function (i) {
      var isNew = !(i.reference in known);
      if (isNew) { state.alerts.fresh[i.reference] = true; }
      if (i.urgency === "urgent" && (isNew || known[i.reference] !== "urgent")) { urgent.push(i); }
    });
    loadQueue();
    if (urgent.length) {
      var first = urgent[0];
      var reason = REASONS[first.reason] || first.reason;
      var more = urgent.length > 1 ? " (och " + (urgent.length - 1) + " till)" : "";
      alertText.textContent = first.reference + ", " + reason + ", kö " + first.queue + more + ".";
      state.alerts.urgentRef = first.reference;
      alertBanner.hidden = false;
      say("Brådskande ärende i kön: " + first.reference + ", " + reason + more + ".");
    }
  }

  document.getElementById("alert-dismiss").addEventListener("click", function () {
    alertBanner.hidden = true;
    document.getElementById("queue-heading").focus();
  });

  document.getElementById("alert-show").addEventListener("click", function () {
    var reference = state.alerts.urgentRef;
    alertBanner.hidden = true;
    if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#queue"); }
    showView("queue", false);
    var card = reference && queueList.querySelector('[data-reference="' + reference + '"]');
    var heading = card && card.querySelector("h3");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
      card.scrollIntoView({ block: "center" });
    } else {
      document.getElementById("queue-heading").focus();
    }
  });

  /* ---------- drafts ---------- */

  draftForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = incoming.value.trim();
    draftError.textContent = "";
    if (!text) {
      showError(draftError, "Klistra in meddelandet först.");
      incoming.focus();
      return;
    }
    draftSubmit.setAttribute("aria-disabled", "true");
    say("Utkastet skrivs …");
    api("POST", "/api/drafts", { text: text }).then(function (result) {
      draftSubmit.removeAttribute("aria-disabled");
      if (result.status === 401) { signOut("Din inloggning gäller inte längre. Logga in igen."); return; }
      if (!result.ok) { showError(draftError, errorText(result, "Utkastet kunde inte skapas.")); return; }
      showDraft(result.body);
      if (state.draftFor) { linkDraft(state.draftFor, result.body.draft_id); }
    });
  });

  function showDraft(draft) {
    state.draftId = draft.draft_id;
    state.draftOriginal = draft.text || "";
    draftText.value = draft.text || "";
    // Show the whole draft without an inner scrollbar where the screen allows.
    draftText.rows = Math.min(30, Math.max(8, draftText.value.split("\n").length + 2));
    draftQuestions.textContent = "";
    (draft.questions || []).forEach(function (q) { draftQuestions.appendChild(el("li", null, q)); });
    draftQuestionsWrap.hidden = !(draft.questions || []).length;
    draftSources.textContent = "";
    (draft.citations || []).forEach(function (c) {
      var li = el("li");
      li.value = c.n;
      var a = el("a", null, c.title || c.doc_id);
      a.href = c.source_url;
      a.target = "_blank";
      a.rel = "noopener";
      a.appendChild(el("span", "visually-hidden", " (öppnas i ny flik)"));
      li.appendChild(a);
      var extra = [];
      var section = String(c.section || "").split("›").pop().trim();
      if (section && section !== (c.title || c.doc_id)) { extra.push(section); }
      if (c.version) { extra.push("version " + c.version); }
      if (extra.length) { li.appendChild(el("span", "sources__section", " – " + extra.join(", "))); }
      draftSources.appendChild(li);
    });
    draftSourcesWrap.hidden = !(draft.citations || []).length;
    var buttons = draftResult.querySelectorAll("[data-outcome]");
    for (var k = 0; k < buttons.length; k++) { buttons[k].removeAttribute("aria-disabled"); }
    draftResult.hidden = false;
    document.getElementById("draft-result-heading").focus();
    say("Utkastet är klart. Granska det innan du skickar.");
  }

  function linkDraft(reference, draftId) {
    api("POST", "/api/handoffs/" + encodeURIComponent(reference) + "/drafts/" + encodeURIComponent(draftId)).then(function (result) {
      if (!result.ok) { showError(draftError, errorText(result, "Utkastet kunde inte kopplas till ärendet.")); return; }
      say("Utkastet är klart och kopplat till ärende " + reference + ". Granska det innan du skickar.");
    });
  }

  document.getElementById("draft-copy").addEventListener("click", function () {
    var text = draftText.value;
    var done = function () { say("Texten är kopierad."); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () {
        draftText.select();
        say("Texten är markerad. Kopiera med Ctrl + C.");
      });
    } else {
      draftText.select();
      say("Texten är markerad. Kopiera med Ctrl + C.");
    }
  });

  var outcomeButtons = draftResult.querySelectorAll("[data-outcome]");
  for (var m = 0; m < outcomeButtons.length; m++) {
    outcomeButtons[m].addEventListener("click", function (event) {
      var button = event.currentTarget;
      var outcome = button.getAttribute("data-outcome");
      if (!state.draftId || button.getAttribute("aria-disabled") === "true") { return; }
      var payload = { outcome: outcome };
      if (outcome === "edited") { payload.final_text = draftText.value; }
      api("POST", "/api/drafts/" + encodeURIComponent(state.draftId) + "/outcome", payload).then(function (result) {
        if (result.status === 401) { signOut("Din inloggning gäller inte längre. Logga in igen."); return; }
        if (!result.ok) { showError(draftError, errorText(result, "Det gick inte att spara vad som hände med utkastet.")); return; }
        say("Sparat: " + OUTCOMES[outcome] + ". Tack!");
      });
    });
  }

  /* ---------- documents ---------- */

  function cell(label, text) {
    var td = el("td", null, text);
    td.setAttribute("data-label", label);
    return td;
  }

  function renderDocuments(docs) {
    documentsBody.textContent = "";
    docs.forEach(function (d) {
      var tr = el("tr");
      var title = el("td");
      var titleBox = el("div");
      if (d.source_url) {
        var a = el("a", null, d.title || d.doc_id);
        a.href = d.source_url;
        a.target = "_blank";
        a.rel = "noopener";
        a.appendChild(el("span", "visually-hidden", " (öppnas i ny flik)"));
        titleBox.appendChild(a);
      } else {
        titleBox.appendChild(document.createTextNode(d.title || d.doc_id));
      }
      titleBox.appendChild(el("small", null, d.doc_id + (d.audience ? " · " + d.audience : "")));
      title.appendChild(titleBox);
      title.setAttribute("data-label", "Titel");
      tr.appendChild(title);
      tr.appendChild(cell("Språk", d.language || ""));
      var approved = el("td");
      var approvedBox = el("div");
      approvedBox.appendChild(el("span", "tag " + (d.approved === false ? "tag--no" : "tag--ok"), d.approved === false ? "Nej" : "Ja"));
      if (d.approved_by) { approvedBox.appendChild(el("small", null, d.approved_by)); }
      approved.appendChild(approvedBox);
      approved.setAttribute("data-label", "Godkänd");
      tr.appendChild(approved);
      var validity = (d.valid_from ? "från " + d.valid_from : "") + (d.valid_until ? " till " + d.valid_until : (d.valid_from ? ", tills vidare" : "tills vidare"));
      tr.appendChild(cell("Giltig", validity.trim()));
      tr.appendChild(cell("Version", d.version ? String(d.version).slice(0, 12) : ""));
      documentsBody.appendChild(tr);
    });
    if (!docs.length) {
      var empty = el("tr");
      var td = el("td", "empty", "Inga dokument är indexerade.");
      td.colSpan = 5;
      empty.appendChild(td);
      documentsBody.appendChild(empty);
    }
  }

  function loadDocuments() {
    return api("GET", "/api/documents").then(function (result) {
      if (result.status === 401) { signOut("Din inloggning gäller inte längre. Logga in igen."); return; }
      if (!result.ok) { showError(documentsError, errorText(result, "Dokumentlistan kunde inte hämtas.")); return; }
      documentsError.textContent = "";
      renderDocuments(listOf(result.body, ["documents", "items"]));
    });
  }

  document.getElementById("documents-refresh").addEventListener("click", function () {
    loadDocuments().then(function () { say("Dokumentlistan är uppdaterad."); });
  });

  /* ---------- start ---------- */

  state.key = loadKey();
  if (state.key) {
    api("GET", "/api/me").then(function (result) {
      if (result.ok) { signedIn(false, result.body); } else { signOut(result.status === 401 ? "Logga in igen." : null); }
    });
  }
  document.getElementById("main").setAttribute("data-ready", "true");
})();
