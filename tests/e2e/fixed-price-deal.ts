// The way to a received fixed-price deal, through the web UI, shared by the browser tests that
// carry one further (a dispute, reviews): the demo fleet lists 2 t of LFP modules at A$8,500, the
// demo buyer asks to buy, the seller accepts, a platform admin records the wire, the seller marks
// the deal shipped and the admin records the full weight received.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { type BrowserFixture, DEMO_ACCOUNTS, login } from "./browser.ts";

export const dealText = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent())?.trim();

export async function listFixedPriceLot(page: Page, title: string): Promise<string> {
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

/** Seller on the fixture's first page; returns the buyer's and admin's pages and the deal's path. */
export async function receivedFixedPriceDeal(browser: BrowserFixture, title: string) {
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
  const reference = await dealText(buyer, "payment-reference");

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
  await expect.poll(() => dealText(seller, "deal-status"), { timeout: 20_000 }).toBe("In transit");
  await admin.goto(dealUrl);
  await admin.locator('input[name="kg"]').fill("2000");
  await admin.getByRole("button", { name: "Record the received weight" }).click();
  await expect.poll(() => dealText(admin, "deal-status"), { timeout: 20_000 }).not.toBe("In transit");
  return { seller, buyer, admin, lotId, dealUrl };
}
