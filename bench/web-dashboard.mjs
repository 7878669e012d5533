// The dashboard's first paint in Chromium, signed in: navigation start to
// the status figures on screen, and the /api/dashboard request's own time.
//   node bench/web-dashboard.mjs URL LOGIN PASSWORD [AS_OF] [RUNS]
// (bench/web-dashboard builds a register of N tasks and runs this on it.)
//
// Each run is a first visit: a new browser context, so nothing of dondoc is
// cached (files, compiled scripts, cookies); then a return visit in the same
// context. The browser itself is started once and has rendered a blank page
// before the first run, as an office PC's browser is already open; the very
// first run also meets a server whose connections have served nothing yet.
import { dashboardPaint, launchBrowser, signedInPage, warmBrowser } from "../tests/web/support.mjs";

const [base, login, password, asOf = "2024-07-01", runs = "3"] = process.argv.slice(2);

const browser = await launchBrowser();
await warmBrowser(browser);
for (let i = 0; i < Number(runs); i++) {
  const page = await signedInPage(browser, base, login, password, asOf);
  for (const visit of ["first visit", "return visit"]) {
    const f = await dashboardPaint(page, base);
    console.log(`run ${i + 1}, ${visit}: figures painted ${f.painted} ms after navigation; ` +
                `GET /api/dashboard ${f.api} ms; overdue shown: ${f.shown.overdue}`);
  }
  await page.context().close();
}
await browser.close();
