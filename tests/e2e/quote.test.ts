// The public instant quote in real Chromium against the production server with the demo data: a
// visitor without an account finds it from the home page, places the lot on the map, fills the form
// and gets the demo facilities ranked, feasible ones first with their net value term by term, and
// the best routes drawn on the map, one polyline per leg.
import { describe, expect, test } from "vitest";
import { setupBrowser } from "./browser.ts";

const browser = setupBrowser();

describe("instant quote", () => {
  test("a visitor describes a lot and sees ranked facilities and a route on the map", async () => {
    const { page } = browser;
    await page.goto("/");
    await page.getByTestId("home-quote-link").click();
    await page.waitForURL(/\/quote$/);

    // A click on the map places the lot and fills the coordinates and the economy.
    const picker = page.locator(".leaflet-container").first();
    await picker.waitFor({ state: "visible" });
    await picker.click({ position: { x: 300, y: 150 } });
    await expect.poll(() => page.locator("#field-lat").inputValue()).not.toBe("");

    // Then the exact depot is typed: Melbourne, Victoria.
    await page.locator("#field-lat").fill("-37.81");
    await page.locator("#field-lng").fill("144.96");
    await page.locator("#field-economy").selectOption("AU");
    await page.locator("#field-chemistry").selectOption("NMC811");
    await page.locator("#field-form").selectOption("pack");
    await page.locator("#field-condition").selectOption("intact");
    await page.locator("#field-massKg").fill("12500");
    await page.locator("#field-stateOfHealthPct").fill("62");
    await page.getByRole("button", { name: "Get the quote" }).click();

    const matches = page.getByTestId("quote-match");
    await matches.first().waitFor();
    const feasibility = await matches.evaluateAll((items) =>
      items.map((i) => i.getAttribute("data-feasible")),
    );
    expect(feasibility.length).toBeGreaterThan(1);
    expect(feasibility[0]).toBe("true");
    // Feasible first: once one is blocked, all after it are.
    const firstBlocked = feasibility.indexOf("false");
    if (firstBlocked >= 0) expect(feasibility.slice(firstBlocked).every((f) => f === "false")).toBe(true);

    // The best facility's breakdown: every term down to the net value, and the papers.
    const best = matches.first();
    await expect.poll(() => best.locator(".quote-terms").textContent()).toContain("= Net value to you");
    expect(await best.textContent()).toMatch(/UN3480/);
    expect(await best.textContent()).toMatch(/Dangerous goods declaration/);

    // Routes on the map: polylines per leg, coloured by mode.
    const routeMap = page.locator('[data-testid="routes-map"] .leaflet-container');
    await routeMap.waitFor({ state: "visible" });
    await expect
      .poll(() => page.locator('[data-testid="routes-map"] path.pl-route-leg').count())
      .toBeGreaterThan(0);

    // A mistake is answered field by field, keeping what was typed.
    await page.locator("#field-massKg").fill("");
    await page.getByRole("button", { name: "Get the quote" }).click();
    await page.locator("#massKg-error").waitFor();
    expect(await page.locator("#field-chemistry").inputValue()).toBe("NMC811");
  });
});
