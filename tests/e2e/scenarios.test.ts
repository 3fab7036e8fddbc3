// "What if" scenarios (ADR 037) in real Chromium against the production server with demo data: the
// demo fleet opens them from /plan, saves a joint LFP hub that pays well, and sees the plan solved
// again beside the live one — a different net value, the hub's tonnes, both flow maps drawn; the demo
// buyer opens the same link and sees the comparison without the edit form.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, logout, setupBrowser, unique } from "./browser.ts";
import { RESULTS_DIR } from "./global-setup.ts";

const browser = setupBrowser();

describe("/insights/scenarios", () => {
  test("a saved scenario gives a different plan from the live one, viewable by link", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.getByRole("link", { name: "Plan", exact: true }).click();
    await page.waitForURL(/\/plan$/);
    await page.getByRole("link", { name: "What if" }).click();
    await page.waitForURL(/\/insights\/scenarios$/);

    const name = unique("LFP hub in Singapore");
    const form = page.getByTestId("scenario-form");
    await form.locator("input[name=name]").fill(name);
    await form.locator("select[name=hubPort]").selectOption("SGSIN");
    await form.locator("select[name=hubChemistry]").selectOption("LFP");
    await form.locator("input[name=hubTonnes]").fill("5000");
    await form.locator("input[name=hubPrice]").fill("5000");
    await form.getByRole("button", { name: "Save and compare" }).click();
    await page.waitForURL(/\/insights\/scenarios\/[0-9a-f-]{36}$/);
    const link = page.url();

    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`What if: ${name}`);
    const net = page.getByTestId("scenario-comparison").getByRole("row", { name: /Net value to sellers/ });
    const [live, scenario] = await net.locator("td").allTextContents();
    expect(live).toMatch(/USD\s[\d,]+/);
    expect(scenario).not.toBe(live);
    const hub = (await page.getByTestId("scenario-hubs").textContent()) ?? "";
    const planned = /([\d,.]+) t planned/.exec(hub);
    expect(Number(planned?.[1].replace(/,/g, ""))).toBeGreaterThan(0);
    expect(await page.getByTestId("scenario-shifts").locator("tbody tr").count()).toBeGreaterThan(0);
    // Both maps draw their flows.
    for (const i of [0, 1]) {
      const map = page.locator("[data-testid=flows-map]").nth(i);
      await map.locator(".leaflet-overlay-pane path").first().waitFor();
    }
    expect(await page.getByTestId("scenario-form").count()).toBe(1);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, "scenario.png"), fullPage: true });

    // Another organisation's member views it by link, without the edit form.
    await logout(page);
    await login(page, DEMO_ACCOUNTS.buyer);
    await page.goto(link);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`What if: ${name}`);
    await page.getByTestId("scenario-comparison").waitFor();
    expect(await page.getByTestId("scenario-form").count()).toBe(0);
  });
});
