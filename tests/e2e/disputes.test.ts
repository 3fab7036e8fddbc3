// A dispute settled by a partial refund, in a real browser (issue 11 item 6, ADR 026): a fixed-price
// lot is bought and paid by wire, shipped and received; the buyer disputes it on the deal page
// (the money freezes), the seller proposes a partial refund, the buyer accepts it, and both see
// the deal settled with the refund owed to the buyer — read from the ledger.
import { describe, expect, test } from "vitest";
import { setupBrowser, unique } from "./browser.ts";
import { dealText, receivedFixedPriceDeal } from "./fixed-price-deal.ts";

const browser = setupBrowser();

describe("a dispute", () => {
  test("opened by the buyer after receipt, settled by the seller's partial refund", async () => {
    const title = unique("Disputed LFP modules");
    const { seller, buyer, dealUrl } = await receivedFixedPriceDeal(browser, title);

    // The buyer disputes: the money is frozen.
    await buyer.goto(dealUrl);
    const open = buyer.getByRole("form", { name: "Open a dispute" });
    await open.locator('select[name="reason"]').selectOption("not_as_described");
    await open.locator('textarea[name="description"]').fill("Three modules are NMC, not LFP.");
    await open.getByRole("button", { name: "Open a dispute" }).click();
    await expect.poll(() => dealText(buyer, "deal-status")).toBe("Disputed");
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
    await expect.poll(() => dealText(buyer, "deal-status")).toBe("Settled");
    for (const page of [buyer, seller]) {
      await page.goto(dealUrl);
      expect(await dealText(page, "deal-status")).toBe("Settled");
      expect(await dealText(page, "dispute-status")).toBe("Agreed");
      expect(await dealText(page, "money-held")).toBe("AUD\u00a00.00");
      expect(await dealText(page, "money-refunded")).toBe("AUD\u00a0500.00");
    }
  });
});
