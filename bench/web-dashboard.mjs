// The dashboard's first paint in Chromium, signed in: navigation start to
// the status figures on screen, and the /api/dashboard request's own time.
//   node bench/web-dashboard.mjs URL LOGIN PASSWORD [AS_OF] [RUNS]
// (bench/web-dashboard builds a register of N tasks and runs this on it.)
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(path.join(root, "web/package.json"))("playwright-core");
const [base, login, password, asOf = "2024-07-01", runs = "3"] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const signedIn = await context.request.post(`${base}/api/login`, { data: { login, password } });
if (!signedIn.ok()) throw new Error(`sign-in failed: ${signedIn.status()}`);
const page = await context.newPage();
await page.addInitScript((d) => sessionStorage.setItem("dondoc.asOf", d), asOf);
for (let i = 0; i < Number(runs); i++) {
  await page.goto(`${base}/`, { waitUntil: "commit" });
  await page.waitForFunction(() => document.querySelector("[data-status]"), null, {
    polling: "raf",
    timeout: 120000,
  });
  const figures = await page.evaluate(() => {
    const api = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/dashboard"));
    return {
      painted: Math.round(performance.now()),
      api: api ? Math.round(api.responseEnd - api.startTime) : -1,
      total: document.querySelector('[data-status="overdue"]')?.textContent,
    };
  });
  console.log(`run ${i + 1}: figures painted ${figures.painted} ms after navigation; ` +
              `GET /api/dashboard ${figures.api} ms; overdue shown: ${figures.total}`);
}
await browser.close();
