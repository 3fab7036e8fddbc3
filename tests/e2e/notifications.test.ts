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
  // Issue 15 item 8: the count rises live, over /notifications/events, when someone else's action
  // writes a notice for the viewer — here another bidder outbids them, in another browser context.
  test("the bell counts an outbid notice live, without a reload", async () => {
    const seller = await browser.newPage();
    await login(seller, DEMO_ACCOUNTS.fleet);
    const title = unique("Live bell packs");
    const created = await seller.request.post("/api/v1/lots", {
      data: lotBody({
        title,
        status: "open",
        saleMode: "auction",
        askingPrice: undefined,
        startingPrice: { amountMinor: 100_000, currency: "USD" },
        closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      }),
    });
    expect(created.status(), await created.text()).toBe(201);
    const lot = (await created.json()) as { id: string; number: number };

    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.buyer);
    const first = await page.request.post(`/api/v1/lots/${lot.id}/bids`, {
      data: { amount: { amountMinor: 100_000, currency: "USD" } },
    });
    expect(first.status(), await first.text()).toBe(201);
    await page.goto("/dashboard");
    const before = await bellCount(page);
    // A marker on the window: it is gone if the page reloads.
    await page.evaluate(() => {
      (window as unknown as { bellMarker: boolean }).bellMarker = true;
    });

    const rival = await browser.newPage();
    await login(rival, DEMO_ACCOUNTS.recycler);
    const higher = await rival.request.post(`/api/v1/lots/${lot.id}/bids`, {
      data: { amount: { amountMinor: 150_000, currency: "USD" } },
    });
    expect(higher.status(), await higher.text()).toBe(201);

    await expect.poll(() => bellCount(page), { timeout: 15_000 }).toBe(before + 1);
    expect(await page.evaluate(() => (window as unknown as { bellMarker?: boolean }).bellMarker)).toBe(true);
    expect(await page.locator('[data-testid="notification-count"]').textContent()).toBe(String(before + 1));

    // The notice names the lot by its number.
    await page.goto("/notifications");
    await expect
      .poll(() => page.getByTestId("notification").first().textContent())
      .toContain(`Outbid on PL-${String(lot.number).padStart(6, "0")} — ${title}`);
  });

  test("a person switches an email off on /settings/notifications, and on again", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.buyer);
    await page.goto("/notifications");
    await page.getByRole("link", { name: "Email choices" }).click();
    await page.waitForURL(/\/settings\/notifications$/);
    const outbid = page.getByLabel("Outbid", { exact: true });
    expect(await outbid.isChecked()).toBe(true);
    await outbid.uncheck();
    await page.getByRole("button", { name: "Save email choices" }).click();
    await page.getByText("Saved.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Outbid", { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel("A deal is settled", { exact: true }).isChecked()).toBe(true);
    // Back on, so other tests' emails are as the demo seeds them.
    await page.getByLabel("Outbid", { exact: true }).check();
    await page.getByRole("button", { name: "Save email choices" }).click();
    await page.getByText("Saved.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Outbid", { exact: true }).isChecked()).toBe(true);
  });

  test("a platform admin filters the outbox by recipient and kind, in the URL", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.admin);
    await page.goto("/admin/outbox");
    const filters = page.getByTestId("outbox-filters");
    await filters.getByLabel("Recipient").fill("buyer@packloop.test");
    await filters.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/\/admin\/outbox\?to=buyer%40packloop\.test/);
    const recipients = await page.getByTestId("outbox-to").allTextContents();
    expect(recipients.length).toBeGreaterThan(0);
    expect(new Set(recipients)).toEqual(new Set(["buyer@packloop.test"]));

    const kinds = await page.locator('select[name="kind"] option').allTextContents();
    const kind = kinds.find((k) => k !== "Every kind")!;
    await page.goto(`/admin/outbox?kind=${kind}`);
    const badges = page.getByTestId("outbox-email").locator(".badge").first();
    await badges.waitFor();
    const shownKinds = await page
      .getByTestId("outbox-email")
      .evaluateAll((cards) => cards.map((card) => card.querySelector(".badge")?.textContent));
    expect(new Set(shownKinds)).toEqual(new Set([kind]));
  });
});
