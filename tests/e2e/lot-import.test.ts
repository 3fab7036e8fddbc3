// Bulk import in real Chromium against the production server: the demo fleet uploads a generated
// 1,000-row CSV, the import page's progress bar follows the writer without a reload, and the
// summary reports 1,000 lots; a file with bad lines shows them and offers "valid lines only".
import { describe, expect, test } from "vitest";
import { gridToCsv, lotGrid, todayUtc } from "../fixtures/lot-import-rows.ts";
import { DEMO_ACCOUNTS, login, setupBrowser, url } from "./browser.ts";

// The upload answers 400 when a file has bad lines; the browser logs that as a failed resource.
const browser = setupBrowser();

declare global {
  interface Window {
    __importProgress?: string[];
    __documentLoads?: number;
  }
}

describe("lot import", () => {
  test("the fleet imports a 1,000-row CSV, watches the progress bar and sees the summary", async () => {
    const { page } = browser;
    // Records every state of the progress bar, and counts full document loads (there must be none
    // after the upload: the bar is updated by polling, not by reloading).
    await page.addInitScript(() => {
      window.__documentLoads = (window.__documentLoads ?? 0) + 1;
      window.__importProgress = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        if (!bar) return;
        const state = `${bar.getAttribute("data-status")}:${bar.getAttribute("aria-valuenow")}`;
        const seen = window.__importProgress as string[];
        if (seen[seen.length - 1] !== state) seen.push(state);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.getByRole("link", { name: "Import from spreadsheet" }).first().click();
    await page.waitForURL(/\/lots\/import$/);
    await page.locator("h1").filter({ hasText: "Import lots from a spreadsheet" }).waitFor();

    const csv = gridToCsv(lotGrid(1_000, todayUtc()));
    await page.locator('input[name="file"]').setInputFiles({
      name: "fleet-1000.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    const loadsBefore = await page.evaluate(() => window.__documentLoads);
    let polls = 0;
    page.on("request", (request) => {
      if (/\/lots\/import\/[0-9a-f-]{36}\/progress$/.test(request.url())) polls++;
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    await page.waitForURL(/\/lots\/import\/[0-9a-f-]{36}$/);

    const result = page.getByTestId("import-result");
    await result.waitFor({ state: "visible", timeout: 60_000 });
    await expect.poll(() => result.locator("h2").textContent()).toBe("Imported 1,000 lots");
    expect(await result.textContent()).toContain("1,000 saved as drafts");
    expect(await page.getByTestId("import-progress-label").textContent()).toBe("All 1,000 lots written.");

    const progress = await page.evaluate(() => window.__importProgress ?? []);
    process.stdout.write(`[e2e] progress bar states seen: ${progress.join(" → ")} (${polls} polls)\n`);
    expect(progress.at(-1)).toBe("done:1000");
    const values = progress.map((s) => Number(s.split(":")[1]));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(await page.evaluate(() => window.__documentLoads)).toBe(loadsBefore);

    // The summary links to the seller's lots.
    await result.getByRole("link", { name: "See them in My lots" }).click();
    await page.waitForURL(/\/lots\/mine/);
  });

  test("on a file big enough to take seconds, the bar moves by polling while the lots are written", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto("/lots/import");
    await page.locator('input[name="file"]').setInputFiles({
      name: "fleet-8000.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(gridToCsv(lotGrid(8_000, todayUtc()))),
    });
    const seen: string[] = [];
    page.on("response", async (response) => {
      if (!/\/lots\/import\/[0-9a-f-]{36}\/progress$/.test(response.url())) return;
      const body = (await response.json()) as { status: string; processedRows: number };
      seen.push(`${body.status}:${body.processedRows}`);
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    await page.waitForURL(/\/lots\/import\/[0-9a-f-]{36}$/);
    const bar = page.getByTestId("import-progress");
    const label = page.getByTestId("import-progress-label");
    await page.getByTestId("import-result").waitFor({ state: "visible", timeout: 60_000 });
    process.stdout.write(`[e2e] progress polls answered: ${seen.join(" → ")}\n`);
    const running = seen.filter((s) => s.startsWith("importing:"));
    expect(running.length, "polls answered while importing").toBeGreaterThan(0);
    const written = seen.map((s) => Number(s.split(":")[1]));
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe("done:8000");
    expect(await bar.getAttribute("aria-valuenow")).toBe("8000");
    expect(await label.textContent()).toBe("All 8,000 lots written.");
    expect(await page.getByTestId("import-result").locator("h2").textContent()).toBe("Imported 8,000 lots");
  });

  test("a file with bad lines lists them; “valid lines only” imports the rest", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto("/lots/import");
    const grid = lotGrid(12, todayUtc(), (i, row) => {
      if (i === 3) row.massKg = "-5";
      if (i === 8) row.chemistry = "NMC999";
    });
    await page.locator('input[name="file"]').setInputFiles({
      name: "twelve.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(gridToCsv(grid)),
    });
    await page.getByRole("button", { name: "Check and import" }).click();
    const issues = page.getByTestId("import-issues");
    await issues.waitFor({ state: "visible" });
    const rows = await issues.locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^5massKg/);
    expect(rows[1]).toMatch(/^10chemistry/);
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toMatch(/2 of 12 rows have problems/);

    // The chosen file is still in the form: import the ten valid lines.
    await page.getByRole("button", { name: "Import the 10 valid lines only" }).click();
    await page.waitForURL(/\/lots\/import\/[0-9a-f-]{36}$/);
    const result = page.getByTestId("import-result");
    await result.waitFor({ state: "visible", timeout: 30_000 });
    expect(await result.locator("h2").textContent()).toBe("Imported 10 lots");
    expect(await result.textContent()).toContain("2 lines were skipped");
    expect(await page.getByTestId("import-issues").locator("tbody tr").count()).toBe(2);
  });

  test("publishing a file with auctions asks first, stating how many take binding bids and when they close", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto("/lots/import");
    // Six lines: two auctions, two sealed tenders, two at a fixed price (the fixture cycles them).
    await page.locator('input[name="file"]').setInputFiles({
      name: "six-to-publish.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(gridToCsv(lotGrid(6, todayUtc()))),
    });
    await page.getByLabel("Publish them all at once", { exact: false }).check();
    await page.getByRole("button", { name: "Check and import" }).click();
    // Nothing is published yet: the lots wait as drafts on the import's page, which asks.
    await page.waitForURL(/\/lots\/import\/[0-9a-f-]{36}\?publish=ask$/);
    const section = page.getByTestId("import-publish");
    await section.waitFor({ state: "visible", timeout: 60_000 });
    await section.getByTestId("import-publish-asked").waitFor();
    expect(await page.getByTestId("import-result").textContent()).toContain("6 saved as drafts");
    const consequence = await section.getByTestId("import-publish-consequence").textContent();
    expect(consequence).toContain(
      "Publish 6 lots, 4 of them auctions or sealed tenders that accept binding bids as soon as they are published.",
    );
    expect(consequence).toMatch(/Bidding closes between \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \S+ and /);

    // Without JavaScript the post comes back as a confirmation step saying the same; Cancel changes nothing.
    const plain = await browser.newPage({ javaScriptEnabled: false });
    await plain.context().addCookies(await page.context().cookies());
    await plain.goto(page.url());
    await plain.getByRole("button", { name: "Publish 6 lots" }).click();
    const step = plain.getByTestId("confirm-step");
    await step.waitFor({ state: "visible" });
    expect(await step.getByTestId("confirm-consequence").textContent()).toBe(consequence);
    await step.getByRole("link", { name: "Cancel" }).click();
    await plain.getByTestId("import-result").waitFor();
    expect(await plain.getByTestId("import-result").textContent()).toContain("6 saved as drafts");

    // The dialog states it again; Cancel closes it and publishes nothing.
    await section.getByRole("button", { name: "Publish 6 lots" }).click();
    const dialog = page.locator("dialog[open]");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.getByTestId("confirm-consequence").textContent()).toBe(consequence);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByTestId("import-result").textContent()).toContain("6 saved as drafts");

    // Confirmed, all six open at once.
    await section.getByRole("button", { name: "Publish 6 lots" }).click();
    await page.locator("dialog[open]").getByRole("button", { name: "Publish and take bids" }).click();
    await page.getByTestId("import-published").filter({ hasText: "Published: 6 lots." }).waitFor();
    await expect
      .poll(() => page.getByTestId("import-result").textContent())
      .toContain("6 published and open for bids.");
    expect(await page.getByTestId("import-publish").count()).toBe(0);
  });

  test("the templates download as CSV and XLSX for a seller", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    for (const [path, type] of [
      ["/lots/import/template.csv", /^text\/csv/],
      ["/lots/import/template.xlsx", /spreadsheetml/],
    ] as const) {
      const response = await page.request.get(url(path));
      expect(response.status(), path).toBe(200);
      expect(response.headers()["content-type"]).toMatch(type);
    }
  });
});
