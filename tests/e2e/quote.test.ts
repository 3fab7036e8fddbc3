// The public instant quote in real Chromium against the production server with the demo data: a
// visitor without an account finds it from the home page, places the lot on the map, fills the form
// and gets the demo facilities ranked, feasible ones first with their net value term by term, and
// the best routes drawn on the map, one polyline per leg. Then the quote leads to action (issue 15
// item 6): blockers read as sentences without the API's codes, facility names link to their pages,
// the routes on the map carry their rows' numbers, and "List this lot" opens the listing form
// prefilled with the quote (after logging in), without submitting it.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { BLOCKER_CODES } from "~/domain/matching/types.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

/** Fills /quote (already open) for 12.5 t of intact NMC811 packs at a depot in Melbourne. */
async function fillMelbournePacks(page: Page) {
  await page.locator("#field-lat").fill("-37.81");
  await page.locator("#field-lng").fill("144.96");
  await page.locator("#field-economy").selectOption("AU");
  await page.locator("#field-chemistry").selectOption("NMC811");
  await page.locator("#field-form").selectOption("pack");
  await page.locator("#field-condition").selectOption("intact");
  await page.locator("#field-massKg").fill("12500");
}

/** Quotes 12.5 t of intact NMC811 packs at a depot in Melbourne. */
async function quoteMelbournePacks(page: Page) {
  await page.goto("/quote");
  await fillMelbournePacks(page);
  await page.locator("#field-stateOfHealthPct").fill("62");
  await page.getByRole("button", { name: "Get the quote" }).click();
  await page.getByTestId("quote-match").first().waitFor();
}

