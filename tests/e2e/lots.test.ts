// Listing a lot end to end, in real Chromium against the production server with demo data: the demo
// fleet lists a lot by clicking its location on the map, publishes it with a document, sees it on
// its page and in "My lots", and reads it back from API v1 with the browser's session cookie.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser, unique } from "./browser.ts";

const browser = setupBrowser();

const PICKER = '[data-testid="location-picker"]';

async function coordinates(page: Page) {
  return {
    lat: Number(await page.locator("#field-lat").inputValue()),
    lng: Number(await page.locator("#field-lng").inputValue()),
  };
}

/**
 * Clicks the picker where `target` should be. The map's first view depends on its size and on the
 * organisation's economy (ADR 039), so the test zooms out to the whole world, clicks the centre and
 * 100 px east of it to learn where it is and at what scale, then moves by Web Mercator pixels.
 */
async function clickMapAt(page: Page, target: { lat: number; lng: number }) {
  const map = page.locator(PICKER);
  await map.locator(".leaflet-tile-pane, .leaflet-overlay-pane").first().waitFor({ state: "attached" });
  const box = (await map.boundingBox())!;
  const centre = { x: box.width / 2, y: box.height / 2 };
  const zoomOut = map.locator(".leaflet-control-zoom-out");
  while (!(await zoomOut.getAttribute("class"))?.includes("leaflet-disabled")) {
    await zoomOut.click();
    await page.waitForTimeout(300);
  }
  await map.click({ position: centre });
  await expect.poll(() => page.locator("#field-lat").inputValue()).not.toBe("");
  const origin = await coordinates(page);
  await map.click({ position: { x: centre.x + 100, y: centre.y } });
  await expect.poll(async () => (await coordinates(page)).lng).not.toBe(origin.lng);
  const east = await coordinates(page);
  const worldPx = (100 * 360) / ((((east.lng - origin.lng) % 360) + 360) % 360);
  const mercator = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const dLng = ((((target.lng - origin.lng + 540) % 360) + 360) % 360) - 180;
  const x = centre.x + (dLng / 360) * worldPx;
  const y = centre.y - ((mercator(target.lat) - mercator(origin.lat)) / (2 * Math.PI)) * worldPx;
  expect(x > 0 && x < box.width && y > 0 && y < box.height, `(${x}, ${y}) inside the map`).toBe(true);
  await map.click({ position: { x, y } });
  await expect.poll(async () => (await coordinates(page)).lat).not.toBe(origin.lat);
  return coordinates(page);
}

function inFiveDays(): string {
  return new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 16);
}

