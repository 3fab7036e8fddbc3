// Reviews after settlement and the reliability badge, in a real browser (issue 13 item 3, ADR 036):
// a fixed-price lot is bought, paid, shipped, received and disputed, and the dispute's agreed
// partial refund settles the deal at once (the quickest way to a settled deal without waiting out
// an inspection window). The seller reviews the buyer: the buyer does not see it; the buyer
// reviews the seller: both see both, and the buyer's organisation page lists the seller's review.
// A facility page shows its reliability badge, and the facility map renders with the badges.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupBrowser, unique } from "./browser.ts";
import { dealText, receivedFixedPriceDeal } from "./fixed-price-deal.ts";

const browser = setupBrowser();

async function writeReview(page: Page, dealUrl: string, stars: number, words: string) {
  await page.goto(dealUrl);
  const form = page.getByTestId("review-form");
  await form.locator(`input[name="rating"][value="${stars}"]`).check();
  await form.locator('textarea[name="text"]').fill(words);
  await form.getByRole("button", { name: "Publish review" }).click();
  await page.getByTestId("review-form").waitFor({ state: "detached" });
}

describe("reviews and reliability", () => {
  test("double-blind reviews after a settled deal", async () => {
    const title = unique("Reviewed LFP modules");
    const { seller, buyer, dealUrl } = await receivedFixedPriceDeal(browser, title);

    // The buyer disputes: the money is frozen.
    await buyer.goto(dealUrl);
    const open = buyer.getByRole("form", { name: "Open a dispute" });
    await open.locator('select[name="reason"]').selectOption("not_as_described");
    await open.locator('textarea[name="description"]').fill("Three modules are NMC, not LFP.");
    await open.getByRole("button", { name: "Open a dispute" }).click();
    await expect.poll(() => dealText(buyer, "deal-status"), { timeout: 20_000 }).toBe("Disputed");
    expect(await dealText(buyer, "dispute-status")).toBe("Open");

    // The seller proposes a partial refund of A$500.00; the buyer accepts it.
    await seller.goto(dealUrl);
    const propose = seller.getByRole("form", { name: "Propose an outcome" });
    await propose.locator('select[name="kind"]').selectOption("partial_refund");
    await propose.locator('input[name="amount"]').fill("500.00");
    await propose.getByRole("button", { name: "Propose" }).click();
    await seller.getByTestId("dispute-proposal").first().waitFor();

    await buyer.goto(dealUrl);
    await buyer.getByTestId("dispute-proposal").getByRole("button", { name: "Accept" }).click();
    await expect.poll(() => dealText(buyer, "deal-status"), { timeout: 20_000 }).toBe("Settled");

    const sellerWords = unique("Paid at once, good communication");
    const buyerWords = unique("Modules as described after the refund");
    await writeReview(seller, dealUrl, 5, sellerWords);
    expect(await seller.getByTestId("deal-review").first().textContent()).toContain(sellerWords);
    // The buyer cannot see the seller's review before writing its own.
    await buyer.goto(dealUrl);
    await buyer.getByTestId("review-form").waitFor();
    expect(await buyer.getByTestId("deal-review").count()).toBe(0);
    expect(await buyer.content()).not.toContain(sellerWords);
    await writeReview(buyer, dealUrl, 4, buyerWords);
    for (const page of [buyer, seller]) {
      await page.goto(dealUrl);
      const reviews = (await page.getByTestId("deal-review").allTextContents()).join(" ");
      expect(reviews).toContain(sellerWords);
      expect(reviews).toContain(buyerWords);
    }
    // Published on the buyer's organisation page, linked from the review about it.
    await seller
      .getByTestId("deal-review")
      .filter({ hasText: sellerWords })
      .getByTestId("review-subject")
      .click();
    await seller.getByTestId("organization-page").waitFor();
    expect((await seller.getByTestId("organization-review").allTextContents()).join(" ")).toContain(
      sellerWords,
    );
  });

  test("a facility's reliability badge on its page and the map", async () => {
    const page = browser.page;
    await page.goto("/facilities");
    await page.locator("a[href^='/facilities/']").first().waitFor();
    const href = await page
      .locator("a[href^='/facilities/']")
      .evaluateAll((links) =>
        links.map((a) => a.getAttribute("href") ?? "").find((h) => /^\/facilities\/[0-9a-f-]{36}$/.test(h)),
      );
    expect(href).toBeTruthy();
    await page.goto(href!);
    const badge = page.getByTestId("reliability-badge").first();
    await badge.waitFor();
    expect(await badge.getAttribute("data-badge")).toMatch(/^(new|reliable|fair|poor)$/);
    expect(await badge.textContent()).toMatch(/n = \d+/);
    // The organisation page behind the facility shows its figures.
    await page.locator("p.lede a[href^='/organizations/']:not([data-testid=verification-badge])").click();
    await page.getByTestId("reputation").waitFor();
    expect(await page.getByTestId("reputation-dealsWithoutDispute").textContent()).toMatch(/n = \d+|of/);
    // The map: its data carries a badge per facility and the page renders without errors.
    const data = await page.evaluate(async () => (await fetch("/facilities/map-data")).json());
    expect(data.rb).toHaveLength(data.id.length);
    await page.goto("/facilities?view=map");
    await page.getByTestId("market-map").waitFor();
    await expect
      .poll(() => page.locator(".pl-market-map").getAttribute("data-facility-count"))
      .not.toBeNull();
  });
});
