// A deal paid by manual bank transfer, in real browsers (issue 11): the demo fleet lists a
// fixed-price lot; the demo buyer sees the platform's commission before it asks to buy; the seller
// accepts, which opens the deal; the buyer finds it under Deals with the payment reference; the
// platform admin records the incoming wire at /admin/deals; seller and buyer both see "Funded" and
// the amounts, read from the ledger.
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

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

describe("a deal paid by bank transfer", () => {
  test("bought at a fixed price, the wire recorded by the admin: both parties see it funded and held", async () => {
    const title = unique("Deal LFP modules");
    const seller = browser.page;
    const lotId = await listFixedPriceLot(seller, title);

    const buyer = await browser.newPage();
    await login(buyer, DEMO_ACCOUNTS.buyer);
    await buyer.goto(`/lots/${lotId}`);
    expect(await text(buyer, "commission-note")).toMatch(
      /^Platform commission: \d+\.\d\d % of the final value/,
    );
    await buyer.locator('[data-testid="place-bid"]').click();
    await buyer.waitForURL(/bid=placed/);

    await seller.goto(`/lots/${lotId}`);
    await seller
      .locator('[data-testid="purchase-requests"] li')
      .getByRole("button", { name: "Accept" })
      .click();
    await seller.locator('[data-testid="award-confirmed"]').waitFor();

    // The buyer finds the deal waiting for it, with the reference to quote on its transfer.
    await buyer.goto("/deals");
    await buyer.getByRole("link", { name: "Deals", exact: true }).first().waitFor();
    const row = buyer.locator('[data-testid="deal-row"]', { hasText: title });
    await row.getByRole("link").first().click();
    await buyer.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
    const dealUrl = new URL(buyer.url()).pathname;
    expect(await text(buyer, "deal-status")).toBe("Awaiting payment");
    const reference = await text(buyer, "payment-reference");
    expect(reference).toMatch(/^PL-DL-\d{6}$/);
    expect(await text(buyer, "money-due")).toBe("A$8,500.00");
    expect(await text(buyer, "money-held")).toBe("A$0.00");

    // The admin records the wire as it arrived on the platform's account.
    const admin = await browser.newPage();
    await login(admin, DEMO_ACCOUNTS.admin);
    await admin.goto("/admin/deals");
    const entry = admin.locator('[data-testid="awaiting-deal"]', { hasText: reference! });
    await entry.locator('input[name="reference"]').fill(`BANK ${reference}`);
    await entry.getByRole("button", { name: "Record incoming wire" }).click();
    await admin.getByText("Wire recorded.").waitFor();
    await expect
      .poll(() => admin.locator('[data-testid="awaiting-deal"]', { hasText: reference! }).count())
      .toBe(0);

    for (const page of [buyer, seller]) {
      await page.goto(dealUrl);
      expect(await text(page, "deal-status")).toBe("Funded");
      expect(await text(page, "money-paid")).toBe("A$8,500.00");
      expect(await text(page, "money-held")).toBe("A$8,500.00");
      expect(await text(page, "money-released")).toBe("A$0.00");
      expect(await page.getByTestId("ledger-line").count()).toBe(1);
    }
    // The seller's next step: mark the lot as shipped.
    expect(await seller.getByRole("button", { name: "Mark as shipped" }).count()).toBe(1);
  });
});
