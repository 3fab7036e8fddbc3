// The map picker's gazetteer (issue 15, ADR 039), in real Chromium against the production server:
// type a few letters, pick a suggestion, the pin moves there and the saved lot has its
// coordinates; a pin in the sea, or dragged far from the place searched for, is questioned first.
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

async function findPlace(page: Page, letters: string, suggestion: RegExp) {
  const search = page.getByRole("combobox", { name: "Find a place" });
  await search.fill(letters);
  const option = page.getByRole("option", { name: suggestion }).first();
  await option.waitFor();
  await option.click();
}

describe("the map picker finds places", () => {
  test("a seller types a few letters, picks Valparaíso, and the saved lot is there", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto("/lots/new");
    const picker = page.locator(PICKER);
    await picker.waitFor({ state: "visible" });

    // The picker opens on the organisation's economy (the demo fleet is in the United States), and
    // the offline base map writes economy names on itself.
    expect(await picker.getAttribute("data-opened-on")).toBe("US");
    await picker.locator(".pl-map-label-economy", { hasText: "United States" }).first().waitFor();
    // Placeholders say the format, never another city's coordinates.
    expect(await page.locator("#field-lat").getAttribute("placeholder")).toMatch(/−90 to 90/);

    await findPlace(page, "valpar", /^Valparaíso · Chile/);
    await expect.poll(async () => (await coordinates(page)).lat).toBeCloseTo(-33.04, 2);
    const point = await coordinates(page);
    expect(point.lng).toBeCloseTo(-71.63, 2);
    expect(await page.locator("#field-locationLabel").inputValue()).toBe("Valparaíso");
    // The pin is drawn where the place is, and the nearest town is named under the map.
    await picker.locator(".pl-pin").waitFor();
    await expect
      .poll(() => page.getByTestId("nearest-place").textContent())
      .toMatch(/Nearest town or port in Chile: Valparaíso, under 1 km/);

    const title = unique("Valparaíso LFP modules");
    await page.locator("#field-title").fill(title);
    await page.locator("#field-chemistry").selectOption("LFP");
    await page.locator("#field-form").selectOption("module");
    await page.locator('input[name="condition"][value="intact"]').check();
    await page.locator("#field-count").fill("40");
    await page.locator("#field-massKg").fill("1200");
    await page.getByRole("button", { name: "Save draft", exact: true }).click();
    await page.waitForURL(/\/lots\/[0-9a-f-]{36}$/);
    const lotId = page.url().split("/").pop()!;

    const fromApi = await page.evaluate(async (id) => (await fetch(`/api/v1/lots/${id}`)).json(), lotId);
    expect(fromApi).toMatchObject({ id: lotId, title, location: point, economy: "CL" });
  });

  test("a pin in the sea, or far from the place searched for, is questioned before saving", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.recycler);
    await page.goto("/facilities/new");
    await page.locator(PICKER).waitFor({ state: "visible" });

    const name = unique("E2E Pacific Hydromet");
    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="processes"][value="hydrometallurgy"]').check();
    await page.locator('input[name="acceptedChemistries"][value="NMC811"]').check();
    await page.locator('input[name="acceptedForms"][value="black_mass"]').check();
    await page.locator('input[name="acceptedConditions"][value="intact"]').check();
    for (const [metal, value] of Object.entries({ Li: "90", Ni: "98", Co: "98", Mn: "95", Cu: "97" })) {
      await page.locator(`input[name="recovery${metal}Pct"]`).fill(value);
    }

    // Mid-Pacific, said to be in Japan: questioned, and nothing is saved.
    await page.locator("#field-lat").fill("30");
    await page.locator("#field-lng").fill("-160");
    await page.locator("#field-economy").selectOption("JP");
    await page.getByRole("button", { name: "Publish facility" }).click();
    const question = page.getByRole("alertdialog");
    await question.waitFor();
    expect(await question.textContent()).toMatch(
      /more than 500 km from any town or port in Japan: is it in the sea\?/,
    );
    expect(page.url()).toMatch(/\/facilities\/new$/);
    await question.getByRole("button", { name: "Move the pin" }).click();
    await question.waitFor({ state: "detached" });

    // Osaka from the search, then the longitude typed a degree east (~90 km): questioned again.
    await findPlace(page, "osak", /^Osaka · Japan/);
    await expect.poll(async () => (await coordinates(page)).lat).toBeCloseTo(34.69, 1);
    const osaka = await coordinates(page);
    const moved = { lat: osaka.lat, lng: Math.round((osaka.lng + 1) * 1e5) / 1e5 };
    await page.locator("#field-lng").fill(String(moved.lng));
    await page.getByRole("button", { name: "Publish facility" }).click();
    await question.waitFor();
    expect(await question.textContent()).toMatch(
      /The pin is 9\d km from Osaka, the place you searched for\./,
    );
    await question.getByRole("button", { name: "Save with this pin" }).click();

    await page.waitForURL(/\/facilities\/[0-9a-f-]{36}\/capacity\?created=1$/);
    const facilityId = /\/facilities\/([0-9a-f-]{36})\//.exec(page.url())![1];
    const api = await page.request.get(`/api/v1/facilities/${facilityId}`);
    expect(await api.json()).toMatchObject({ name, economy: "JP", location: moved });
  });
});
