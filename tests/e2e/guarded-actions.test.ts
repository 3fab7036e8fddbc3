// Matches that lead to action and guarded destructive actions (issue 15 items 6, 7 and a test of
// item 9), in real Chromium against the production server with the demo data: a recycler publishes
// a facility in Chile, posts a CLP-priced window for three months at once, is refused a second
// window for a taken month, and removes one window through a confirmation it first cancels; a seller's
// lot in Chile finds that facility under "Where this lot can go" with the CLP price and its US dollar
// value, and invites it to bid, which the recycler reads in its notifications. A seller withdraws
// an auction with bids: the confirmation (a step without JavaScript, a dialog with it) says how
// many bids are cancelled, cancelling changes nothing, confirming withdraws.
import { describe, expect, test } from "vitest";
import { lotBody } from "../fixtures/lots.ts";
import { DEMO_ACCOUNTS, login, newAccount, setupBrowser, signUp, unique } from "./browser.ts";

const browser = setupBrowser();

function monthFromNow(offset: number, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
}

describe("capacity windows and where a lot can go", () => {
  test("repeat for three months, a taken month refused, removal confirmed; a CLP window matched and invited", async () => {
    const recycler = browser.page;
    await login(recycler, DEMO_ACCOUNTS.recycler);
    await recycler.goto("/facilities/new");
    // "E2E …": the bookings test leaves such facilities alone.
    const name = unique("E2E Santiago Guard Works");
    await recycler.locator('input[name="name"]').fill(name);
    await recycler.locator('input[name="lat"]').fill("-33.45");
    await recycler.locator('input[name="lng"]').fill("-70.66");
    await recycler.locator('select[name="economy"]').selectOption("CL");
    await recycler.locator('input[name="processes"][value="mechanical"]').check();
    await recycler.locator('input[name="acceptedChemistries"][value="NMC811"]').check();
    await recycler.locator('input[name="acceptedForms"][value="pack"]').check();
    await recycler.locator('input[name="acceptedConditions"][value="intact"]').check();
    for (const [metal, value] of Object.entries({ Li: "90", Ni: "98", Co: "98", Mn: "95", Cu: "97" })) {
      await recycler.locator(`input[name="recovery${metal}Pct"]`).fill(value);
    }
    await recycler.getByRole("button", { name: "Publish facility" }).click();
    await recycler.waitForURL(/\/facilities\/[0-9a-f-]{36}\/capacity\?created=1$/);
    const facilityId = /\/facilities\/([0-9a-f-]{36})\//.exec(recycler.url())![1];

    // One post, three windows: next month and the two after it, priced in Chilean pesos.
    await recycler.locator('input[name="month"]').fill(monthFromNow(1));
    await recycler.locator('input[name="tonnes"]').fill("100");
    await recycler.locator('input[name="price"]').fill("2,500,000");
    await recycler.locator('select[name="currency"]').selectOption("CLP");
    await recycler.getByLabel("Payable (recycler pays)").check();
    await recycler.locator('input[name="repeatMonths"]').fill("3");
    await recycler.getByRole("button", { name: "Post capacity", exact: true }).click();
    await recycler.getByRole("status").filter({ hasText: "and the 2 months after it posted" }).waitFor();
    const rows = recycler.getByTestId("capacity-row");
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.evaluateAll((r) => r.map((e) => e.getAttribute("data-month")))).toEqual([
      monthFromNow(1),
      monthFromNow(2),
      monthFromNow(3),
    ]);
    // The form starts afresh after a post.
    expect(await recycler.locator('input[name="tonnes"]').inputValue()).toBe("");

    // A second window for a month that has one: refused on the month field, nothing written.
    await recycler.locator('input[name="month"]').fill(monthFromNow(2));
    await recycler.locator('input[name="tonnes"]').fill("5");
    await recycler.locator('input[name="price"]').fill("100");
    await recycler.getByLabel("Gate fee (seller pays)").check();
    await recycler.getByRole("button", { name: "Post capacity", exact: true }).click();
    await expect.poll(() => recycler.locator("#month-error").textContent()).toMatch(/already a window for/);
    expect(await recycler.locator('input[name="tonnes"]').inputValue()).toBe("5");
    await recycler.reload();
    await expect.poll(() => rows.count()).toBe(3);

    // Removing the third month's window: the dialog states the consequence; Cancel keeps it.
    const third = recycler.locator(`[data-testid="capacity-row"][data-month="${monthFromNow(3)}"]`);
    await third.getByRole("button", { name: "Remove" }).click();
    const dialog = recycler.locator("dialog[open]");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.getByTestId("confirm-consequence").textContent()).toContain("The 100 t offered for");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await recycler.reload();
    await expect.poll(() => rows.count()).toBe(3);
    await third.getByRole("button", { name: "Remove" }).click();
    await recycler.locator("dialog[open]").getByRole("button", { name: "Remove the window" }).click();
    await recycler.getByRole("status").filter({ hasText: "Capacity window removed." }).waitFor();
    await expect.poll(() => rows.count()).toBe(2);

    // A seller in Chile lists packs the facility takes.
    const seller = await browser.newPage();
    await signUp(seller, { ...newAccount("clp-seller"), economy: "CL" });
    const title = unique("Santiago packs");
    const created = await seller.request.post("/api/v1/lots", {
      data: lotBody({
        title,
        status: "open",
        chemistry: "NMC811",
        form: "pack",
        condition: "intact",
        massKg: 2500,
        location: { lat: -33.5, lng: -70.7 },
        // Priced in pesos: the net values (in US dollars) show the peso figure beside them.
        currency: "CLP",
        askingPrice: { amountMinor: 10_000_000, currency: "CLP" },
      }),
    });
    expect(created.status(), await created.text()).toBe(201);
    const lot = (await created.json()) as { id: string };

    // "Where this lot can go" lists the facility with its CLP price and the US dollar value of it.
    await seller.goto(`/lots/${lot.id}`);
    const match = seller.getByTestId("match-feasible").filter({ hasText: name });
    await match.waitFor({ state: "visible" });
    const terms = (await match.getByTestId("match-terms").textContent()) ?? "";
    expect(terms).toMatch(/CLP\s?2,500,000/);
    expect(terms).toMatch(/CLP\s?6,250,000\s≈\sUSD\s[\d,.]+/);
    expect(await match.getByTestId("net-in-lot-currency").textContent()).toMatch(
      /CLP.*in the lot's currency/,
    );

    // "Invite to bid" tells the recycler.
    await match.getByRole("button", { name: `Invite ${name} to bid` }).click();
    await seller.getByRole("status").filter({ hasText: "was invited to bid." }).waitFor();
    await recycler.goto("/notifications");
    await recycler
      .getByText(`Invitation to bid on `, { exact: false })
      .filter({ hasText: title })
      .first()
      .waitFor();

    // A second invitation is refused rather than sent twice.
    await seller.reload();
    await match.getByRole("button", { name: `Invite ${name} to bid` }).click();
    await seller.getByRole("alert").filter({ hasText: "already invited" }).waitFor();

    // Unlist the facility again, so that other tests' matches do not meet it.
    await recycler.goto(`/facilities/${facilityId}/edit`);
    await recycler.getByRole("button", { name: "Unlist facility" }).click();
    await recycler.getByRole("status").filter({ hasText: "unlisted" }).waitFor();
  }, 240_000);
});

