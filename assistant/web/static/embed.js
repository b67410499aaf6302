/* Tillit embed: one script tag on another page adds a "Chatta med oss" button that opens the chat
 * in a panel (an iframe of this server's / page).
 *
 *   <script src="https://tillit.example/embed.js" defer></script>
 *   optional: data-lang="en" | "lattlast", data-label="Frågor? Chatta med oss",
 *             data-title="Chatt med Överförmyndarförvaltningen" (the iframe's accessible name)
 *
 * No inline styles in markup: styles are set through the DOM, which a host CSP permits for
 * scripts it trusts. The host's CSP must allow this origin in script-src and frame-src.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__tillitEmbed) { return; }
  window.__tillitEmbed = true;

  var origin = new URL(script.src, window.location.href).origin;
  var lang = script.getAttribute("data-lang") || "";
  var label = script.getAttribute("data-label") || (lang === "en" ? "Chat with us" : "Chatta med oss");
  var closeLabel = lang === "en" ? "Close the chat" : "Stäng chatten";
  var frameTitle = script.getAttribute("data-title") || (lang === "en" ? "Chat with us" : "Chatt med oss");
  var accent = "#0b4f8a";

  function css(node, styles) {
    Object.keys(styles).forEach(function (k) { node.style[k] = styles[k]; });
  }

  var button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "tillit-chat-panel");
  css(button, {
    position: "fixed", right: "1rem", bottom: "1rem", zIndex: "2147483000",
    font: "600 1rem/1.2 system-ui, sans-serif", color: "#fff", background: accent,
    border: "2px solid #fff", borderRadius: "999px", padding: "0.85rem 1.3rem",
    minHeight: "44px", cursor: "pointer", boxShadow: "0 2px 10px rgba(0,0,0,.3)"
  });

  var panel = document.createElement("div");
  panel.id = "tillit-chat-panel";
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-label", frameTitle);
  panel.hidden = true;
  css(panel, {
    position: "fixed", right: "1rem", bottom: "5rem", zIndex: "2147483000",
    width: "min(26rem, calc(100vw - 2rem))", height: "min(40rem, calc(100vh - 7rem))",
    background: "#fff", border: "1px solid #6b6b6b", borderRadius: "8px",
    boxShadow: "0 8px 30px rgba(0,0,0,.3)", overflow: "hidden", display: "none",
    flexDirection: "column"
  });

  var close = document.createElement("button");
  close.type = "button";
  close.textContent = closeLabel;
  css(close, {
    alignSelf: "flex-end", margin: "0.4rem", font: "600 0.95rem/1.2 system-ui, sans-serif",
    color: accent, background: "#fff", border: "2px solid " + accent, borderRadius: "6px",
    padding: "0.5rem 0.9rem", minHeight: "44px", cursor: "pointer"
  });

  var frame = null;

  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = frameTitle;
      frame.src = origin + "/?embed=1" + (lang ? "&lang=" + encodeURIComponent(lang) : "");
      frame.setAttribute("referrerpolicy", "no-referrer");
      css(frame, { border: "0", width: "100%", flex: "1 1 auto" });
      panel.appendChild(frame);
    }
    panel.hidden = false;
    panel.style.display = "flex";
    button.setAttribute("aria-expanded", "true");
    frame.focus();
  }

  function shut() {
    panel.hidden = true;
    panel.style.display = "none";
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  button.addEventListener("click", function () {
    if (panel.hidden) { open(); } else { shut(); }
  });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { shut(); }
  });

  panel.appendChild(close);

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
