// What the browser tests share: a `dondoc serve` on a free loopback port and
// Debian's Chromium, both stopped by the caller.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const dondoc = process.env.DONDOC_BINARY ?? path.join(root, "build/release/src/cli/dondoc");
const { chromium } = createRequire(path.join(root, "web/package.json"))("playwright-core");

// Starts `dondoc serve` on the register `db` with the built web UI; resolves
// to { server, base } once it says where it listens.
export async function startServer(db, extraArgs = [], env = {}) {
  const server = spawn(
    dondoc,
    ["serve", "--listen", "127.0.0.1:0", "--db", db, "--web", path.join(root, "web/dist"), ...extraArgs],
    { env: { ...process.env, DONDOC_TEST_FAST_HASH: "1", ...env }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const base = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`dondoc serve did not start: ${out}`)), 15000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /đang chạy tại (http:\/\/[0-9.:]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`dondoc serve exited ${code}: ${out}`)));
  });
  return { server, base };
}

// Stops a server started above (SIGTERM: requests in flight finish).
export async function stopServer(server) {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server.on("exit", r));
  server.kill("SIGTERM");
  await exited;
}

// Headless Chromium; playwright gives it a fresh temporary user-data-dir.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// Opens the dashboard in `page` (signed in) and waits for its status figures:
// the time from navigation start to their paint, the /api/dashboard request's
// own time, and the figures shown, by status. bench/web-dashboard.mjs uses it
// too.
export async function dashboardPaint(page, base) {
  await page.goto(`${base}/`, { waitUntil: "commit" });
  await page.waitForFunction(() => document.querySelector("[data-status]"), null, {
    polling: "raf",
    timeout: 120000,
  });
  return page.evaluate(() => {
    const api = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/dashboard"));
    const shown = {};
    for (const e of document.querySelectorAll("[data-status]"))
      shown[e.getAttribute("data-status")] = Number(e.textContent.replace(/\D/g, ""));
    return {
      painted: Math.round(performance.now()),
      api: api ? Math.round(api.responseEnd - api.startTime) : -1,
      shown,
    };
  });
}

// A page of a new browser context (nothing of dondoc cached) signed in as
// `login`, whose figures are as of `asOf` (the app's date, kept for the tab).
// The context's window is open with a blank tab first, as an office PC's
// browser is: for a new window Chromium loads its own top-of-window UI in
// the background (a second or two of CPU in a trace, on the same two cores
// as the page measured), which a tab opened after it does not wait behind.
export async function signedInPage(browser, base, login, password, asOf) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const signedIn = await context.request.post(`${base}/api/login`, { data: { login, password } });
  if (!signedIn.ok()) throw new Error(`sign-in as ${login} failed: ${signedIn.status()}`);
  await (await context.newPage()).goto("about:blank");
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const page = await context.newPage();
  await page.addInitScript((d) => sessionStorage.setItem("dondoc.asOf", d), asOf);
  return page;
}

// A browser that has rendered a page already, as an office PC's is open.
export async function warmBrowser(browser) {
  const blank = await browser.newContext();
  await (await blank.newPage()).goto("data:text/html,<p>dondoc</p>");
  await blank.close();
}
