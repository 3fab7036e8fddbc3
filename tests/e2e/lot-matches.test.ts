// "Where this lot can go" and "Lots you can take" end to end, as a visitor in real Chromium against
// the production server with the demo data: ranked facilities with their terms and the routes drawn
// on the map, and a demo facility's lots it can take.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

/** Detail-page links of a list page (/lots or /facilities), without repeats. */
async function detailLinks(page: Page, list: "lots" | "facilities"): Promise<string[]> {
  await page.goto(`/${list}`);
  const pattern = new RegExp(`^/${list}/[0-9a-f-]{36}$`);
  await page.locator(`a[href^="/${list}/"]`).first().waitFor();
  const hrefs = await page
    .locator(`a[href^="/${list}/"]`)
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((href) => pattern.test(href)))];
}

describe("where this lot can go", () => {
  test("a visitor sees ranked facilities with their terms and the routes on the map", async () => {
    const { page } = browser;
    const lots = await detailLinks(page, "lots");
    expect(lots.length).toBeGreaterThan(0);
    let found: string | null = null;
    for (const href of lots.slice(0, 12)) {
      await page.goto(href);
      await page.getByRole("heading", { name: "Where this lot can go" }).waitFor();
      if ((await page.getByTestId("match-feasible").count()) > 0) {
        found = href;
        break;
      }
    }
    expect(found, "a demo lot with at least one facility that can take it").not.toBeNull();
    const first = page.getByTestId("match-feasible").first();
    const terms = await first.getByTestId("match-terms").textContent();
    expect(terms).toMatch(/Freight/);
    expect(terms).toMatch(/Net to seller/);
    expect(terms).toMatch(/Metal value/);
    expect(await first.textContent()).toMatch(/UN\d{4}/);
    // The routes map draws one polyline per leg, coloured by mode.
    await page.getByTestId("routes-map").waitFor();
    await page.locator("path.pl-route-leg").first().waitFor({ state: "attached" });
    expect(await page.locator("path.pl-route-leg").count()).toBeGreaterThan(0);
    // Numbered as the list, on the same scale as /quote: marker 1 ends the first facility's route.
    const firstName = ((await first.locator('a[href^="/facilities/"]').first().textContent()) ?? "").trim();
    await expect
      .poll(() =>
        page.locator('[data-testid="routes-map"] .pl-route-rank:has([data-rank="1"])').getAttribute("title"),
      )
      .toBe(`1. ${firstName}`);
    // Facilities that cannot take it say why in sentences, without the API's codes.
    const blockers = await page.locator('[data-testid="infeasible-matches"] li li').allTextContents();
    for (const sentence of blockers) expect(sentence).not.toMatch(/[A-Z]{3,}_[A-Z_]+/);

    // Steering by CO2e reloads the ranking with the weights in the URL.
    await page.getByRole("link", { name: "Lowest CO2e" }).click();
    await page.waitForURL(/w_co2=1/);
    await page.getByTestId("match-feasible").first().waitFor();
    // The URL changes as the new ranking arrives; the inputs follow on the same render.
    await expect.poll(() => page.locator('input[name="w_co2"]').inputValue()).toBe("1");
  });
});

describe("lots you can take", () => {
  test("a visitor sees the lots a demo facility can take, each linking to its lot", async () => {
    const { page } = browser;
    const facilities = await detailLinks(page, "facilities");
    expect(facilities.length).toBeGreaterThan(0);
    let found = false;
    for (const href of facilities.slice(0, 12)) {
      await page.goto(href);
      await page.getByRole("heading", { name: "Lots you can take" }).waitFor();
      if ((await page.getByTestId("takeable-lot").count()) > 0) {
        found = true;
        break;
      }
    }
    expect(found, "a demo facility with at least one lot it can take").toBe(true);
    const first = page.getByTestId("takeable-lot").first();
    expect(await first.getByTestId("match-terms").textContent()).toMatch(/Net to seller/);
    await page.getByTestId("routes-map").waitFor();
    const link = first.locator('a[href^="/lots/"]').first();
    const href = await link.getAttribute("href");
    await link.click();
    await page.waitForURL(new RegExp(`${href}$`));
    await page.getByRole("heading", { name: "Where this lot can go" }).waitFor();
  });

  test("a recycler sees each lot's sale mode, price and time left, and Bid leads to the bid panel with its facility chosen", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.recycler);
    await page.goto("/dashboard");
    const own = await page
      .locator('a[href^="/facilities/"]:not([href$="/capacity"]):not([href$="/new"])')
      .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href") ?? ""))]);
    expect(own.length, "the demo recycler's facilities on its dashboard").toBeGreaterThan(0);
    let facilityHref: string | null = null;
    for (const href of own) {
      await page.goto(href);
      await page.getByRole("heading", { name: "Lots you can take" }).waitFor();
      if ((await page.getByTestId("takeable-action").filter({ hasText: /^Bid$/ }).count()) > 0) {
        facilityHref = href;
        break;
      }
    }
    expect(
      facilityHref,
      "a facility of the demo recycler that can take an open auction or tender",
    ).not.toBeNull();
    const facilityId = facilityHref!.split("/").at(-1)!;

    const row = page
      .getByTestId("takeable-lot")
      .filter({ has: page.getByTestId("takeable-action").filter({ hasText: /^Bid$/ }) })
      .first();
    expect(await row.getByTestId("sale-mode").textContent()).toMatch(/^(Auction|Sealed tender)$/);
    // The price with its ISO currency code (a tender without an opening price: none, sealed), and the
    // bid count beside it.
    expect(await row.getByTestId("sale-price").textContent()).toMatch(
      /^([A-Z]{3} [\d,.]+|Sealed until the close) · \d+ bids?$/,
    );
    expect(await row.getByTestId("time-left").textContent()).toMatch(
      /^\d+ (d \d+ h|h \d{2} min|min \d{2} s) left$/,
    );
    // The close in the viewer's zone, named (ADR 040).
    expect(await row.getByTestId("closes-at").textContent()).toMatch(/\d{4}, \d{2}:\d{2} (GMT|UTC)/);

    const bid = row.getByTestId("takeable-action");
    const target = await bid.getAttribute("href");
    expect(target).toMatch(new RegExp(`^/lots/[0-9a-f-]{36}\\?facility=${facilityId}#bidding$`));
    await bid.click();
    await page.waitForURL((url) => url.pathname === target!.split("?")[0] && url.hash === "#bidding");
    const panel = page.getByTestId("bid-panel");
    await panel.waitFor();
    // The facility the recycler came from is the one chosen in the bid form.
    expect(await panel.locator("#bid-facility").inputValue()).toBe(facilityId);
  });
});