describe("instant quote", () => {
  test("a visitor describes a lot and sees ranked facilities and a route on the map", async () => {
    const { page } = browser;
    await page.goto("/");
    await page.getByTestId("home-quote-link").click();
    await page.waitForURL(/\/quote$/);

    // A click on the map places the lot and fills the coordinates and the economy.
    const picker = page.locator(".leaflet-container").first();
    await picker.waitFor({ state: "visible" });
    await picker.click({ position: { x: 300, y: 150 } });
    await expect.poll(() => page.locator("#field-lat").inputValue()).not.toBe("");

    // Then the exact depot is typed: Melbourne, Victoria.
    await page.locator("#field-lat").fill("-37.81");
    await page.locator("#field-lng").fill("144.96");
    await page.locator("#field-economy").selectOption("AU");
    await page.locator("#field-chemistry").selectOption("NMC811");
    await page.locator("#field-form").selectOption("pack");
    await page.locator("#field-condition").selectOption("intact");
    await page.locator("#field-massKg").fill("12500");
    await page.locator("#field-stateOfHealthPct").fill("62");
    await page.getByRole("button", { name: "Get the quote" }).click();

    const matches = page.getByTestId("quote-match");
    await matches.first().waitFor();
    const feasibility = await matches.evaluateAll((items) =>
      items.map((i) => i.getAttribute("data-feasible")),
    );
    expect(feasibility.length).toBeGreaterThan(1);
    expect(feasibility[0]).toBe("true");
    // Feasible first: once one is blocked, all after it are.
    const firstBlocked = feasibility.indexOf("false");
    if (firstBlocked >= 0) expect(feasibility.slice(firstBlocked).every((f) => f === "false")).toBe(true);

    // The best facility's breakdown: every term down to the net value, and the papers.
    const best = matches.first();
    await expect.poll(() => best.locator(".quote-terms").textContent()).toContain("= Net value to you");
    expect(await best.textContent()).toMatch(/UN3480/);
    expect(await best.textContent()).toMatch(/Dangerous goods declaration/);

    // Routes on the map: polylines per leg, coloured by mode.
    const routeMap = page.locator('[data-testid="routes-map"] .leaflet-container');
    await routeMap.waitFor({ state: "visible" });
    await expect
      .poll(() => page.locator('[data-testid="routes-map"] path.pl-route-leg').count())
      .toBeGreaterThan(0);

    // A mistake is answered field by field, keeping what was typed.
    await page.locator("#field-massKg").fill("");
    await page.getByRole("button", { name: "Get the quote" }).click();
    await page.locator("#massKg-error").waitFor();
    expect(await page.locator("#field-chemistry").inputValue()).toBe("NMC811");
  });

  test("blockers read as sentences, names link, routes are numbered, and the lot can be listed", async () => {
    const { page } = browser;
    await quoteMelbournePacks(page);
    const matches = page.getByTestId("quote-match");

    // Blocked facilities (China takes no waste batteries, among others) say why in sentences that
    // name the facility, never the API's codes.
    const blocked = page.locator('[data-testid="quote-match"][data-feasible="false"]');
    expect(await blocked.count()).toBeGreaterThan(0);
    const explained = await blocked.evaluateAll((items) =>
      items.map((item) => ({
        name: item.querySelector('[data-testid="quote-facility-link"]')?.textContent?.trim() ?? "",
        sentences: [...item.querySelectorAll('[data-testid="blocker-sentences"] li')].map(
          (li) => li.textContent?.trim() ?? "",
        ),
      })),
    );
    for (const { name, sentences } of explained) {
      expect(sentences.length, name).toBeGreaterThan(0);
      for (const sentence of sentences) {
        expect(sentence).toMatch(/^\S.*\.$/);
        // Each names the facility, or (a border) the economies between which the lot may not go.
        if (!sentence.includes(name)) expect(sentence).toMatch(/from Australia to \S/);
      }
    }
    const resultsText = (await page.getByTestId("quote-results").textContent()) ?? "";
    for (const code of BLOCKER_CODES) expect(resultsText).not.toContain(code);
    expect(await page.locator('[data-testid="quote-results"] code').count()).toBe(0);

    // Every facility's name links to its page.
    const links = matches.getByTestId("quote-facility-link");
    expect(await links.count()).toBe(await matches.count());
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      expect(href).toMatch(/^\/facilities\/[^/]+$/);
    }

    // The routes on the map are numbered as the rows: marker n ends the route of row n.
    const feasible = page.locator('[data-testid="quote-match"][data-feasible="true"]');
    const onMap = Math.min(5, await feasible.count());
    expect(onMap).toBeGreaterThan(0);
    const markers = page.locator('[data-testid="routes-map"] .pl-route-rank');
    await expect.poll(() => markers.count()).toBe(onMap);
    const ranks = await markers.evaluateAll((ms) =>
      ms.map((m) => [m.textContent?.trim(), m.getAttribute("title")] as const),
    );
    const rows = await Promise.all(
      Array.from({ length: onMap }, async (_, i) => [
        ((await feasible.nth(i).getByTestId("quote-rank").textContent()) ?? "").trim(),
        ((await feasible.nth(i).getByTestId("quote-facility-link").textContent()) ?? "").trim(),
      ]),
    );
    expect([...ranks].sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      rows.map(([rank, name], i) => {
        expect(rank).toBe(`${i + 1}.`);
        return [String(i + 1), `${i + 1}. ${name}`];
      }),
    );

    // "List this lot": a visitor logs in and lands on the listing form filled in from the quote.
    await page.getByTestId("list-this-lot").click();
    await page.waitForURL(/\/login\?redirectTo=/);
    await page.locator('input[name="email"]').fill(DEMO_ACCOUNTS.fleet);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page
      .locator('form:has([name="password"])')
      .getByRole("button", { name: "Log in", exact: true })
      .click();
    await page.waitForURL(/\/lots\/new\?/);
    await page.locator("#field-chemistry").waitFor();
    expect(await page.locator("#field-chemistry").inputValue()).toBe("NMC811");
    expect(await page.locator("#field-form").inputValue()).toBe("pack");
    expect(await page.locator('input[name="condition"][value="intact"]').isChecked()).toBe(true);
    expect(await page.locator("#field-massKg").inputValue()).toBe("12500");
    expect(await page.locator("#field-stateOfHealthPct").inputValue()).toBe("62");
    expect(await page.locator("#field-lat").inputValue()).toBe("-37.81");
    expect(await page.locator("#field-lng").inputValue()).toBe("144.96");
    expect(await page.locator("#field-economy").inputValue()).toBe("AU");
    // Nothing was submitted: the form waits for the seller, without errors.
    expect(await page.locator(".form-error").count()).toBe(0);
    expect(page.url()).toMatch(/\/lots\/new\?/);
  });
});

describe("instant quote in the reader's language", () => {
  test("Accept-Language ko-KR: the form, the terms and the amounts with their ISO codes", async () => {
    const page = await browser.newPage({ locale: "ko-KR" });
    await page.goto("/quote");
    expect(await page.title()).toBe("즉시 견적 · Packloop");
    expect((await page.locator("h1").textContent())?.trim()).toBe("즉시 견적");
    await fillMelbournePacks(page);
    await page.getByRole("button", { name: "견적 받기" }).click();
    await page.getByTestId("quote-match").first().waitFor();
    expect(await page.locator("#quote-results-heading").textContent()).toBe("이 로트를 보낼 수 있는 곳");
    const best = page.locator('[data-testid="quote-match"][data-feasible="true"]').first();
    const terms = (await best.locator(".quote-terms").textContent()) ?? "";
    expect(terms).toContain("= 귀하의 순가치");
    expect(terms).toMatch(/USD\s?-?[\d,]+/);
    expect(terms).not.toContain("$");
  });
});