describe("withdrawing a lot with bids", () => {
  test("the confirmation says how many bids are cancelled; cancelling keeps the lot, confirming withdraws", async () => {
    const seller = browser.page;
    await signUp(seller, { ...newAccount("withdraw-seller"), economy: "AU" });
    const created = await seller.request.post("/api/v1/lots", {
      data: lotBody({
        title: unique("Withdraw test packs"),
        status: "open",
        saleMode: "auction",
        askingPrice: null,
        startingPrice: { amountMinor: 500_000, currency: "USD" },
        closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      }),
    });
    expect(created.status(), await created.text()).toBe(201);
    const lot = (await created.json()) as { id: string };

    // Two bidders, three bids.
    const buyer = await browser.newPage();
    await login(buyer, DEMO_ACCOUNTS.buyer);
    const recycler = await browser.newPage();
    await login(recycler, DEMO_ACCOUNTS.recycler);
    for (const [bidder, amountMinor] of [
      [buyer, 500_000],
      [recycler, 600_000],
      [buyer, 700_000],
    ] as const) {
      const placed = await bidder.request.post(`/api/v1/lots/${lot.id}/bids`, {
        data: { amount: { amountMinor, currency: "USD" } },
      });
      expect(placed.status(), await placed.text()).toBe(201);
    }
    const status = async () =>
      ((await (await seller.request.get(`/api/v1/lots/${lot.id}`)).json()) as { status: string }).status;

    // Without JavaScript: the post comes back as a confirmation step; its Cancel changes nothing.
    const plain = await browser.newPage({ javaScriptEnabled: false });
    await plain.context().addCookies(await seller.context().cookies());
    await plain.goto(`/lots/${lot.id}`);
    await plain.getByRole("button", { name: "Withdraw" }).click();
    const step = plain.getByTestId("confirm-step");
    await step.waitFor({ state: "visible" });
    expect(await step.getByTestId("confirm-consequence").textContent()).toContain(
      "3 bids will be cancelled and their 2 bidders are told.",
    );
    await step.getByRole("link", { name: "Cancel" }).click();
    await plain.waitForURL(new RegExp(`/lots/${lot.id}$`));
    expect(await status()).toBe("open");

    // With JavaScript: a dialog; Cancel closes it and nothing is posted.
    await seller.goto(`/lots/${lot.id}`);
    await seller.getByRole("button", { name: "Withdraw" }).click();
    const dialog = seller.locator("dialog[open]");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.getByTestId("confirm-consequence").textContent()).toContain(
      "3 bids will be cancelled",
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await status()).toBe("open");

    // Confirmed, the lot is withdrawn and the bids with it.
    await seller.getByRole("button", { name: "Withdraw" }).click();
    await seller.locator("dialog[open]").getByRole("button", { name: "Withdraw the lot" }).click();
    await seller.getByRole("status").filter({ hasText: "Withdrawn." }).waitFor();
    expect(await status()).toBe("withdrawn");
    await buyer.goto("/notifications");
    await buyer.getByText("your bid is cancelled", { exact: false }).first().waitFor();
  }, 180_000);
});
