// The bid panel never contradicts itself, and times are the viewer's (issue 15, items 3 and 4;
// ADR 040), in real browsers in a non-UTC zone (Chromium's timezoneId):
// - a seller in Seoul types a close time in Seoul time; it is stored as the right UTC instant and
//   shown back in Seoul time on the lot page and in the edit form;
// - a buyer whose bid is refused, then accepted, sees only the success: no leftover error, empty
//   inputs; as the leader it is told its maximum and asked to raise it, not "at least X+1".
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser, unique } from "./browser.ts";

const browser = setupBrowser();
const SEOUL = "Asia/Seoul"; // UTC+9 all year: the expected instant is plain arithmetic

/** A day `days` ahead at 09:00 in Seoul: the datetime-local text and the UTC instant it means. */
function seoulNineAm(days: number): { local: string; utc: string } {
  const inSeoul = new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const utc = new Date(Date.parse(`${inSeoul}T09:00:00+09:00`)).toISOString();
  return { local: `${inSeoul}T09:00`, utc };
}

async function listAuction(page: Page, closesAt: string): Promise<string> {
  await page.goto("/lots/new");
  await page.locator("#field-title").fill(unique("Seoul-time NMC packs"));
  await page.locator("#field-chemistry").selectOption("NMC811");
  await page.locator("#field-form").selectOption("pack");
  await page.locator('input[name="condition"][value="intact"]').check();
  await page.locator("#field-count").fill("10");
  await page.locator("#field-massKg").fill("4,000");
  await page.locator("#field-port").selectOption("AU");
  await page.locator('input[name="saleMode"][value="auction"]').check();
  await page.locator("#field-currency").selectOption("AUD");
  await page.locator("#field-startingPrice").fill("10,000.00");
  await page.locator("#field-closesAt").fill(closesAt);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

describe("the bid panel in the viewer's time zone", () => {
  test("a close time typed in Seoul is stored in UTC and shown back in Seoul time", async () => {
    const seller = await browser.newPage({ timezoneId: SEOUL });
    await login(seller, DEMO_ACCOUNTS.fleet);
    await seller.goto("/lots/new");
    // The form names the zone the time is read in.
    expect(await seller.locator('label[for="field-closesAt"]').textContent()).toContain(SEOUL);
    const close = seoulNineAm(3);
    const lotId = await listAuction(seller, close.local);

    // Stored as the UTC instant 09:00 in Seoul is (the <time> carries it)…
    expect(await seller.getByTestId("closes-at").getAttribute("datetime")).toBe(close.utc);
    // …and shown in Seoul time, the zone named, in the panel and the lot's facts.
    expect(await seller.getByTestId("closes-at").textContent()).toMatch(/, 09:00:00 GMT\+9$/);
    expect(await seller.getByTestId("lot-closes-at").textContent()).toMatch(/, 09:00 GMT\+9$/);
    // The edit form shows the same wall-clock time back.
    await seller.goto(`/lots/${lotId}/edit`);
    expect(await seller.locator("#field-closesAt").inputValue()).toBe(close.local);
  });

  test("a bid after a refused bid shows only the success; the leader is told its maximum", async () => {
    const seller = await browser.newPage({ timezoneId: SEOUL });
    await login(seller, DEMO_ACCOUNTS.fleet);
    const lotId = await listAuction(seller, seoulNineAm(2).local);

    const buyer = await browser.newPage({ timezoneId: SEOUL });
    await login(buyer, DEMO_ACCOUNTS.buyer);
    await buyer.goto(`/lots/${lotId}`);
    // Below the starting price: refused, said once, beside the amount, which takes the focus.
    await buyer.locator("#bid-amount").fill("9,000");
    await expect
      .poll(() => buyer.getByTestId("amount-preview").textContent())
      .toMatch(/^= AUD 9,000\.00 ≈ USD /);
    await buyer.getByTestId("place-bid").click();
    const error = buyer.locator("#bid-amount-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/at least AUD 10,000\.00/);
    expect(await buyer.getByTestId("bid-error").count()).toBe(0); // no banner repeating it
    await expect.poll(() => buyer.evaluate(() => document.activeElement?.id)).toBe("bid-amount");

    // Then a bid that is taken, with a maximum.
    await buyer.locator("#bid-amount").fill("10,000");
    await buyer.locator("#bid-max").fill("12,500");
    await buyer.getByTestId("place-bid").click();
    await buyer.waitForURL(/bid=placed/);
    await buyer.getByTestId("bid-flash").waitFor();
    expect(await buyer.getByTestId("bid-flash").textContent()).toBe("Your bid was placed.");
    await expect.poll(() => buyer.locator("#bid-amount-error").count()).toBe(0);
    expect(await buyer.getByTestId("bid-error").count()).toBe(0);
    expect(await buyer.locator(".bid-form [role=alert]").count()).toBe(0);
    expect(await buyer.locator("#bid-amount").inputValue()).toBe("");
    expect(await buyer.locator("#bid-max").inputValue()).toBe("");
    expect(await buyer.getByTestId("your-status").textContent()).toBe("You are leading.");
    expect(await buyer.getByTestId("minimum-bid").textContent()).toBe(
      "You lead; your maximum is AUD\u00a012,500.00; raise it?",
    );
    // The ladder says what the bid did.
    expect(await buyer.getByTestId("ladder-note").first().textContent()).toBe("Opening bid.");
  });
});
