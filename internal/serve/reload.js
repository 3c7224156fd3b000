// digest preview: reloads this page when its output changes, swaps changed
// stylesheets in place, shows build errors over the page, and reconnects
// by itself when the server restarts. Injected by `digest serve` only.
(() => {
  "use strict";
  const key = "digest-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    window.addEventListener("load", () => window.scrollTo(0, y));
    window.scrollTo(0, y);
  }
  const here = () => location.pathname.replace(/index\.html$/, "");
  const reload = () => {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  };
  let server = null;
  let overlay = null;
  const hideErrors = () => {
    if (overlay) { overlay.remove(); overlay = null; }
  };
  const showErrors = (errors) => {
    hideErrors();
    overlay = document.createElement("div");
    overlay.id = "digest-errors";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
      "background:#2b0b0b;color:#ffecec;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;" +
      "padding:16px 20px;box-shadow:0 4px 24px rgba(0,0,0,.5);white-space:pre-wrap";
    const title = document.createElement("strong");
    title.textContent = "digest: the last change did not build. The page shows the last good version.";
    overlay.appendChild(title);
    for (const e of errors) {
      const line = document.createElement("div");
      line.className = "digest-error";
      line.style.marginTop = "8px";
      line.textContent = e;
      overlay.appendChild(line);
    }
    document.documentElement.appendChild(overlay);
  };
  const swapCSS = (css) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      const next = css[url.pathname];
      if (next) {
        const fresh = link.cloneNode();
        fresh.href = next;
        fresh.addEventListener("load", () => link.remove());
        link.after(fresh);
      }
    }
  };
  const connect = () => {
    const es = new EventSource("/__digest/events");
    es.onmessage = (msg) => {
      const ev = JSON.parse(msg.data);
      switch (ev.kind) {
        case "hello":
          if (server !== null && server !== ev.server) reload();
          server = ev.server;
          break;
        case "error":
          showErrors(ev.errors || []);
          break;
        case "ok":
          hideErrors();
          break;
        case "css":
          hideErrors();
          swapCSS(ev.css || {});
          break;
        case "reload":
          hideErrors();
          if ((ev.paths || []).includes(here())) reload();
          break;
      }
    };
  };
  connect();
})();
