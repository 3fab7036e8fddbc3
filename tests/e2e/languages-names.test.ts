// Issue 14 in Chromium, names worded from codes (ADR 067): economies by APEC's naming in the page's
// language and sorted by its collation (the /lots filter, the table's "where" column), and the
// admin's factor names and units in Korean (days and km per day written by Intl). Born of a hunt
// for English on Japanese pages (every demo role, the main pages; the findings outside these areas
// are listed in ADR 067). The fixture fails on console errors, so a hydration mismatch between the
// server's names and the browser's first render fails too.
import { describe, expect, test } from "vitest";
import { economiesSortedIn } from "~/domain/economy-names.ts";
import { DEMO_ACCOUNTS, login, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

const ENGLISH_ECONOMIES = /Chinese Taipei|Hong Kong, China|Korea|Australia|United States|Japan\b|Viet Nam/;

describe("economy names in the page's language", () => {
  test("Japanese /lots: the economy filter by APEC's naming in Japanese order, the table's economies in Japanese", async () => {
    const page = await browser.newPage({ locale: "ja-JP" });
    await page.goto("/lots?view=list");
    const labels = await page
      .locator('input[name="economy"]')
      .evaluateAll((all) => all.map((input) => (input.parentElement?.textContent ?? "").trim()));
    expect(labels).toEqual(economiesSortedIn("ja").map((e) => e.name));
    expect(labels).toContain("チャイニーズ・タイペイ");
    expect(labels).toContain("中国香港");
    expect(labels.join(" ")).not.toMatch(/台湾|特別行政区/);
    const where = await page
      .locator('td[data-label="場所"]')
      .evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent ?? ""));
    expect(where.length).toBeGreaterThan(0);
    for (const name of where) expect(name).not.toMatch(ENGLISH_ECONOMIES);
  });

  test.each([
    ["th-TH", "th"],
    ["vi-VN", "vi"],
    ["ko-KR", "ko"],
    ["es-CL", "es"],
    ["zh-CN", "zh-Hans"],
    ["id-ID", "id"],
  ] as const)(
    "%s /lots: the filter sorted as the language sorts, with no hydration mismatch",
    async (locale, code) => {
      const page = await browser.newPage({ locale });
      await page.goto("/lots?view=list");
      // Hydrated: the browser's collation gave the same order as the server's, else React would log.
      await page.locator(".language-switcher[data-ready=true]").waitFor();
      const labels = await page
        .locator('input[name="economy"]')
        .evaluateAll((all) => all.map((input) => (input.parentElement?.textContent ?? "").trim()));
      expect(labels).toEqual(economiesSortedIn(code).map((e) => e.name));
    },
  );

  test("Traditional Chinese /facilities: 中華台北 and 中國香港 in the filter", async () => {
    const page = await browser.newPage({ locale: "zh-TW" });
    await page.goto("/facilities?view=list");
    const labels = await page
      .locator('input[name="economy"]')
      .evaluateAll((all) => all.map((input) => (input.parentElement?.textContent ?? "").trim()));
    expect(labels).toEqual(economiesSortedIn("zh-Hant").map((e) => e.name));
    expect(labels).toEqual(expect.arrayContaining(["中華台北", "中國香港", "韓國"]));
  });
});

describe("factor names and units in the page's language", () => {
  test("Korean /admin/factors: names and units worded from the keys, days and km per day by Intl", async () => {
    const page = await browser.newPage({ locale: "ko-KR" });
    await login(page, DEMO_ACCOUNTS.admin);
    await page.goto("/admin/factors");
    const row = (key: string) => page.locator(`tr[data-key="${key}"]`);
    expect(await row("freight.road.cents_per_1000_tkm").locator("td").first().textContent()).toContain(
      "도로 운임",
    );
    expect(await row("emission.deep_sea.g_per_tkm").locator("td").first().textContent()).toContain(
      "원양 컨테이너선 배출량",
    );
    expect(await row("primary_production.Ni.g_co2e_per_kg").locator("td").first().textContent()).toContain(
      "니켈",
    );
    expect(await row("fx.KRW_per_USD").locator("td").first().textContent()).toContain("미국 달러당 KRW");
    // The unit column: the catalogue's words, or Intl's for days and km per day.
    const unit = async (key: string) => ((await row(key).locator("td").nth(2).textContent()) ?? "").trim();
    expect(await unit("port.handling.cents_per_teu")).toBe("TEU당 미국 센트");
    const intlDays = new Intl.NumberFormat("ko-KR", { style: "unit", unit: "day", unitDisplay: "short" })
      .formatToParts(2)
      .filter((p) => p.type === "unit" || p.type === "literal")
      .map((p) => p.value)
      .join("")
      .trim();
    expect(await unit("port.dwell_days")).toBe(intlDays);
    expect(await unit("speed.sea.km_per_day")).toMatch(/^km\/일$/);
    // Every row's name and unit (the sources are citations, kept as their authors wrote them).
    const words = await page
      .locator("tr[data-key]")
      .evaluateAll((rows) =>
        (rows as HTMLTableRowElement[]).map(
          (row) => `${row.cells[0]?.firstChild?.textContent ?? ""} | ${row.cells[2]?.textContent ?? ""}`,
        ),
      );
    expect(words.length).toBeGreaterThan(40);
    for (const line of words)
      expect(line).not.toMatch(/freight rate|US cents|tonne-km|emissions|\bper\b|\bdays\b/);
  });
});
