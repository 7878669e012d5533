// Asks for what the dashboard shows — who is signed in, and the figures —
// before the app's bundle is parsed and run (about half a second the first
// time on an office PC), so the answers arrive while it loads. The app takes
// these answers instead of asking again (takeEarly in src/api.ts); a plain
// script, run before the bundle, with the app's own date rule (todayIso).
(function () {
  if (location.pathname !== "/" || typeof fetch !== "function") return;
  var asOf = null;
  try {
    asOf = sessionStorage.getItem("dondoc.asOf");
  } catch (e) {
    asOf = null;
  }
  if (!asOf) asOf = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  var early = {};
  ["/api/me", "/api/dashboard?as_of=" + encodeURIComponent(asOf)].forEach(function (path) {
    early[path] = fetch(path, { credentials: "same-origin" });
    // Not taken (signed out, another page): not an unhandled rejection.
    early[path].catch(function () {});
  });
  window.__dondocEarly = early;
})();
