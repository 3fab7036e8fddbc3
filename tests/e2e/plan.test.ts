// The regional allocation plan in real Chromium against the production server with demo data: a
// demo user opens /plan from the nav and sees the totals, the flows drawn as arcs on the map, the
// capacity utilisation bars and the unassigned lots with their reasons; "Recompute" solves again.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser, url } from "./browser.ts";
import { RESULTS_DIR } from "./global-setup.ts";

const browser = setupBrowser();

describe("/plan", () => {
  test("a demo user sees the plan's totals, arcs, utilisation and unassigned lots", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.getByRole("link", { name: "Plan", exact: true }).click();
    await page.waitForURL(/\/plan$/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Regional allocation plan");

    const totals = page.getByTestId("plan-totals");
    const assigned = (await totals.locator(".figure").first().textContent()) ?? "";
    // "123.4 t assigned · 40 of 60 lots": some tonnes went somewhere.
    const match = /([\d,.]+) t\s*assigned · (\d+) of (\d+) lots/.exec(assigned);
    expect(match, assigned).not.toBeNull();
    expect(Number(match?.[1].replace(/,/g, ""))).toBeGreaterThan(0);
    expect(Number(match?.[2])).toBeGreaterThan(0);
    await expect.poll(() => totals.textContent()).toMatch(/\$[\d,]+/);

    // Leaflet draws the flows as SVG paths in the overlay pane: at least one per economy pair.
    const pairs = await page.getByTestId("plan-pairs").locator("tbody tr").count();
    expect(pairs).toBeGreaterThan(0);
    await page.waitForSelector("[data-testid=flows-map] .leaflet-overlay-pane path");
    const paths = await page.locator("[data-testid=flows-map] .leaflet-overlay-pane path").count();
    expect(paths).toBeGreaterThanOrEqual(pairs);
    // A cross-border arc is a long path (many great-circle points), not a dot.
    const longest = await page
      .locator("[data-testid=flows-map] .leaflet-overlay-pane path")
      .evaluateAll((els) => Math.max(...els.map((el) => (el as SVGPathElement).getTotalLength())));
    expect(longest).toBeGreaterThan(20);

    const bars = page.getByTestId("plan-utilisation").locator("li");
    expect(await bars.count()).toBeGreaterThan(0);
    await expect.poll(() => bars.first().textContent()).toMatch(/ of [\d,.]+ t \(\d+ %\)/);

    const unassigned = page.getByTestId("plan-unassigned").locator("li");
    expect(await unassigned.count()).toBeGreaterThan(0);
    await expect
      .poll(() => unassigned.first().textContent())
      .toMatch(/No facility can take this lot|capacity|cost its seller more/);

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, "plan.png") });
    await page
      .getByTestId("plan-utilisation")
      .screenshot({ path: path.join(RESULTS_DIR, "plan-utilisation.png") });

    await page.getByRole("button", { name: "Recompute" }).click();
    await expect.poll(() => page.locator(".plan-meta").textContent()).not.toMatch(/kept for/);
    expect(await page.locator("[data-testid=flows-map] .leaflet-overlay-pane path").count()).toBeGreaterThan(
      0,
    );
  });

  test("logged-out visitors are sent to log in", async () => {
    const { page } = browser;
    await page.goto(url("/plan"));
    await page.waitForURL(/\/login/);
  });
});
