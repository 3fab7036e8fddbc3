// Facilities in real Chromium against the production server with the demo data: the demo recycler
// posts next month's capacity and finds it on the facility page and in the JSON API; a new facility
// is published through the form after a rejected first attempt.
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser, unique } from "./browser.ts";

const browser = setupBrowser();

function nextMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

interface ApiWindow {
  id: string;
  month: string;
  tonnes: number;
  bookedTonnes: number;
  pricePerTonne: { amountMinor: number; currency: string };
  priceKind: string;
  note: string | null;
}

describe("capacity", () => {
  test("the demo recycler posts next month's capacity and sees it on the page and in the API", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.recycler);

    // From the dashboard's recycler section to one of its facilities' capacity page.
    await page.getByRole("link", { name: "Post capacity" }).first().click();
    await page.waitForURL(/\/facilities\/[0-9a-f-]{36}\/capacity$/);
    const facilityId = /\/facilities\/([0-9a-f-]{36})\//.exec(page.url())![1];

    // The first month from next month on without a window is preselected (one window per month);
    // this test posts month +7, free of the seeded six months and of other tests' windows.
    const preselected = await page.locator('input[name="month"]').inputValue();
    expect(preselected >= nextMonth()).toBe(true);
    expect(await page.locator(`[data-testid="capacity-row"][data-month="${preselected}"]`).count()).toBe(0);
    const month = nextMonth(new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 6, 1)));
    await page.locator('input[name="month"]').fill(month);
    const note = unique("e2e window");
    const tonnes = (100 + Math.floor(Math.random() * 800) + 0.125).toFixed(3);
    await page.locator('input[name="tonnes"]').fill(tonnes);
    await page.locator('input[name="price"]').fill("1,234.50");
    await page.locator('select[name="currency"]').selectOption("USD");
    await page.getByLabel("Payable (recycler pays)").check();
    await page.locator('input[name="note"]').fill(note);
    await page.getByRole("button", { name: "Post capacity", exact: true }).click();
    await page.waitForURL(new RegExp(`/facilities/${facilityId}/capacity\\?posted=${month}$`));
    await page.getByRole("status").filter({ hasText: "posted" }).waitFor();

    // The public facility page lists it with the booked-vs-offered bar.
    await page.getByRole("link", { name: "See it on the facility page" }).click();
    await page.waitForURL(new RegExp(`/facilities/${facilityId}$`));
    const row = page.locator('[data-testid="capacity-row"]').filter({ hasText: note });
    await row.waitFor({ state: "visible" });
    const text = (await row.textContent()) ?? "";
    expect(text).toContain(
      `0 t booked of ${Number(tonnes).toLocaleString("en", { maximumFractionDigits: 3 })} t`,
    );
    // The price carries its ISO code, never "$" (ADRs 046, 051).
    expect(text).toMatch(/USD\s1,234\.50/);
    expect(text).not.toContain("$");
    expect(text).toMatch(/payable/);
    expect(await row.getAttribute("data-month")).toBe(month);
    await page.locator('[data-testid="point-map"] .leaflet-container').waitFor({ state: "visible" });

    // The API answers the same window to the logged-in session.
    const response = await page.request.get(`/api/v1/facilities/${facilityId}`);
    expect(response.status()).toBe(200);
    const facility = (await response.json()) as { id: string; capacity: ApiWindow[] };
    expect(facility.id).toBe(facilityId);
    const window = facility.capacity.find((w) => w.note === note);
    expect(window).toMatchObject({
      month,
      tonnes: Number(tonnes),
      bookedTonnes: 0,
      pricePerTonne: { amountMinor: 123_450, currency: "USD" },
      priceKind: "payable",
    });
  });
});

