// Capacity booking end to end, in real Chromium against the production server with the demo data:
// the demo recycler posts a window; a newly signed-up seller books it for a fresh lot from the
// facility page, seeing the total; the recycler accepts on its capacity page; the window's booked
// tonnes rise by the lot's mass and the seller's /bookings shows it accepted; the lot page then tells
// a would-be buyer where the lot's tonnes are booked and what an award does to that (ADR 012).
import { describe, expect, test } from "vitest";
import { lotBody } from "../fixtures/lots.ts";
import { DEMO_ACCOUNTS, login, newAccount, setupBrowser, signUp, unique } from "./browser.ts";

const browser = setupBrowser();

interface ApiFacility {
  name: string;
  acceptedChemistries: string[];
  acceptedForms: string[];
  acceptedConditions: string[];
  capacity: { id: string; note: string | null; bookedTonnes: number }[];
}

describe("capacity bookings", () => {
  test("a seller books a window for its lot and the recycler accepts", async () => {
    const recycler = browser.page;
    await login(recycler, DEMO_ACCOUNTS.recycler);
    // A demo facility: the facilities test publishes and then unlists "E2E …" facilities in
    // parallel, and an unlisted facility is not shown to the seller.
    await recycler
      .locator("tr")
      .filter({ hasNotText: "E2E" })
      .getByRole("link", { name: "Post capacity" })
      .first()
      .click();
    await recycler.waitForURL(/\/facilities\/[0-9a-f-]{36}\/capacity$/);
    const facilityId = /\/facilities\/([0-9a-f-]{36})\//.exec(recycler.url())![1];
    const note = unique("e2e booking window");
    // Month +8: one window per facility and month, and the seed fills the next six.
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 8, 1))
      .toISOString()
      .slice(0, 7);
    await recycler.locator('input[name="month"]').fill(month);
    await recycler.locator('input[name="tonnes"]').fill("500");
    await recycler.locator('input[name="price"]').fill("200");
    await recycler.locator('select[name="currency"]').selectOption("USD");
    await recycler.getByLabel("Gate fee (seller pays)").check();
    await recycler.locator('input[name="note"]').fill(note);
    await recycler.getByRole("button", { name: "Post capacity", exact: true }).click();
    await recycler.getByRole("status").filter({ hasText: "posted" }).waitFor();
    const facility = (await (
      await recycler.request.get(`/api/v1/facilities/${facilityId}`)
    ).json()) as ApiFacility;

    // A new seller (its own organisation, so lots other tests list or import in parallel cannot
    // crowd its lot out of the booking form) lists a lot the facility takes: 2.5 t.
    const seller = await browser.newPage();
    await signUp(seller, { ...newAccount("booking-seller"), economy: "AU" });
    const title = unique("Booking test packs");
    const created = await seller.request.post("/api/v1/lots", {
      data: lotBody({
        title,
        // Published, so that other organisations see its page (below).
        status: "open",
        chemistry: facility.acceptedChemistries[0],
        // Packs when the facility takes them: black mass, say, carries no energy or health figures.
        form: facility.acceptedForms.includes("pack") ? "pack" : facility.acceptedForms[0],
        energyKwh: null,
        stateOfHealthPct: null,
        condition: facility.acceptedConditions[0],
        massKg: 2500,
        currency: "USD",
        askingPrice: { amountMinor: 1_000_000, currency: "USD" },
      }),
    });
    expect(created.status(), await created.text()).toBe(201);

    await seller.goto(`/facilities/${facilityId}`);
    const row = seller.locator('[data-testid="capacity-row"]').filter({ hasText: note });
    const lotSelect = row.getByLabel("Lot to book");
    const option = lotSelect.locator("option").filter({ hasText: title });
    await lotSelect.selectOption((await option.getAttribute("value")) ?? "");
    // 2.5 t at USD 200.00 per tonne, with its ISO code.
    await expect
      .poll(() => row.getByTestId("booking-total").textContent())
      // (the code and the figure are joined by a no-break space)
      .toMatch(/USD\s500\.00 gate fee you pay/);
    await row.getByRole("button", { name: "Book capacity" }).click();
    await seller.waitForURL(/\/bookings\?requested=/);
    const mine = seller.getByTestId("booking-row").filter({ hasText: title });
    await expect.poll(() => mine.getAttribute("data-status")).toBe("requested");

    // The recycler sees the request on its capacity page and accepts it.
    await recycler.goto(`/facilities/${facilityId}/capacity`);
    const incoming = recycler.getByTestId("booking-request").filter({ hasText: title });
    await incoming.getByRole("button", { name: "Accept" }).click();
    await recycler.getByRole("status").filter({ hasText: "accepted" }).waitFor();

    const after = (await (
      await recycler.request.get(`/api/v1/facilities/${facilityId}`)
    ).json()) as ApiFacility;
    expect(after.capacity.find((w) => w.note === note)?.bookedTonnes).toBe(2.5);
    await seller.reload();
    await expect.poll(() => mine.getAttribute("data-status")).toBe("accepted");

    // Another organisation (the recycler) opens the lot: its sale panel says where it is booked.
    const lot = (await created.json()) as { id: string };
    await recycler.goto(`/lots/${lot.id}`);
    const reservation = recycler.getByTestId("lot-reservation");
    await expect
      .poll(() => reservation.textContent())
      .toContain(`This lot's 2.5 t are booked at ${facility.name} for `);
    expect(await reservation.textContent()).toContain(
      "when the seller confirms an award to another facility or to a buyer without one, the booking is released.",
    );
  });
});
