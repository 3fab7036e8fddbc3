// The seller awards and the winner is told (issue 5 "Done when"), in real browsers: the demo fleet
// lists a fixed-price lot, two freshly signed-up buyers ask to buy it, the seller accepts one on
// the lot page's award panel; the lot is awarded, the winner's page says it won and its bell has
// the notice, the other buyer's request is declined and it is told so.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, newAccount, setupBrowser, signUp, unique } from "./browser.ts";

const browser = setupBrowser();

/** Lists 40 LFP modules in Sydney in AUD; `terms` fills what the sale mode asks for. */
async function listLot(page: Page, title: string, saleMode: "fixed" | "sealed", terms: () => Promise<void>) {
  await page.goto("/lots/new");
  await page.locator("#field-title").fill(title);
  await page.locator("#field-chemistry").selectOption("LFP");
  await page.locator("#field-form").selectOption("module");
  await page.locator('input[name="condition"][value="intact"]').check();
  await page.locator("#field-count").fill("40");
  await page.locator("#field-massKg").fill("2,000");
  await page.locator("#field-port").selectOption("AU");
  await page.locator(`input[name="saleMode"][value="${saleMode}"]`).check();
  await page.locator("#field-currency").selectOption("AUD");
  await terms();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

async function listFixedPriceLot(page: Page, title: string): Promise<string> {
  await login(page, DEMO_ACCOUNTS.fleet);
  return listLot(page, title, "fixed", () => page.locator("#field-askingPrice").fill("8,500.00"));
}

/** A sealed tender closing at the next minute boundary at least `seconds` from now (datetime-local is read as UTC). */
async function listSealedTender(page: Page, title: string, seconds: number): Promise<string> {
  return listLot(page, title, "sealed", () => {
    const closes = new Date(Math.ceil((Date.now() + seconds * 1000) / 60_000) * 60_000);
    return page.locator("#field-closesAt").fill(closes.toISOString().slice(0, 16));
  });
}

async function requestToBuy(page: Page, lotId: string) {
  await page.goto(`/lots/${lotId}`);
  await page.locator('[data-testid="place-bid"]').click();
  await page.waitForURL(/bid=placed/);
}

describe("awarding a lot", () => {
  test("the seller accepts one purchase request; the winner sees it won and is notified, the other is declined", async () => {
    const title = unique("Fixed LFP modules");
    const seller = browser.page;
    const lotId = await listFixedPriceLot(seller, title);

    const winner = await browser.newPage();
    const winnerAccount = { ...newAccount("winner"), capabilities: ["buyer" as const] };
    await signUp(winner, winnerAccount);
    await requestToBuy(winner, lotId);
    const other = await browser.newPage();
    await signUp(other, { ...newAccount("other"), capabilities: ["buyer"] });
    await requestToBuy(other, lotId);

    await seller.goto(`/lots/${lotId}`);
    const requests = seller.locator('[data-testid="purchase-requests"] li');
    await expect.poll(() => requests.count()).toBe(2);
    const winnersRow = requests.filter({ hasText: winnerAccount.organizationName });
    await winnersRow.getByRole("button", { name: "Accept", exact: true }).click();
    await seller.locator('[data-testid="award-confirmed"]').waitFor();
    expect(await seller.locator('[data-testid="award-confirmed"]').textContent()).toContain(
      winnerAccount.organizationName,
    );
    await expect.poll(() => seller.locator(".lot-ref .status").textContent()).toBe("Awarded");

    await winner.goto(`/lots/${lotId}`);
    expect(await winner.locator('[data-testid="bidder-outcome"]').textContent()).toBe(
      "You won this lot for A$8,500.00.",
    );
    await winner.goto("/notifications");
    await expect
      .poll(() => winner.getByText(`The seller accepted your request for`).count())
      .toBeGreaterThan(0);

    await other.goto("/notifications");
    await expect.poll(() => other.getByText("was sold to another buyer").count()).toBeGreaterThan(0);
  });

  test("a sealed tender opens at its close; the seller awards a bid with a reason; the loser learns only the price", async () => {
    const seller = browser.page;
    await login(seller, DEMO_ACCOUNTS.fleet);
    const lotId = await listSealedTender(seller, unique("Sealed LFP modules"), 45);
    const closesAt = await seller.locator('[data-testid="closes-at"]').getAttribute("datetime");

    const high = await browser.newPage();
    const highAccount = { ...newAccount("high"), capabilities: ["buyer" as const] };
    await signUp(high, highAccount);
    const low = await browser.newPage();
    await signUp(low, { ...newAccount("low"), capabilities: ["buyer"] });
    for (const [page, amount] of [
      [high, "9,000"],
      [low, "8,000"],
    ] as const) {
      await page.goto(`/lots/${lotId}`);
      await page.locator("#bid-amount").fill(amount);
      await page.locator('[data-testid="place-bid"]').click();
      await page.waitForURL(/bid=placed/);
    }

    // Wait for the close; reading the page closes the tender (no need to wait for the sweep).
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, Date.parse(closesAt!) - Date.now() + 1_000)),
    );
    await seller.goto(`/lots/${lotId}`);
    const rows = seller.locator('[data-testid="tender-bids"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(highAccount.organizationName);
    await seller.locator("#award-reason").fill("Highest net value to us");
    await seller.getByRole("button", { name: "Award", exact: true }).click();
    await seller.locator('[data-testid="award-confirmed"]').waitFor();
    expect(await seller.locator('[data-testid="award-confirmed"]').textContent()).toContain(
      "Highest net value to us",
    );

    await high.goto(`/lots/${lotId}`);
    expect(await high.locator('[data-testid="bidder-outcome"]').textContent()).toBe(
      "You won this lot for A$9,000.00.",
    );
    await low.goto(`/lots/${lotId}`);
    const lost = await low.locator('[data-testid="bidder-outcome"]').textContent();
    expect(lost).toBe("Not won — the lot sold for A$9,000.00.");
    await low.goto("/notifications");
    await expect.poll(() => low.getByText("went to another bidder").count()).toBeGreaterThan(0);
    expect(await low.locator("main").textContent()).not.toContain(highAccount.organizationName);
  }, 240_000); // waits up to ~2 minutes for the tender's close
});