describe("listing a lot", () => {
  test("the demo fleet lists a lot by clicking the map, publishes it and reads it from the API", async () => {
    const { page } = browser;
    const title = unique("Outback NMC811 packs");
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.getByRole("link", { name: "List a lot" }).first().click();
    await page.waitForURL(/\/lots\/new$/);
    await page.locator(PICKER).waitFor({ state: "visible" });

    await page.locator("#field-title").fill(title);
    await page.locator("#field-chemistry").selectOption("NMC811");
    await page.locator("#field-form").selectOption("pack");
    await page.locator('input[name="condition"][value="intact"]').check();
    await page.locator("#field-count").fill("20");
    await page.locator("#field-massKg").fill("9,600");
    await page.locator("#field-stateOfHealthPct").fill("83");

    // Central Australia: a target far from any border, so the derived economy is certain.
    const point = await clickMapAt(page, { lat: -25, lng: 134 });
    expect(point.lat).toBeGreaterThan(-33);
    expect(point.lat).toBeLessThan(-17);
    expect(point.lng).toBeGreaterThan(124);
    expect(point.lng).toBeLessThan(144);
    await expect
      .poll(() => page.locator('#field-economy option[value=""]').textContent())
      .toBe("From the location: Australia");

    await page.locator('input[name="saleMode"][value="auction"]').check();
    await page.locator("#field-currency").selectOption("AUD");
    await page.locator("#field-startingPrice").fill("18,500.00");
    await page.locator("#field-reservePrice").fill("21,000");
    await page.locator("#field-closesAt").fill(inFiveDays());
    await page.locator("#field-doc_soh_report").setInputFiles({
      name: "soh-report.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n% state of health 83 %\n%%EOF\n"),
    });

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    // Central Australia may be more than 50 km from any town: the picker asks first (ADR 039).
    const question = page.getByRole("alertdialog");
    await Promise.race([page.waitForURL(/\/lots\/[0-9a-f-]{36}$/), question.waitFor()]);
    if (await question.isVisible())
      await question.getByRole("button", { name: "Save with this pin" }).click();
    await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
    const lotId = page.url().split("/").pop()!;

    await page.locator("h1").filter({ hasText: title }).waitFor();
    await expect.poll(() => page.locator(".lot-ref .status").textContent()).toBe("Open for bids");
    expect(await page.locator('[data-testid="un-number"]').textContent()).toBe("UN3480");
    expect(await page.locator('[data-testid="packing-instruction"]').textContent()).toBe("P909");
    expect(await page.locator('[data-testid="lot-coordinates"]').textContent()).toContain("Australia");
    expect(await page.locator('[data-testid="fact-sale"]').textContent()).toMatch(/reserve AUD\s21,000\.00/);
    await page.locator('[data-testid="point-map"]').waitFor({ state: "visible" });
    const documentLink = page.getByRole("link", { name: "soh-report.pdf" });
    await documentLink.waitFor();

    // The same browser session reads the lot from the API with its cookie.
    const fromApi = await page.evaluate(async (id) => {
      const response = await fetch(`/api/v1/lots/${id}`);
      return {
        status: response.status,
        type: response.headers.get("Content-Type"),
        body: await response.json(),
      };
    }, lotId);
    expect(fromApi.status).toBe(200);
    expect(fromApi.type).toMatch(/^application\/json/);
    expect(fromApi.body).toMatchObject({
      id: lotId,
      status: "open",
      title,
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      count: 20,
      massKg: 9600,
      energyKwh: null,
      stateOfHealthPct: 83,
      location: point,
      economy: "AU",
      saleMode: "auction",
      currency: "AUD",
      price: {
        starting: { amountMinor: 1_850_000, currency: "AUD" },
        reserve: { amountMinor: 2_100_000, currency: "AUD" },
        asking: null,
      },
      bidCount: 0,
      derived: { transport: { unNumber: "UN3480" }, routingHint: { code: "second_life" } },
    });
    expect(fromApi.body.sellerOrganizationId).toMatch(/^[0-9a-f-]{36}$/);

    const download = await page.evaluate(
      async (href) => {
        const response = await fetch(href);
        return {
          status: response.status,
          type: response.headers.get("Content-Type"),
          text: await response.text(),
        };
      },
      (await documentLink.getAttribute("href"))!,
    );
    expect(download).toMatchObject({ status: 200, type: "application/pdf" });
    expect(download.text).toContain("state of health 83");

    const search = await page.evaluate(
      async (q) => (await fetch(`/api/v1/lots?q=${encodeURIComponent(q)}`)).json(),
      title,
    );
    expect(search).toMatchObject({ total: 1, lots: [{ id: lotId }] });

    // The browse map's data carries it, at the clicked point (rounded to 3 decimals for the map).
    const mapData = await page.evaluate(
      async (q) => (await fetch(`/lots/map-data?q=${encodeURIComponent(q)}`)).json(),
      title,
    );
    expect(mapData.id).toEqual([lotId]);
    expect(mapData.lat[0]).toBeCloseTo(point.lat, 2);
    expect(mapData.lng[0]).toBeCloseTo(point.lng, 2);

    await page.goto("/lots/mine");
    await page
      .getByRole("link", { name: /^PL-\d{6}$/ })
      .first()
      .waitFor();
    expect(await page.locator('[data-testid="my-lots"]').textContent()).toContain(title);
  });

  test("a bad mass is refused beside its field and the typed values stay", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto("/lots/new");
    await page.locator("#field-title").fill("Too light packs");
    await page.locator("#field-chemistry").selectOption("LFP");
    await page.locator("#field-form").selectOption("pack");
    await page.locator('input[name="condition"][value="damaged"]').check();
    await page.locator("#field-count").fill("10");
    await page.locator("#field-massKg").fill("-50");
    await page.locator("#field-port").selectOption("NZ");
    await page.getByRole("button", { name: "Save draft", exact: true }).click();
    const error = page.locator("#massKg-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/more than 0 kg/);
    expect(await page.locator("#field-title").inputValue()).toBe("Too light packs");
    expect(await page.locator("#field-lat").inputValue()).not.toBe("");
  });
});