describe("publishing a facility", () => {
  test("a rejected form keeps what was typed and names the fields; the corrected one publishes", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.recycler);
    await page.goto("/dashboard");
    await page.getByRole("link", { name: "Publish a facility" }).click();
    await page.waitForURL(/\/facilities\/new$/);

    const name = unique("E2E Hydromet");
    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="lat"]').fill("35.5");
    await page.locator('input[name="lng"]').fill("129.3");
    await page.locator('select[name="economy"]').selectOption("KR");
    await page.locator('input[name="processes"][value="hydrometallurgy"]').check();
    await page.locator('input[name="acceptedChemistries"][value="NMC811"]').check();
    await page.locator('input[name="acceptedForms"][value="black_mass"]').check();
    // No condition ticked, and a recovery rate above 100 %.
    for (const [metal, value] of Object.entries({ Li: "90", Ni: "101", Co: "98", Mn: "95", Cu: "97" })) {
      await page.locator(`input[name="recovery${metal}Pct"]`).fill(value);
    }
    await page.getByRole("button", { name: "Publish facility" }).click();
    await page.locator("#acceptedConditions-error").waitFor({ state: "visible" });
    await page.locator("#recoveryNiPct-error").waitFor({ state: "visible" });
    expect(await page.locator('input[name="name"]').inputValue()).toBe(name);
    expect(await page.locator('input[name="processes"][value="hydrometallurgy"]').isChecked()).toBe(true);

    await page.locator('input[name="acceptedConditions"][value="intact"]').check();
    await page.locator('input[name="recoveryNiPct"]').fill("98.5");
    await page.getByRole("button", { name: "Publish facility" }).click();
    await page.waitForURL(/\/facilities\/[0-9a-f-]{36}\/capacity\?created=1$/);
    const facilityId = /\/facilities\/([0-9a-f-]{36})\//.exec(page.url())![1];

    await page.goto(`/facilities/${facilityId}`);
    await page.locator("h1").filter({ hasText: name }).waitFor();
    const api = await page.request.get(`/api/v1/facilities/${facilityId}`);
    expect(await api.json()).toMatchObject({
      name,
      economy: "KR",
      location: { lat: 35.5, lng: 129.3 },
      recoveryRatesPct: { li: 90, ni: 98.5, co: 98, mn: 95, cu: 97 },
      acceptedConditions: ["intact"],
      capacity: [],
    });

    // Unlist it again, so that other tests browsing the demo data do not meet it.
    await page.goto(`/facilities/${facilityId}/edit`);
    await page.getByRole("button", { name: "Unlist facility" }).click();
    await page.getByRole("status").filter({ hasText: "unlisted" }).waitFor();
    const search = await page.request.get(`/api/v1/facilities?q=${encodeURIComponent(name)}`);
    expect(await search.json()).toMatchObject({ facilities: [], total: 0 });
  });
});

describe("facility pages in the reader's language", () => {
  test("Accept-Language ko-KR: a visitor reads the facility page, its capacity prices with ISO codes", async () => {
    const page = await browser.newPage({ locale: "ko-KR" });
    // A visitor: the facilities come from the browse list (the JSON API needs a token).
    await page.goto("/facilities?view=list");
    const hrefs = await page
      .locator('a[href^="/facilities/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    const ids = [...new Set(hrefs)].filter((href) => /^\/facilities\/[0-9a-f-]{36}$/.test(href));
    let found: string | null = null;
    for (const id of ids) {
      await page.goto(id);
      if ((await page.getByTestId("capacity-row").count()) > 0) {
        found = id;
        break;
      }
    }
    expect(found, "a demo facility with posted capacity").not.toBeNull();
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    expect(await page.locator("#capacity-heading").textContent()).toBe("월별 처리 용량");
    expect(await page.locator("#certifications-heading").textContent()).toBe("인증 및 허가");
    const price = (await page.getByTestId("capacity-price").first().textContent()) ?? "";
    expect(price).toMatch(/^[A-Z]{3}\s?-?[\d,.]+$/);
    const row = (await page.getByTestId("capacity-row").first().textContent()) ?? "";
    expect(row).toMatch(/정산율|반입 처리비/);
    expect(row).toContain("예약됨");
  });

  test("a recycler reading Traditional Chinese manages capacity in it", async () => {
    const page = await browser.newPage({ locale: "zh-TW" });
    await login(page, DEMO_ACCOUNTS.recycler);
    const list = (await (await page.request.get("/api/v1/facilities?mine=1")).json()) as {
      facilities: { id: string; organization?: { id: string } }[];
    };
    await page.goto("/dashboard");
    const link = page.locator('a[href$="/capacity"]').first();
    await page.goto((await link.getAttribute("href")) ?? `/facilities/${list.facilities[0]?.id}/capacity`);
    expect(await page.locator("#windows-heading").textContent()).toBe("已發布的產能");
    expect(await page.locator("#booking-requests-heading").textContent()).toBe("預訂請求");
    expect(await page.locator("label[for=field-currency]").textContent()).toBe("幣種");
    // A rejected post comes back worded in Traditional Chinese.
    await page.locator('input[name="tonnes"]').fill("0");
    await page.getByRole("button", { name: "發布產能", exact: true }).click();
    await page.locator("#tonnes-error").filter({ hasText: "請提供超過 0 噸。" }).waitFor();
  });
});
