// A dispute settled by a partial refund, in a real browser (issue 11 item 6, ADR 026): a fixed-price
// lot is bought and paid by wire, shipped and received; the buyer disputes it on the deal page
// (the money freezes), the seller proposes a partial refund, the buyer accepts it, and both see
// the deal settled with the refund owed to the buyer — read from the ledger.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser, unique } from "./browser.ts";

const browser = setupBrowser();

async function listFixedPriceLot(page: Page, title: string): Promise<string> {
  await login(page, DEMO_ACCOUNTS.fleet);
  await page.goto("/lots/new");
  await page.locator("#field-title").fill(title);
  await page.locator("#field-chemistry").selectOption("LFP");
  await page.locator("#field-form").selectOption("module");
  await page.locator('input[name="condition"][value="intact"]').check();
  await page.locator("#field-count").fill("40");
  await page.locator("#field-massKg").fill("2,000");
  await page.locator("#field-port").selectOption("AU");
  await page.locator('input[name="saleMode"][value="fixed"]').check();
  await page.locator("#field-currency").selectOption("AUD");
  await page.locator("#field-askingPrice").fill("8,500.00");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent())?.trim();

describe("a dispute", () => {
  test("opened by the buyer after receipt, settled by the seller's partial refund", async () => {
    const title = unique("Disputed LFP modules");
    const seller = browser.page;
    const lotId = await listFixedPriceLot(seller, title);

    const buyer = await browser.newPage();
    await login(buyer, DEMO_ACCOUNTS.buyer);
    await buyer.goto(`/lots/${lotId}`);
    await buyer.locator('[data-testid="place-bid"]').click();
    await buyer.waitForURL(/bid=placed/);
    await seller.goto(`/lots/${lotId}`);
    await seller
      .locator('[data-testid="purchase-requests"] li')
      .getByRole("button", { name: "Accept" })
      .click();
    await seller.locator('[data-testid="award-confirmed"]').waitFor();

    await buyer.goto("/deals");
    await buyer.locator('[data-testid="deal-row"]', { hasText: title }).getByRole("link").first().click();
    await buyer.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const dealUrl = new URL(buyer.url()).pathname;
    const reference = await text(buyer, "payment-reference");

    // Paid by wire (admin), shipped (seller), received in full (admin on the deal page).
    const admin = await browser.newPage();
    await login(admin, DEMO_ACCOUNTS.admin);
    await admin.goto("/admin/deals");
    const entry = admin.locator('[data-testid="awaiting-deal"]', { hasText: reference! });
    await entry.locator('input[name="reference"]').fill(`BANK ${reference}`);
    await entry.getByRole("button", { name: "Record incoming wire" }).click();
    await admin.getByText("Wire recorded.").waitFor();
    await seller.goto(dealUrl);
    await seller.getByRole("button", { name: "Mark as shipped" }).click();
    await expect.poll(() => text(seller, "deal-status")).toBe("In transit");
    await admin.goto(dealUrl);
    await admin.locator('input[name="kg"]').fill("2000");
    await admin.getByRole("button", { name: "Record the received weight" }).click();
    await expect.poll(() => text(admin, "deal-status")).not.toBe("In transit");

    // The buyer disputes: the money is frozen.
    await buyer.goto(dealUrl);
    const open = buyer.getByRole("form", { name: "Open a dispute" });
    await open.locator('select[name="reason"]').selectOption("not_as_described");
    await open.locator('textarea[name="description"]').fill("Three modules are NMC, not LFP.");
    await open.getByRole("button", { name: "Open a dispute" }).click();
    await expect.poll(() => text(buyer, "deal-status")).toBe("Disputed");
    expect(await text(buyer, "dispute-status")).toBe("Open");

    // The seller proposes a partial refund of A$500.00; the buyer accepts it.
    await seller.goto(dealUrl);
    const propose = seller.getByRole("form", { name: "Propose an outcome" });
    await propose.locator('select[name="kind"]').selectOption("partial_refund");
    await propose.locator('input[name="amount"]').fill("500.00");
    await propose.getByRole("button", { name: "Propose" }).click();
    await seller.getByTestId("dispute-proposal").first().waitFor();

    await buyer.goto(dealUrl);
    await buyer.getByTestId("dispute-proposal").getByRole("button", { name: "Accept" }).click();
    await expect.poll(() => text(buyer, "deal-status")).toBe("Settled");
    for (const page of [buyer, seller]) {
      await page.goto(dealUrl);
      expect(await text(page, "deal-status")).toBe("Settled");
      expect(await text(page, "dispute-status")).toBe("Agreed");
      expect(await text(page, "money-held")).toBe("A$0.00");
      expect(await text(page, "money-refunded")).toBe("A$500.00");
    }
  });
});
