// /insights in real Chromium against the production server with the demo data: an anonymous
// visitor (no log-in) opens it from the header, on a desktop and on a 390 px phone, and sees the
// totals, every chart as server-rendered SVG beside its table, and the flow map drawn by Leaflet on
// the offline base layer — with no console error (a hydration mismatch would be one) and no page
// wider than the screen. The filters change the URL; a CSV downloads.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { setupBrowser, url } from "./browser.ts";
import { RESULTS_DIR } from "./global-setup.ts";

const browser = setupBrowser();

const CHARTS = ["monthly", "economy", "chemistry", "capacity", "recovery", "days"];

describe("/insights", () => {
  for (const device of [
    { name: "desktop", viewport: { width: 1280, height: 900 } },
    { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  ]) {
    test(`renders its charts, tables and flow map on a ${device.name}, without console errors`, async () => {
      const page = await browser.newPage({
        viewport: device.viewport,
        isMobile: device.isMobile,
        hasTouch: device.hasTouch,
      });
      await page.goto(url("/"));
      if (device.name === "desktop") {
        await page.getByRole("link", { name: "Insights", exact: true }).click();
        await page.waitForURL(/\/insights$/);
      } else {
        await page.goto(url("/insights"));
      }
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Market insights");
      await expect
        .poll(() => page.getByRole("link", { name: "Price index" }).getAttribute("href"))
        .toBe("/insights/price-index");
      // The demo has listed lots from many sellers: the region's listed total is published.
      const totals = (await page.getByTestId("insight-totals").textContent()) ?? "";
      expect(totals).toMatch(/[\d,.]+ t\s*listed/);

      for (const id of CHARTS) {
        const section = page.getByTestId(`insight-${id}`);
        const svg = section.locator("svg.chart-svg");
        expect(await svg.count(), id).toBe(1);
        expect(await svg.getAttribute("viewBox"), id).toMatch(/^0 0 640 \d+$/);
        const box = await svg.boundingBox();
        expect(box?.width ?? 0, id).toBeGreaterThan(200);
        expect(box?.width ?? 0, id).toBeLessThanOrEqual(device.viewport.width);
        expect(await section.locator("table tbody tr").count(), id).toBeGreaterThan(0);
        expect(await section.getByRole("link", { name: "Download CSV" }).getAttribute("href"), id).toMatch(
          new RegExp(`^/insights\\.csv\\?table=${id}&from=\\d{4}-\\d{2}&to=\\d{4}-\\d{2}`),
        );
      }
      // A line per stage in the monthly chart, bars somewhere (capacity is offered in the demo).
      expect(await page.getByTestId("insight-monthly").locator("svg path").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("insight-capacity").locator("svg rect").count()).toBeGreaterThan(0);

      // The flow map: Leaflet's container, hydrated, with the bundled offline base layer drawn.
      await page.waitForSelector(
        '[data-testid=insight-flows-map] [data-testid=flows-map] .leaflet-container[data-base-map="ready"]',
      );

      // Readable on a phone: nothing makes the page scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);

      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(RESULTS_DIR, `insights-${device.name}.png`), fullPage: true });
    });
  }

  test("the filters live in the URL and a table downloads as CSV", async () => {
    const { page } = browser;
    await page.goto(url("/insights"));
    await page.locator("#insights-chemistry").selectOption("LFP");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/chemistry=LFP/);
    expect(await page.locator("#insights-chemistry").inputValue()).toBe("LFP");
    // The URL changes when the navigation starts; the tables follow when the loader's data arrives.
    const csvLink = page.getByTestId("insight-monthly").getByRole("link", { name: "Download CSV" });
    await expect.poll(() => csvLink.getAttribute("href"), { timeout: 15_000 }).toContain("chemistry=LFP");
    const href = await csvLink.getAttribute("href");
    expect(href).toContain("chemistry=LFP");
    const response = await page.request.get(url(href!));
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect((await response.text()).split("\r\n")[0]).toBe(
      "Month,Listed (t),Sold (t),Shipped (t),Received (t),Recovered (t)",
    );
  });

  // Issue 14: the page, its charts' labels and the price index in the reader's language; the CSV
  // keeps English column names (data for spreadsheets). A hydration mismatch is a console error.
  test.each([
    {
      locale: "ja-JP",
      title: "市場インサイト",
      stage: "出品",
      csv: "CSVをダウンロード",
      monthly: "月別トン数",
      index: "Packloopの取引による価格指数",
      indexTitle: "価格指数",
      corrections: "訂正",
      methodology: "価格指数の作り方",
    },
    {
      locale: "es-CL",
      title: "Panorama del mercado",
      stage: "publicadas",
      csv: "Descargar CSV",
      monthly: "Toneladas por mes",
      index: "Índice de precios de las operaciones de Packloop",
      indexTitle: "Índice de precios",
      corrections: "Correcciones",
      methodology: "Cómo se elabora el índice de precios",
    },
  ])("Accept-Language $locale: /insights and the price index in that language", async (c) => {
    const page = await browser.newPage({ locale: c.locale });
    await page.goto(url("/insights"));
    await page.locator(".language-switcher[data-ready=true]").waitFor();
    expect(await page.title()).toBe(`${c.title} · Packloop`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(c.title);
    expect(await page.getByTestId("insight-totals").textContent()).toContain(c.stage);
    expect(await page.getByTestId("insight-monthly").locator("h2").textContent()).toBe(c.monthly);
    const csvLink = page.getByTestId("insight-monthly").getByRole("link", { name: c.csv });
    const csv = await page.request.get(url((await csvLink.getAttribute("href"))!));
    expect((await csv.text()).split("\r\n")[0]).toBe(
      "Month,Listed (t),Sold (t),Shipped (t),Received (t),Recovered (t)",
    );

    await page.goto(url("/insights/price-index"));
    await page.locator(".language-switcher[data-ready=true]").waitFor();
    expect(await page.title()).toBe(`${c.indexTitle} · Packloop`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(c.index);
    expect(await page.getByRole("heading", { level: 2, name: c.corrections }).count()).toBe(1);

    await page.goto(url("/insights/price-index/methodology"));
    await page.locator(".language-switcher[data-ready=true]").waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(c.methodology);
  });
});
