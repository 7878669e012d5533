// The dashboard of a whole province in Chromium: 1,000,000 generated tasks
// over 2,000 communes (bench/register_bench, about a minute to build),
// signed in as the province's tracker. The figures painted are the whole
// register's: they add up to its 1,000,000 tasks and agree with the
// scoreboard's rows. The time to paint them (a first visit and a return
// visit) is printed, not asserted: timings are the benchmarks' business
// (bench/web-dashboard; figures in docs/web.md).
//
//   node --test tests/web/        (after scripts/build release)
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  dashboardPaint,
  dondoc,
  launchBrowser,
  root,
  signedInPage,
  startServer,
  stopServer,
  warmBrowser,
} from "./support.mjs";

const tasks = 1000000;
const asOf = "2024-07-01";
const registerBench = path.join(root, "build/release/bench/register_bench");
const shots = process.env.DONDOC_SCREENSHOTS ?? path.join(root, "docs/screenshots");

test(`the dashboard of a province of ${tasks.toLocaleString("vi-VN")} tasks`, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dondoc-scale-"));
  const db = path.join(dir, "province.db");
  let server, browser;
  try {
    execFileSync(registerBench, [`--tasks=${tasks}`, "--units=2000", `--sqlite=${db}`, "--build-only"], {
      stdio: ["ignore", "ignore", "inherit"],
      timeout: 15 * 60 * 1000,
    });
    execFileSync(dondoc, ["user", "add", "tinh", "--role", "tracker", "--unit", "p", "--name", "Võ Thị Hạnh", "--password-stdin", "--db", db], {
      input: "mat-khau-tinh\n",
      env: { ...process.env, DONDOC_TEST_FAST_HASH: "1" },
    });
    // On disk before the clock starts, as an office's register is: not
    // half a gigabyte of it being written back while the page loads.
    execFileSync("sync");
    let base;
    ({ server, base } = await startServer(db, ["--no-remind"]));
    browser = await launchBrowser();
    await warmBrowser(browser);
    const page = await signedInPage(browser, base, "tinh", "mat-khau-tinh", asOf);
    const context = page.context();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));

    const first = await dashboardPaint(page, base);
    const again = await dashboardPaint(page, base);
    for (const [visit, f] of [["first visit", first], ["return visit", again]])
      t.diagnostic(
        `${visit}: figures painted ${f.painted} ms after navigation (GET /api/dashboard ${f.api} ms)`,
      );

    // Every task once (each has one leading commune), by status as the
    // scoreboard counts them unit by unit.
    const board = await (await context.request.get(`${base}/api/scoreboard?as_of=${asOf}`)).json();
    assert.equal(board.length, 2000);
    const expected = { overdue: 0, in_progress: 0, done_on_time: 0, done_late: 0, no_deadline: 0 };
    for (const row of board) for (const status of Object.keys(expected)) expected[status] += row[status];
    assert.deepEqual(first.shown, expected);
    assert.deepEqual(again.shown, expected);
    assert.equal(Object.values(first.shown).reduce((a, b) => a + b, 0), tasks);
    assert.ok(first.shown.overdue > 0, "some tasks are overdue on 1/7/2024");

    // The chart of the most overdue communes comes after the figures.
    await page.locator("canvas").first().waitFor();
    await page.screenshot({ path: path.join(shots, "26-tong-quan-tinh-1-trieu-nhiem-vu.png"), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await browser?.close();
    await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
