/* Tillit citizen chat. Plain script, no dependencies, works under a strict CSP.
 *
 * Accessibility choices:
 * - every complete answer is announced once, through one polite live region; the log itself is
 *   not live (so nothing is read twice); urgent (crisis) replies use role="alert" instead;
 * - focus stays in the message box after sending; errors go to a role="alert" box;
 * - the UI language sets lang on <html>; each answer carries the lang of the reply.
 * The conversation id and token are kept in sessionStorage (this tab only): a reload shows the
 * conversation again, as stored (redacted); "Börja om", erasure and closing the tab forget them.
 */
(function () {
  "use strict";

  var TEXT = {
    sv: {
      "doc.title": "Chatt",
      skip: "Till chatten",
      title: "Frågor om god man, förvaltare och förmyndare",
      "disclosure.badge": "AI",
      "disclosure.lead": "Du chattar med en AI-assistent, inte med en människa.",
      "disclosure.body": "Den svarar bara utifrån våra godkända texter och visar var svaret kommer ifrån. Den kan ha fel och fattar inga beslut i ditt ärende.",
      "log.heading": "Konversation",
      "welcome.text": "Hej! Här kan du ställa frågor om att vara god man, förvaltare eller förmyndare, om årsräkning, arvode och om hur du ansöker.",
      "welcome.example": "Till exempel:",
      "welcome.q": "När ska årsräkningen lämnas in?",
      typing: "Assistenten letar efter ett svar …",
      "composer.label": "Skriv din fråga",
      "composer.pnr": "Skriv inte personnummer, namn, adresser eller andra personuppgifter. Uppgifter som ändå skickas tas bort automatiskt.",
      "composer.keys": "Enter skickar, Skift + Enter ger ny rad.",
      "composer.send": "Skicka",
      "actions.label": "Fler val",
      "actions.person": "Prata med en person",
      "actions.restart": "Börja om",
      "actions.erase": "Radera konversationen",
      "actions.download": "Ladda ner konversationen",
      "erase.title": "Radera konversationen?",
      "erase.text": "Allt du har skrivit i den här konversationen tas bort från vår server. Det går inte att ångra.",
      "erase.confirm": "Ja, radera",
      "erase.cancel": "Avbryt",
      "footer.phone": "Telefon",
      "footer.email": "E-post",
      "footer.a11y": "Tillgänglighetsredogörelse",
      you: "Du",
      bot: "Assistenten (AI)",
      sources: "Källor",
      source: "Källa",
      newTab: "(öppnas i ny flik)",
      personMessage: "Jag vill prata med en person.",
      handoffTitle: "Du får hjälp av en person",
      urgentTitle: "Viktigt – gör så här nu",
      reference: "Ditt referensnummer",
      referenceHint: "Uppge referensnumret när du kontaktar oss.",
      phone: "Ring oss",
      hours: "Telefontider",
      call112: "Ring 112",
      feedbackQ: "Var svaret till hjälp?",
      yes: "Ja",
      no: "Nej",
      thanks: "Tack för ditt svar!",
      reasonQ: "Vad var fel? Välj gärna en orsak.",
      "reason.wrong": "Fel svar",
      "reason.unclear": "Svårt att förstå",
      "reason.incomplete": "Saknar svar",
      "reason.other": "Annat",
      "reason.skip": "Skicka utan orsak",
      announceBot: "Assistenten svarar: ",
      announceSources: function (n) { return n === 1 ? "1 källa." : n + " källor."; },
      removed: "Vi tog bort personuppgifter ur ditt meddelande innan det behandlades.",
      emptyMessage: "Skriv en fråga först.",
      restarted: "Ny konversation. Skriv din fråga.",
      nothingToErase: "Det finns ingen konversation att radera ännu.",
      erased: "Konversationen är raderad.",
      eraseFailed: "Konversationen kunde inte raderas just nu. Försök igen om en stund.",
      errNetwork: "Vi får ingen kontakt med chatten just nu. Försök igen om en stund, eller ring oss på {phone}.",
      errServer: "Något gick fel hos oss. Försök igen om en stund, eller ring oss på {phone}.",
      errBusy: "Många frågar just nu. Försök igen om en liten stund.",
      errNotReady: "Chatten startar fortfarande. Försök igen om en stund.",
      errUnavailable: "Chatten är tillfälligt otillgänglig. Försök igen om en stund, eller ring oss på {phone}.",
      errRate: "Du har skickat många meddelanden på kort tid. Vänta en minut och försök igen.",
      errTooLong: "Meddelandet är för långt. Korta det och försök igen.",
      errExpired: "Konversationen har gått ut. Skicka din fråga igen så börjar en ny.",
      errGeneric: "Meddelandet kunde inte skickas. Försök igen.",
      feedbackFailed: "Ditt svar kunde inte sparas, men tack ändå!",
      restoredNote: "Konversationen är återställd. Uppgifter som togs bort visas till exempel som [NAMN_1].",
      restored: "Din tidigare konversation visas igen.",
      nothingToDownload: "Det finns ingen konversation att ladda ner ännu.",
      downloaded: "Konversationen är nedladdad.",
      downloadFailed: "Konversationen kunde inte laddas ner just nu. Försök igen om en stund.",
      "file.title": "Konversation med AI-assistenten",
      "file.fetched": "Hämtad",
      "file.id": "Samtalets id",
      "file.note": "Personuppgifter togs bort innan samtalet sparades. De visas till exempel som [NAMN_1].",
      "file.name": "samtal"
    },
    en: {
      "doc.title": "Chat",
      skip: "Go to the chat",
      title: "Questions about god man, förvaltare and guardians",
      "disclosure.badge": "AI",
      "disclosure.lead": "You are chatting with an AI assistant, not a person.",
      "disclosure.body": "It only answers from our approved texts and shows where each answer comes from. It can be wrong and makes no decisions about your case.",
      "log.heading": "Conversation",
      "welcome.text": "Hello! Ask about being a god man, förvaltare or guardian, the annual report (årsräkning), fees (arvode) and how to apply.",
      "welcome.example": "For example:",
      "welcome.q": "When is the annual report due?",
      typing: "The assistant is looking for an answer …",
      "composer.label": "Write your question",
      "composer.pnr": "Do not write personal identity numbers (personnummer), names, addresses or other personal data. Anything you send anyway is removed automatically.",
      "composer.keys": "Enter sends, Shift + Enter adds a new line.",
      "composer.send": "Send",
      "actions.label": "More options",
      "actions.person": "Talk to a person",
      "actions.restart": "Start over",
      "actions.erase": "Delete the conversation",
      "actions.download": "Download the conversation",
      "erase.title": "Delete the conversation?",
      "erase.text": "Everything you have written in this conversation is removed from our server. This cannot be undone.",
      "erase.confirm": "Yes, delete",
      "erase.cancel": "Cancel",
      "footer.phone": "Phone",
      "footer.email": "E-mail",
      "footer.a11y": "Accessibility statement (in Swedish)",
      you: "You",
      bot: "Assistant (AI)",
      sources: "Sources",
      source: "Source",
      newTab: "(opens in a new tab)",
      personMessage: "I want to talk to a person.",
      handoffTitle: "A person will help you",
      urgentTitle: "Important – do this now",
      reference: "Your reference number",
      referenceHint: "Give the reference number when you contact us.",
      phone: "Call us",
      hours: "Phone hours",
      call112: "Call 112",
      feedbackQ: "Was this answer helpful?",
      yes: "Yes",
      no: "No",
      thanks: "Thank you for your feedback!",
      reasonQ: "What was wrong? You may choose a reason.",
      "reason.wrong": "Wrong answer",
      "reason.unclear": "Hard to understand",
      "reason.incomplete": "Did not answer",
      "reason.other": "Something else",
      "reason.skip": "Send without a reason",
      announceBot: "The assistant answers: ",
      announceSources: function (n) { return n === 1 ? "1 source." : n + " sources."; },
      removed: "We removed personal data from your message before it was processed.",
      emptyMessage: "Please write a question first.",
      restarted: "New conversation. Write your question.",
      nothingToErase: "There is no conversation to delete yet.",
      erased: "The conversation has been deleted.",
      eraseFailed: "The conversation could not be deleted right now. Please try again in a moment.",
      errNetwork: "We cannot reach the chat right now. Please try again in a moment, or call us on {phone}.",
      errServer: "Something went wrong on our side. Please try again in a moment, or call us on {phone}.",
      errBusy: "Many people are asking right now. Please try again in a little while.",
      errNotReady: "The chat is still starting. Please try again in a moment.",
      errUnavailable: "The chat is unavailable for the moment. Please try again shortly, or call us on {phone}.",
      errRate: "You have sent many messages in a short time. Please wait a minute and try again.",
      errTooLong: "The message is too long. Please shorten it and try again.",
      errExpired: "The conversation has expired. Send your question again to start a new one.",
      errGeneric: "The message could not be sent. Please try again.",
      feedbackFailed: "Your feedback could not be saved, but thank you!",
      restoredNote: "Your conversation is shown again. Removed personal data appears as, for example, [NAMN_1].",
      restored: "Your earlier conversation is shown again.",
      nothingToDownload: "There is no conversation to download yet.",
      downloaded: "The conversation has been downloaded.",
      downloadFailed: "The conversation could not be downloaded right now. Please try again in a moment.",
      "file.title": "Conversation with the AI assistant",
      "file.fetched": "Downloaded",
      "file.id": "Conversation id",
      "file.note": "Personal data was removed before the conversation was stored. It appears as, for example, [NAMN_1].",
      "file.name": "conversation"
    },
    lattlast: {
      "doc.title": "Chatt på lättläst svenska",
      skip: "Gå till chatten",
      title: "Frågor om god man och förvaltare",
      "disclosure.badge": "AI",
      "disclosure.lead": "Du skriver med en dator, inte med en människa.",
      "disclosure.body": "Datorn heter AI-assistent. Den svarar med text från oss. Den kan ha fel. Den bestämmer inget om dig.",
      "log.heading": "Samtal",
      "welcome.text": "Hej! Här kan du fråga om god man, förvaltare och förmyndare.",
      "welcome.example": "Du kan till exempel fråga:",
      "welcome.q": "Vad är en årsräkning?",
      typing: "Datorn letar efter ett svar …",
      "composer.label": "Skriv din fråga här",
      "composer.pnr": "Skriv inte ditt personnummer. Skriv inte namn eller adress. Vi tar bort sådant om du skriver det.",
      "composer.keys": "Tryck Enter för att skicka.",
      "composer.send": "Skicka",
      "actions.label": "Mer",
      "actions.person": "Prata med en person",
      "actions.restart": "Börja om",
      "actions.erase": "Ta bort samtalet",
      "actions.download": "Spara samtalet på din dator",
      "erase.title": "Vill du ta bort samtalet?",
      "erase.text": "Allt du har skrivit tas bort. Du kan inte få tillbaka det.",
      "erase.confirm": "Ja, ta bort",
      "erase.cancel": "Nej, avbryt",
      "footer.phone": "Telefon",
      "footer.email": "E-post",
      "footer.a11y": "Tillgänglighetsredogörelse",
      you: "Du",
      bot: "AI-assistenten",
      sources: "Här kommer svaret ifrån",
      source: "Text",
      newTab: "(öppnas i ny flik)",
      personMessage: "Jag vill prata med en person.",
      handoffTitle: "En person hjälper dig",
      urgentTitle: "Viktigt – gör så här nu",
      reference: "Ditt nummer",
      referenceHint: "Säg numret när du ringer oss.",
      phone: "Ring oss",
      hours: "Du kan ringa",
      call112: "Ring 112",
      feedbackQ: "Fick du hjälp av svaret?",
      yes: "Ja",
      no: "Nej",
      thanks: "Tack!",
      reasonQ: "Vad var fel? Du kan välja om du vill.",
      "reason.wrong": "Svaret var fel",
      "reason.unclear": "Svårt att förstå",
      "reason.incomplete": "Jag fick inget svar",
      "reason.other": "Något annat",
      "reason.skip": "Skicka utan att välja",
      announceBot: "Svar: ",
      announceSources: function (n) { return n === 1 ? "1 text." : n + " texter."; },
      removed: "Vi tog bort uppgifter om personer från det du skrev.",
      emptyMessage: "Skriv en fråga först.",
      restarted: "Nytt samtal. Skriv din fråga.",
      nothingToErase: "Det finns inget samtal att ta bort.",
      erased: "Samtalet är borttaget.",
      eraseFailed: "Det gick inte att ta bort samtalet. Försök igen snart.",
      errNetwork: "Chatten fungerar inte just nu. Försök igen snart. Du kan också ringa oss på {phone}.",
      errServer: "Något blev fel hos oss. Försök igen snart. Du kan också ringa oss på {phone}.",
      errBusy: "Många frågar just nu. Vänta lite. Försök sedan igen.",
      errNotReady: "Chatten startar. Vänta lite. Försök sedan igen.",
      errUnavailable: "Chatten fungerar inte just nu. Försök igen snart. Du kan också ringa oss på {phone}.",
      errRate: "Du har skickat många frågor. Vänta en minut. Försök sedan igen.",
      errTooLong: "Din fråga är för lång. Skriv kortare.",
      errExpired: "Samtalet är slut. Skicka din fråga igen.",
      errGeneric: "Det gick inte att skicka. Försök igen.",
      feedbackFailed: "Det gick inte att spara, men tack!",
      restoredNote: "Här är ditt samtal igen. Namn och nummer som vi tog bort står som till exempel [NAMN_1].",
      restored: "Här är ditt samtal igen.",
      nothingToDownload: "Det finns inget samtal att spara.",
      downloaded: "Samtalet är sparat.",
      downloadFailed: "Det gick inte att spara samtalet. Försök igen snart.",
      "file.title": "Samtal med AI-assistenten",
      "file.fetched": "Sparat",
      "file.id": "Samtalets nummer",
      "file.note": "Vi tog bort uppgifter om personer innan samtalet sparades. De står som till exempel [NAMN_1].",
      "file.name": "samtal"
    }
  };
  var HTML_LANG = { sv: "sv", en: "en", lattlast: "sv" };
  var STORAGE_KEY = "tillit.language";
  var CONVERSATION_KEY = "tillit.conversation";
  var FEEDBACK_REASONS = ["wrong", "unclear", "incomplete", "other"];

  var main = document.getElementById("main");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  var log = document.getElementById("log");
  var welcome = document.getElementById("welcome");
  var typing = document.getElementById("typing");
  var errorBox = document.getElementById("chat-error");
  var announcer = document.getElementById("announcer");
  var personButton = document.getElementById("handoff-button");
  var restartButton = document.getElementById("restart-button");
  var eraseButton = document.getElementById("erase-button");
  var downloadButton = document.getElementById("download-button");
  var dialog = document.getElementById("erase-dialog");
  var eraseConfirm = document.getElementById("erase-confirm");
  var eraseCancel = document.getElementById("erase-cancel");
  var brand = document.querySelector(".brand__name");
  var officeName = brand ? brand.textContent.trim() : "";
  var office = {
    phone: main.getAttribute("data-office-phone") || "",
    tel: main.getAttribute("data-office-phone-tel") || "",
    hours: main.getAttribute("data-office-hours") || "",
    email: (main.getAttribute("data-office-email") || "").toLowerCase(),
    // Hosts an answer may link to (office.yaml allowed_link_hosts); any other address stays text.
    linkHosts: (main.getAttribute("data-link-hosts") || "").toLowerCase().split(/\s+/).filter(Boolean)
  };

  var state = { language: "sv", conversationId: null, token: null, busy: false, counter: 0 };

  function t(key) {
    var table = TEXT[state.language] || TEXT.sv;
    var value = table[key];
    if (value === undefined) { value = TEXT.sv[key]; }
    return typeof value === "string" ? value.replace("{phone}", office.phone) : value;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  /* ---------- language ---------- */

  function applyLanguage(language) {
    if (!TEXT[language]) { language = "sv"; }
    state.language = language;
    document.documentElement.lang = HTML_LANG[language];
    document.title = t("doc.title") + (officeName ? " – " + officeName : "");
    var nodes = document.querySelectorAll("[data-i18n]");
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].textContent = t(nodes[i].getAttribute("data-i18n"));
    }
    var buttons = document.querySelectorAll(".lang-switch__btn");
    for (var j = 0; j < buttons.length; j++) {
      var pressed = buttons[j].getAttribute("data-lang") === language;
      buttons[j].setAttribute("aria-pressed", pressed ? "true" : "false");
    }
    try { window.sessionStorage.setItem(STORAGE_KEY, language); } catch (e) { /* storage off: fine */ }
  }

  function initialLanguage() {
    var fromUrl = new URLSearchParams(window.location.search).get("lang");
    if (fromUrl && TEXT[fromUrl]) { return fromUrl; }
    try {
      var stored = window.sessionStorage.getItem(STORAGE_KEY);
      if (stored && TEXT[stored]) { return stored; }
    } catch (e) { /* storage off */ }
    return "sv";
  }

  // What the API is told: lättläst is Swedish, asked for in plain language.
  function apiLanguage() {
    return state.language === "lattlast" ? "sv" : state.language;
  }

  /* ---------- announcing and errors ---------- */

  var announceTimer = null;
  function announce(text) {
    // Clear first so the same sentence twice is still read; one complete message per call.
    announcer.textContent = "";
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(function () { announcer.textContent = text; }, 60);
  }

  function showError(text) {
    errorBox.textContent = "";
    // A fresh text node in the alert region is what screen readers announce.
    window.setTimeout(function () { errorBox.textContent = text; }, 30);
  }

  function clearError() { errorBox.textContent = ""; }

  /* ---------- rendering ---------- */

  function appendMessage(li) {
    welcome.hidden = true;
    log.appendChild(li);
  }

  function renderUser(text) {
    var li = el("li", "msg msg--user");
    li.lang = HTML_LANG[state.language];
    li.appendChild(el("span", "msg__who", t("you")));
    var body = el("div", "msg__body");
    body.appendChild(el("p", null, text));
    li.appendChild(body);
    appendMessage(li);
    return li;
  }

  function renderNotices(userLi, notices) {
    if (!notices || !notices.length) { return; }
    for (var i = 0; i < notices.length; i++) {
      var p = el("p", "notice");
      p.appendChild(el("span", "icon-info"));
      p.firstChild.setAttribute("aria-hidden", "true");
      p.appendChild(el("span", null, notices[i] || t("removed")));
      userLi.appendChild(p);
    }
  }

  // A web link only to this site or to a host on the office's allow-list; null for anything else.
  function safeUrl(url) {
    try {
      var parsed = new URL(url, window.location.href);
      if (parsed.protocol !== "https:" && parsed.protocol !== "http:") { return null; }
      if (parsed.origin === window.location.origin) { return parsed.href; }
      var host = parsed.hostname.toLowerCase().replace(/\.$/, "");
      return office.linkHosts.indexOf(host) !== -1 ? parsed.href : null;
    } catch (e) { return null; }
  }

  // Plain text with the allowed web addresses and the office's own e-mail address turned into
  // real links; every other address stays plain text.
  function appendLinkified(parent, text) {
    var pattern = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]])|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var href = match[1] ? safeUrl(match[1]) : null;
      var mail = !match[1] && office.email && match[2].toLowerCase() === office.email;
      if (!href && !mail) { continue; }
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = el("a", null, match[0]);
      if (href) {
        a.href = href;
        a.target = "_blank";
        a.rel = "noopener";
        a.appendChild(el("span", "visually-hidden", " " + t("newTab")));
      } else {
        a.href = "mailto:" + match[2];
      }
      parent.appendChild(a);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function normalised(text) { return String(text || "").replace(/\s+/g, " ").trim(); }

  // Answer text with "[n]" markers: the markers become links to the numbered source.
  function renderAnswerText(container, text, citations) {
    var byNumber = {};
    (citations || []).forEach(function (c) { byNumber[String(c.n)] = c; });
    var paragraphs = String(text || "").split(/\n{2,}/);
    paragraphs.forEach(function (para) {
      if (!para.trim()) { return; }
      var p = el("p");
      var pattern = /\[(\d+)\]/g;
      var last = 0;
      var match;
      while ((match = pattern.exec(para)) !== null) {
        var citation = byNumber[match[1]];
        var href = citation && safeUrl(citation.source_url);
        if (!href) { continue; }
        appendLinkified(p, para.slice(last, match.index));
        var a = el("a", "cite", "[" + match[1] + "]");
        a.href = href;
        a.target = "_blank";
        a.rel = "noopener";
        a.setAttribute("aria-label", t("source") + " " + match[1] + ": " + citation.title + " " + t("newTab"));
        p.appendChild(a);
        last = match.index + match[0].length;
      }
      appendLinkified(p, para.slice(last));
      container.appendChild(p);
    });
  }

  function renderSources(container, citations, id) {
    if (!citations || !citations.length) { return; }
    var heading = el("p", "sources__title", t("sources"));
    heading.id = id + "-sources";
    container.appendChild(heading);
    var ol = el("ol", "sources");
    ol.setAttribute("aria-labelledby", heading.id);
    citations.forEach(function (c) {
      var li = el("li");
      li.value = c.n;
      var href = safeUrl(c.source_url);
      var label = c.title || c.doc_id;
      var node;
      if (href) {
        node = el("a", null, label);
        node.href = href;
        node.target = "_blank";
        node.rel = "noopener";
        node.appendChild(el("span", "visually-hidden", " " + t("newTab")));
      } else {
        node = el("span", null, label);
      }
      li.appendChild(node);
      var section = String(c.section || "").split("›").pop().trim();
      if (section && section !== label) {
        li.appendChild(el("span", "sources__section", " – " + section));
      }
      ol.appendChild(li);
    });
    container.appendChild(ol);
  }

  function renderHandoff(container, handoff, urgent, answer) {
    var box = el("div", "handoff");
    box.appendChild(el("h3", null, t("handoffTitle")));
    if (handoff.message && normalised(answer).indexOf(normalised(handoff.message)) === -1) {
      box.appendChild(el("p", null, handoff.message));
    }
    var dl = el("dl");
    if (handoff.reference) {
      dl.appendChild(el("dt", null, t("reference")));
      var dd = el("dd");
      dd.appendChild(el("span", "handoff__ref", handoff.reference));
      dl.appendChild(dd);
    }
    if (office.phone) {
      dl.appendChild(el("dt", null, t("phone")));
      var phoneDd = el("dd");
      var a = el("a", null, office.phone);
      a.href = "tel:" + office.tel;
      phoneDd.appendChild(a);
      dl.appendChild(phoneDd);
    }
    if (office.hours) {
      dl.appendChild(el("dt", null, t("hours")));
      var hoursDd = el("dd", null, office.hours);
      hoursDd.lang = "sv";
      dl.appendChild(hoursDd);
    }
    box.appendChild(dl);
    if (handoff.reference) { box.appendChild(el("p", "muted", t("referenceHint"))); }
    if (urgent) { box.classList.add("handoff--urgent"); }
    container.appendChild(box);
  }

  function renderFeedback(li, turnId) {
    var id = "fb-" + state.counter;
    var group = el("div", "feedback");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", id);
    var q = el("span", "feedback__q", t("feedbackQ"));
    q.id = id;
    group.appendChild(q);
    [["yes", true], ["no", false]].forEach(function (pair) {
      var b = el("button", "btn btn--secondary btn--small", t(pair[0]));
      b.type = "button";
      b.addEventListener("click", function () {
        if (pair[1]) { sendFeedback(group, true, turnId); } else { askReason(group, turnId); }
      });
      group.appendChild(b);
    });
    li.appendChild(group);
  }

  // "Nej": one optional reason, then the feedback is sent (choosing none is a choice too).
  function askReason(group, turnId) {
    var id = "fbr-" + (++state.counter);
    group.textContent = "";
    group.classList.add("feedback--reasons");
    group.setAttribute("aria-labelledby", id);
    var q = el("span", "feedback__q", t("reasonQ"));
    q.id = id;
    group.appendChild(q);
    FEEDBACK_REASONS.concat(["skip"]).forEach(function (reason) {
      var b = el("button", "btn btn--secondary btn--small", t("reason." + reason));
      b.type = "button";
      b.setAttribute("data-reason", reason);
      b.addEventListener("click", function () {
        sendFeedback(group, false, turnId, reason === "skip" ? null : reason);
      });
      group.appendChild(b);
    });
    group.querySelector("button").focus();
  }

  function renderBot(reply) {
    state.counter += 1;
    var id = "answer-" + state.counter;
    var handoff = reply.handoff;
    var urgent = !!(handoff && handoff.urgency === "urgent");
    var li = el("li", "msg msg--bot" + (urgent ? " msg--urgent" : ""));
    li.id = id;
    li.lang = reply.language || HTML_LANG[state.language];
    li.appendChild(el("span", "msg__who", t("bot")));
    var body = el("div", "msg__body");
    if (urgent) {
      // The alert region is inserted empty and filled after, so it is announced once, at once.
      body.setAttribute("role", "alert");
    }
    li.appendChild(body);
    appendMessage(li);

    var fill = function () {
      if (urgent) {
        body.appendChild(el("h3", "urgent__title", t("urgentTitle")));
        if (/\b112\b/.test(reply.answer || "")) {
          var call = el("a", "emergency-call", t("call112"));
          call.href = "tel:112";
          body.appendChild(call);
        }
      }
      renderAnswerText(body, reply.answer, reply.citations);
      renderSources(body, reply.citations, id);
      if (handoff) { renderHandoff(body, handoff, urgent, reply.answer); }
    };
    if (urgent) {
      window.setTimeout(fill, 50);
    } else {
      fill();
      renderFeedback(li, reply.turn_id);
      var spoken = t("announceBot") + (reply.answer || "");
      if (handoff) {
        if (handoff.message && normalised(spoken).indexOf(normalised(handoff.message)) === -1) {
          spoken += " " + handoff.message;
        }
        if (handoff.reference && spoken.indexOf(handoff.reference) === -1) {
          spoken += " " + t("reference") + ": " + handoff.reference + ".";
        }
      }
      if (reply.citations && reply.citations.length) { spoken += " " + t("announceSources")(reply.citations.length); }
      announce(spoken);
    }
    li.scrollIntoView({ block: "nearest" });
    return li;
  }

  /* ---------- talking to the API ---------- */

  // Errors the page words itself, by the API's problem type (RFC 9457; see /problems): the three
  // 503s (too many waiting, no knowledge base yet, database down) ask for different patience.
  var PROBLEM_TEXTS = {
    "/problems/service-busy": "errBusy",
    "/problems/index-unavailable": "errNotReady",
    "/problems/database-unavailable": "errUnavailable",
    "/problems/rate-limited": "errRate",
    "/problems/request-too-large": "errTooLong",
    "/problems/conversation-not-found": "errExpired",
    "/problems/conversation-forbidden": "errExpired"
  };

  function errorText(status, body) {
    var detail = body && typeof body.detail === "string" ? body.detail : null;
    var type = body && typeof body.type === "string" ? body.type : null;
    // The API's details are written in Swedish: show them as they are in the Swedish view; the
    // other views word the known problem types themselves.
    if (detail && state.language === "sv") { return detail; }
    if (type && PROBLEM_TEXTS[type]) { return t(PROBLEM_TEXTS[type]); }
    if (detail && state.language !== "en") { return detail; }
    if (status === 429) { return t("errRate"); }
    if (status === 413) { return t("errTooLong"); }
    if (status === 403 || status === 404) { return t("errExpired"); }
    if (status >= 500) { return t("errServer"); }
    return t("errGeneric");
  }

  function request(method, url, payload, headers) {
    var options = { method: method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (payload !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    Object.keys(headers || {}).forEach(function (k) { options.headers[k] = headers[k]; });
    return window.fetch(url, options).then(function (response) {
      if (response.status === 204) { return { ok: response.ok, status: 204, body: null }; }
      return response.json().then(
        function (body) { return { ok: response.ok, status: response.status, body: body }; },
        function () { return { ok: response.ok, status: response.status, body: null }; }
      );
    });
  }

  function setBusy(busy) {
    state.busy = busy;
    typing.hidden = !busy;
    log.setAttribute("aria-busy", busy ? "true" : "false");
    sendButton.setAttribute("aria-disabled", busy ? "true" : "false");
  }

  function send(text, extra) {
    if (state.busy) { return; }
    clearError();
    var userLi = renderUser(text);
    var payload = { message: text, language: apiLanguage() };
    if (state.conversationId) {
      payload.conversation_id = state.conversationId;
      payload.conversation_token = state.token;
    }
    Object.keys(extra || {}).forEach(function (k) { payload[k] = extra[k]; });
    setBusy(true);
    return request("POST", "/api/chat", payload).then(function (result) {
      setBusy(false);
      if (!result.ok) {
        if (result.status === 403 || result.status === 404) { forgetConversation(); }
        userLi.remove();
        if (!log.children.length) { welcome.hidden = false; }
        return { failed: true, message: errorText(result.status, result.body) };
      }
      var reply = result.body;
      state.conversationId = reply.conversation_id;
      state.token = reply.conversation_token;
      rememberConversation();
      renderNotices(userLi, reply.notices);
      renderBot(reply);
      return { failed: false };
    }, function () {
      setBusy(false);
      userLi.remove();
      if (!log.children.length) { welcome.hidden = false; }
      return { failed: true, message: t("errNetwork") };
    });
  }

  function forgetConversation() {
    state.conversationId = null;
    state.token = null;
    try { window.sessionStorage.removeItem(CONVERSATION_KEY); } catch (e) { /* storage off */ }
  }

  // Kept for this tab only, so a reload can show the conversation again.
  function rememberConversation() {
    try {
      window.sessionStorage.setItem(CONVERSATION_KEY, JSON.stringify({ id: state.conversationId, token: state.token }));
    } catch (e) { /* storage off: the conversation lives in memory only */ }
  }

  function storedConversation() {
    try {
      var stored = JSON.parse(window.sessionStorage.getItem(CONVERSATION_KEY) || "null");
      if (stored && /^[0-9a-f]{32}$/.test(stored.id) && typeof stored.token === "string") { return stored; }
    } catch (e) { /* storage off or damaged */ }
    return null;
  }

  function fetchExport() {
    return request("GET", "/api/conversations/" + encodeURIComponent(state.conversationId) + "/export", undefined, {
      "X-Conversation-Token": state.token
    });
  }

  // After a reload: the stored conversation (redacted as kept), without feedback buttons and
  // without announcing old alerts again; one polite sentence says what happened.
  function restoreConversation() {
    var stored = storedConversation();
    if (!stored) { return Promise.resolve(false); }
    state.conversationId = stored.id;
    state.token = stored.token;
    return fetchExport().then(function (result) {
      if (result.status === 403 || result.status === 404) { forgetConversation(); return false; }
      if (!result.ok || !result.body || !(result.body.turns || []).length) { return false; }
      var turns = result.body.turns;
      var note = el("li", "notice notice--restored");
      note.appendChild(el("span", "icon-info"));
      note.firstChild.setAttribute("aria-hidden", "true");
      note.appendChild(el("span", null, t("restoredNote")));
      appendMessage(note);
      turns.forEach(function (turn) {
        renderUser(turn.question);
        renderRestoredBot(turn);
      });
      announce(t("restored"));
      return true;
    }, function () { return false; });
  }

  function renderRestoredBot(turn) {
    state.counter += 1;
    var id = "answer-" + state.counter;
    var urgent = turn.action === "crisis";
    var li = el("li", "msg msg--bot" + (urgent ? " msg--urgent" : ""));
    li.id = id;
    li.appendChild(el("span", "msg__who", t("bot")));
    var body = el("div", "msg__body");
    li.appendChild(body);
    if (urgent) { body.appendChild(el("h3", "urgent__title", t("urgentTitle"))); }
    renderAnswerText(body, turn.answer, turn.citations);
    renderSources(body, turn.citations, id);
    appendMessage(li);
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function stamp(value) {
    var date = value ? new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : value + "Z") : new Date();
    if (isNaN(date.getTime())) { return String(value || ""); }
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate()) + " " +
      two(date.getHours()) + ":" + two(date.getMinutes());
  }

  // The export as a plain text file anyone can read: every turn as it is stored, with its sources.
  function exportText(data) {
    var lines = [t("file.title") + (officeName ? " – " + officeName : ""), t("file.fetched") + ": " + stamp(null),
      t("file.id") + ": " + data.conversation_id, t("file.note"), ""];
    (data.turns || []).forEach(function (turn) {
      lines.push("[" + stamp(turn.created_at) + "] " + t("you") + ":", turn.question, "");
      lines.push("[" + stamp(turn.created_at) + "] " + t("bot") + ":", turn.answer);
      if (turn.citations && turn.citations.length) {
        lines.push(t("sources") + ":");
        turn.citations.forEach(function (c) {
          lines.push("[" + c.n + "] " + (c.title || c.doc_id) + (c.source_url ? " – " + c.source_url : ""));
        });
      }
      lines.push("");
    });
    return lines.join("\r\n");
  }

  function sendFeedback(group, helpful, turnId, reason) {
    var payload = {
      conversation_id: state.conversationId,
      conversation_token: state.token,
      helpful: helpful
    };
    if (reason) { payload.reason = reason; }
    if (turnId !== undefined && turnId !== null) { payload.turn_id = turnId; }
    var done = function (ok) {
      group.textContent = "";
      group.removeAttribute("role");
      group.removeAttribute("aria-labelledby");
      group.appendChild(el("p", "feedback__thanks", ok ? t("thanks") : t("feedbackFailed")));
      announce(ok ? t("thanks") : t("feedbackFailed"));
      input.focus();  // the clicked button is gone: put focus back where the conversation goes on
    };
    if (!state.conversationId) { done(false); return; }
    request("POST", "/api/feedback", payload).then(function (r) { done(r.ok); }, function () { done(false); });
  }

  /* ---------- actions ---------- */

  function submitMessage() {
    var text = input.value.trim();
    if (!text) {
      showError(t("emptyMessage"));
      input.focus();
      return;
    }
    if (state.busy) { return; }
    input.value = "";
    send(text).then(function (outcome) {
      if (outcome && outcome.failed) {
        if (!input.value) { input.value = text; }  // nothing the person wrote is lost
        showError(outcome.message);
      }
    });
    input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitMessage();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitMessage();
    }
  });

  personButton.addEventListener("click", function () {
    if (state.busy) { return; }
    send(t("personMessage")).then(function (outcome) {
      if (outcome && outcome.failed) { showError(outcome.message); }
    });
    input.focus();
  });

  restartButton.addEventListener("click", function () {
    forgetConversation();
    log.textContent = "";
    welcome.hidden = false;
    clearError();
    announce(t("restarted"));
    input.value = "";
    input.focus();
  });

  eraseButton.addEventListener("click", function () {
    clearError();
    if (!state.conversationId) {
      announce(t("nothingToErase"));
      showError(t("nothingToErase"));
      return;
    }
    dialog.showModal();
    eraseCancel.focus();  // the safe choice first
  });

  downloadButton.addEventListener("click", function () {
    clearError();
    if (!state.conversationId) {
      announce(t("nothingToDownload"));
      showError(t("nothingToDownload"));
      return;
    }
    fetchExport().then(function (result) {
      if (!result.ok || !result.body) {
        if (result.status === 403 || result.status === 404) { forgetConversation(); }
        showError(errorText(result.status, result.body) || t("downloadFailed"));
        return;
      }
      var blob = new Blob(["\ufeff" + exportText(result.body)], { type: "text/plain;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = el("a");
      a.href = url;
      a.download = t("file.name") + "-" + stamp(null).slice(0, 10) + ".txt";
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      announce(t("downloaded"));
    }, function () { showError(t("downloadFailed")); });
  });

  eraseCancel.addEventListener("click", function () {
    dialog.close();
  });

  dialog.addEventListener("close", function () {
    if (dialog.returnValue !== "erased") { eraseButton.focus(); }
    dialog.returnValue = "";
  });

  eraseConfirm.addEventListener("click", function () {
    var id = state.conversationId;
    var token = state.token;
    request("DELETE", "/api/conversations/" + encodeURIComponent(id), undefined, {
      "X-Conversation-Token": token
    }).then(function (result) {
      if (result.ok || result.status === 404) {
        forgetConversation();
        log.textContent = "";
        welcome.hidden = false;
        dialog.close("erased");
        announce(t("erased"));
        input.focus();
      } else {
        dialog.close();
        showError(errorText(result.status, result.body) || t("eraseFailed"));
      }
    }, function () {
      dialog.close();
      showError(t("eraseFailed"));
    });
  });

  var langButtons = document.querySelectorAll(".lang-switch__btn");
  for (var i = 0; i < langButtons.length; i++) {
    langButtons[i].addEventListener("click", function (event) {
      applyLanguage(event.currentTarget.getAttribute("data-lang"));
    });
  }

  applyLanguage(initialLanguage());
  restoreConversation().then(function () { main.setAttribute("data-ready", "true"); });
})();
