// /admin/factors in real Chromium against the production server with the demo data: the platform
// admin finds it in the header, sees every factor with its default, is told by name what is wrong
// with a value out of bounds, and adds a dated, sourced value that then shows as current with its
// history. The value added equals the shipped default (1 border day), so other e2e files that quote
// on the same server see no change.
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

describe("admin factors", () => {
  test("the admin adds a border-crossing value; a bad one is refused by field", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.admin);
    await page.getByRole("link", { name: "Factors" }).click();
    await page.waitForURL(/\/admin\/factors$/);
    const row = page.locator('tr[data-key="border.crossing_days"]');
    await expect.poll(() => row.textContent()).toContain("default");
    expect(await page.locator('tr[data-key="freight.road.cents_per_1000_tkm"]').textContent()).toContain(
      "7,000",
    );

    await page.locator("#field-key").selectOption("border.crossing_days");
    await page.locator("#field-value").fill("90");
    await page.locator("#field-asOf").fill("2026-01-10");
    await page.locator("#field-sourceUrl").fill("https://example.com/border-times");
    await page.getByRole("button", { name: "Add value" }).click();
    await expect.poll(() => page.locator("#value-error").textContent()).toContain("between 0 and 60 days");

    await page.locator("#field-value").fill("1");
    await page.getByRole("button", { name: "Add value" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("Land border crossing as of 2026-01-10 saved");
    await expect.poll(() => row.textContent()).toContain("2026-01-10");
    expect(await row.textContent()).toContain("1 value");
    expect(await row.locator("a").first().getAttribute("href")).toBe("https://example.com/border-times");
  });

  test("a seller is refused", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    browser.allowErrorBoundary(403);
    const response = await page.goto("/admin/factors");
    expect(response?.status()).toBe(403);
    expect(await page.locator("[data-error-boundary]").getAttribute("data-error-boundary")).toBe("403");
  });
});
