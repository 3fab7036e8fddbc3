// The notification bell end to end, in real Chromium against the production server with demo data:
// the demo fleet lists a lot; the demo buyer watches it and asks a question; the fleet answers in
// another browser; after a reload the buyer's bell counts one more unread notice, which opens the
// lot at its answered question and is then read.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { lotBody } from "../fixtures/lots.ts";
import { DEMO_ACCOUNTS, login, setupBrowser, unique } from "./browser.ts";

const browser = setupBrowser();

/** The unread count the bell announces ("Notifications, 3 unread"; "none unread" is 0). */
async function bellCount(page: Page): Promise<number> {
  const label = await page.locator("a.notification-bell").getAttribute("aria-label");
  expect(label).toMatch(/^Notifications, /);
  const match = /(\d+) unread/.exec(label ?? "");
  return match ? Number(match[1]) : 0;
}

describe("notifications", () => {
  test("a buyer watches a lot and asks; the seller answers elsewhere; the buyer's bell count rises", async () => {
    const seller = await browser.newPage();
    await login(seller, DEMO_ACCOUNTS.fleet);
    const title = unique("Bell test packs");
    const created = await seller.request.post("/api/v1/lots", {
      data: lotBody({ title, status: "open" }),
    });
    expect(created.status(), await created.text()).toBe(201);
    const lot = (await created.json()) as { id: string };

    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.buyer);
    await page.goto(`/lots/${lot.id}`);
    const before = await bellCount(page);

    // The icon is drawn by the page itself (an SVG), not an emoji that needs an emoji font.
    const bell = page.locator("a.notification-bell");
    const icon = bell.locator("svg");
    expect(await icon.count()).toBe(1);
    expect(await icon.getAttribute("aria-hidden")).toBe("true");
    const box = await icon.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(10);
    expect(box?.height ?? 0).toBeGreaterThan(10);
    expect(await bell.textContent()).not.toContain("🔔");

    await page.getByRole("button", { name: "☆ Watch" }).click();
    await expect.poll(() => page.getByTestId("watch-button").getAttribute("aria-pressed")).toBe("true");

    const question = "Have the packs been discharged for transport?";
    await page.getByLabel("Ask the seller a question").fill(question);
    await page.getByRole("button", { name: "Ask question" }).click();
    await page.getByTestId("pending-question").filter({ hasText: question }).waitFor();
    await expect
      .poll(() => page.getByTestId("pending-question").first().textContent())
      .toContain("You asked");

    // The seller, in its own browser context, sees the anonymised question and answers it.
    await seller.goto(`/lots/${lot.id}`);
    const pending = seller.getByTestId("pending-question").filter({ hasText: question });
    await expect.poll(() => pending.textContent()).toContain("A bidder asked");
    const answer = "Yes: every pack is at 30 % state of charge.";
    await pending.getByLabel("Your public answer").fill(answer);
    await pending.getByRole("button", { name: "Publish answer" }).click();
    await seller.getByTestId("answered-question").filter({ hasText: answer }).waitFor();

    // The buyer reloads: one more unread notice.
    await page.reload();
    await expect.poll(() => bellCount(page)).toBe(before + 1);

    await page.locator("a.notification-bell").click();
    await page.waitForURL(/\/notifications$/);
    const newest = page.getByTestId("notification").first();
    await expect.poll(() => newest.textContent()).toContain(title);
    await newest.getByRole("link").click();
    await page.waitForURL(new RegExp(`/lots/${lot.id}`));
    await page.getByTestId("answered-question").filter({ hasText: answer }).waitFor();
    await expect.poll(() => bellCount(page)).toBe(before);

    // The lot is on the buyer's watchlist.
    await page.goto("/watchlist");
    await page.getByRole("link", { name: new RegExp(title) }).waitFor();
  });
});
