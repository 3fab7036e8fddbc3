// The regional allocation plan in real Chromium against the production server with demo data: a
// demo user opens /plan from the nav and sees the totals, the flows drawn as arcs on the map, the
// capacity utilisation bars and the unassigned lots with their reasons; "Recompute" solves again.
// For a newcomer (issue 15): the introduction, a legend whose arc-width samples are the arcs' own
// widths, economy names on the map, an arc's figures on hover and on keyboard focus (on the arc or
// its table row), and "my lots" / "my facilities" narrowing the flows through a GET form.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { ECONOMIES } from "~/domain/economies.ts";
import { DEMO_ACCOUNTS, login, setupBrowser, url } from "./browser.ts";
import { RESULTS_DIR } from "./global-setup.ts";

const browser = setupBrowser();

describe("/plan", () => {
  test("a demo user sees the plan's totals, arcs, utilisation and unassigned lots", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.getByRole("link", { name: "Plan", exact: true }).click();
    await page.waitForURL(/\/plan$/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Regional allocation plan");

    const totals = page.getByTestId("plan-totals");
    const assigned = (await totals.locator(".figure").first().textContent()) ?? "";
    // "123.4 t assigned · 40 of 60 lots": some tonnes went somewhere.
    const match = /([\d,.]+) t\s*assigned · (\d+) of (\d+) lots/.exec(assigned);
    expect(match, assigned).not.toBeNull();
    expect(Number(match?.[1].replace(/,/g, ""))).toBeGreaterThan(0);
    expect(Number(match?.[2])).toBeGreaterThan(0);
    // Money with its ISO code (ADR 046).
    await expect.poll(() => totals.textContent()).toMatch(/USD\s[\d,]+/);

    // Leaflet draws the flows as SVG paths in the overlay pane: at least one per economy pair.
    const pairs = await page.getByTestId("plan-pairs").locator("tbody tr").count();
    expect(pairs).toBeGreaterThan(0);
    await page.waitForSelector("[data-testid=flows-map] .leaflet-overlay-pane path");
    const paths = await page.locator("[data-testid=flows-map] .leaflet-overlay-pane path").count();
    expect(paths).toBeGreaterThanOrEqual(pairs);
    // A cross-border arc is a long path (many great-circle points), not a dot.
    const longest = await page
      .locator("[data-testid=flows-map] .leaflet-overlay-pane path")
      .evaluateAll((els) => Math.max(...els.map((el) => (el as SVGPathElement).getTotalLength())));
    expect(longest).toBeGreaterThan(20);

    const bars = page.getByTestId("plan-utilisation").locator("li");
    expect(await bars.count()).toBeGreaterThan(0);
    await expect.poll(() => bars.first().textContent()).toMatch(/ of [\d,.]+ t \(\d+ %\)/);

    const unassigned = page.getByTestId("plan-unassigned").locator("li");
    expect(await unassigned.count()).toBeGreaterThan(0);
    await expect
      .poll(() => unassigned.first().textContent())
      .toMatch(/No facility can take this lot|capacity|cost its seller more/);

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, "plan.png") });
    await page
      .getByTestId("plan-utilisation")
      .screenshot({ path: path.join(RESULTS_DIR, "plan-utilisation.png") });

    await page.getByRole("button", { name: "Recompute" }).click();
    await expect.poll(() => page.locator(".plan-meta").textContent()).not.toMatch(/kept for/);
    expect(await page.locator("[data-testid=flows-map] .leaflet-overlay-pane path").count()).toBeGreaterThan(
      0,
    );
  });

  test("a newcomer reads the introduction and the legend, sees economy names and an arc's figures on hover and focus", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto(url("/plan"));
    const intro = page.getByTestId("plan-intro");
    await expect.poll(() => intro.textContent()).toMatch(/suggestion only: nothing is booked/);
    expect(await intro.getByRole("link", { name: "My lots" }).count()).toBe(1);

    // The arcs are drawn (the map renders once the page has hydrated).
    await page.waitForSelector("[data-testid=flows-map] path[data-flow]");

    // The legend: two or three sample widths, the widest exactly the widest arc's line weight.
    const legend = page.getByTestId("plan-legend");
    expect(await legend.isVisible()).toBe(true);
    await expect.poll(() => legend.textContent()).toMatch(/Arc width = tonnes/);
    const samples = await legend.locator("[data-testid=plan-legend-widths] li").evaluateAll((items) =>
      items.map((li) => ({
        weight: Number(li.getAttribute("data-weight")),
        drawn: Number(li.querySelector("line")?.getAttribute("stroke-width")),
        text: li.textContent ?? "",
      })),
    );
    expect(samples.length).toBeGreaterThanOrEqual(2);
    expect(samples.length).toBeLessThanOrEqual(3);
    for (const sample of samples) {
      expect(sample.drawn).toBe(sample.weight);
      expect(sample.text).toMatch(/^[\d,.]+ t$/);
    }
    // The widest sample is the largest flow (the table's first row), drawn at that very width.
    const keys = await flowKeys(page);
    const largest = page.getByTestId("plan-pairs").locator("tbody tr").first();
    expect(samples[0].text).toBe(
      ((await largest.locator('td[data-label="Tonnes"]').textContent()) ?? "").trim(),
    );
    const arcWeights = await arcStrokeWidths(page);
    expect(arcWeights.length).toBeGreaterThan(0);
    const [from0, to0] = keys[0].split(">");
    if (from0 !== to0) expect(Math.max(...arcWeights)).toBe(samples[0].weight);
    else expect(Math.max(...arcWeights)).toBeLessThanOrEqual(samples[0].weight);

    // Economy names on the offline map, among them at least one economy the plan's flows touch.
    const flowEconomies = new Set(
      keys.flatMap((k) => k.split(">")).map((code) => ECONOMIES.find((e) => e.code === code)?.shortName),
    );
    const economyLabels = page.locator(
      "[data-testid=flows-map] [data-testid=map-labels] .pl-map-label-economy",
    );
    // labels.json arrives after the map: wait for it.
    await expect
      .poll(
        async () => (await economyLabels.allTextContents()).filter((name) => flowEconomies.has(name)).length,
      )
      .toBeGreaterThan(0);

    // Before any hover: the figures panel says how to get figures.
    const figures = page.getByTestId("plan-flow-figures");
    await expect.poll(() => figures.textContent()).toMatch(/Hover over, tap or tab to an arc/);

    // Hovering a cross-border arc (at a point where it is the topmost element) shows its figures.
    await page.getByTestId("flows-map").scrollIntoViewIfNeeded();
    // Other test files add lots meanwhile, so another arc or a label may cover one arc whole: the
    // first cross-border arc with a point where it is on top.
    const crossing = keys.filter((k) => k.split(">")[0] !== k.split(">")[1]);
    expect(crossing.length, keys.join(" ")).toBeGreaterThan(0);
    let cross: string | undefined;
    let point: { x: number; y: number } | null = null;
    for (const key of crossing) {
      point = await pointOnArc(page, key);
      if (point) {
        cross = key;
        break;
      }
    }
    expect(point, `no visible point on any of ${crossing.join(" ")}`).not.toBeNull();
    await page.mouse.move(point?.x ?? 0, point?.y ?? 0);
    await expect.poll(() => figures.locator("h2").getAttribute("data-flow")).toBe(cross);
    await expectFiguresOfRow(page, cross as string);
    // The hovered arc is drawn as the selected one.
    expect(
      await page.locator(`[data-testid=flows-map] path[data-flow="${cross}"]`).getAttribute("stroke"),
    ).toBe("#14202b");

    // Keyboard (the mouse out of the way): focusing an arc shows its figures…
    await page.mouse.move(0, 0);
    const other = keys.find((k) => k !== cross) ?? (cross as string);
    await page.locator(`[data-testid=flows-map] path[data-flow="${other}"]`).focus();
    await expect.poll(() => figures.locator("h2").getAttribute("data-flow")).toBe(other);
    // …and so does focusing a row of the flow table, which marks the row and the arc.
    const rowKey = keys[keys.length - 1];
    const row = page.getByTestId("plan-pairs").locator(`tbody tr[data-flow="${rowKey}"]`);
    await row.getByRole("button").focus();
    await expect.poll(() => figures.locator("h2").getAttribute("data-flow")).toBe(rowKey);
    await expect.poll(() => row.getAttribute("class")).toMatch(/plan-row-selected/);
    await expectFiguresOfRow(page, rowKey);
    const rowArc = page.locator(`[data-testid=flows-map] path[data-flow="${rowKey}"]`);
    await expect.poll(() => rowArc.getAttribute("stroke")).toBe("#14202b");

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, "plan-legend-figures.png"), fullPage: true });
  });

  test("'my lots' and 'my facilities' narrow the flows, from a GET form and from a shared link", async () => {
    const { page } = browser;
    await login(page, DEMO_ACCOUNTS.fleet);
    await page.goto(url("/plan"));
    const whole = await assignedTonnes(page);
    const wholeRows = await page.getByTestId("plan-pairs").locator("tbody tr").count();
    expect(whole).toBeGreaterThan(0);

    // A seller is offered "my lots" (not "my facilities"); the form is a plain GET into the URL.
    const filter = page.getByTestId("plan-filter");
    expect(await filter.getByLabel("Into my organisation's facilities").count()).toBe(0);
    await filter.getByLabel("From my organisation's lots").check();
    await filter.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/\/plan\?mine=lots$/);
    await expect
      .poll(() => page.getByTestId("plan-filter-status").textContent())
      .toMatch(/only the flows from your organisation's lots/);
    const mine = await assignedTonnes(page);
    expect(mine).toBeLessThan(whole);
    expect(await page.getByTestId("plan-pairs").locator("tbody tr").count()).toBeLessThanOrEqual(wholeRows);
    expect(await filter.getByLabel("From my organisation's lots").isChecked()).toBe(true);

    // A recycler opening a shared link sees only the flows into its facilities.
    const recycler = await browser.newPage();
    await login(recycler, DEMO_ACCOUNTS.recycler);
    await recycler.goto(url("/plan?mine=facilities"));
    await expect
      .poll(() => recycler.getByTestId("plan-filter-status").textContent())
      .toMatch(/only the flows into your organisation's facilities/);
    expect(
      await recycler.getByTestId("plan-filter").getByLabel("Into my organisation's facilities").isChecked(),
    ).toBe(true);
    expect(await assignedTonnes(recycler)).toBeLessThan(whole);
    // Its capacity bars are its own facilities' only: fewer than the whole plan's.
    const bars = await recycler.getByTestId("plan-utilisation").locator("li").count();
    const all = await page
      .goto(url("/plan"))
      .then(() => page.getByTestId("plan-utilisation").locator("li").count());
    expect(bars).toBeLessThan(all);
  });

  test("logged-out visitors are sent to log in", async () => {
    const { page } = browser;
    await page.goto(url("/plan"));
    await page.waitForURL(/\/login/);
  });
});

/** The plan's flow keys ("AU>KR"), in the flow table's order (largest first). */
async function flowKeys(page: Page): Promise<string[]> {
  return page
    .getByTestId("plan-pairs")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-flow") ?? ""));
}

/** Line weights of the cross-border arcs as Leaflet drew them. */
async function arcStrokeWidths(page: Page): Promise<number[]> {
  return page.locator("[data-testid=flows-map] path[data-flow]").evaluateAll((paths) =>
    paths
      .filter((p) => {
        const [from, to] = (p.getAttribute("data-flow") ?? "").split(">");
        return from !== to;
      })
      .map((p) => Number(p.getAttribute("stroke-width"))),
  );
}

/** A point in the viewport where the arc `key` is the topmost element (so the mouse reaches it), or null. */
async function pointOnArc(page: Page, key: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((flow) => {
    const path = document.querySelector(
      `[data-testid=flows-map] path[data-flow="${flow}"]`,
    ) as SVGPathElement | null;
    const svg = path?.ownerSVGElement;
    if (!path || !svg) return null;
    // Leaflet's overlay SVG maps its viewBox onto its (CSS-translated) box on the screen.
    const box = svg.getBoundingClientRect();
    const view = svg.viewBox.baseVal;
    const length = path.getTotalLength();
    for (const share of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]) {
      const p = path.getPointAtLength(length * share);
      const x = box.left + ((p.x - view.x) * box.width) / view.width;
      const y = box.top + ((p.y - view.y) * box.height) / view.height;
      if (document.elementFromPoint(x, y) === path) return { x, y };
    }
    return null;
  }, key);
}

/** The figures panel shows the same tonnes as the flow's table row, net value and freight with "USD", and its chemistry. */
async function expectFiguresOfRow(page: Page, key: string) {
  const row = page.getByTestId("plan-pairs").locator(`tbody tr[data-flow="${key}"]`);
  const rowTonnes = ((await row.locator('td[data-label="Tonnes"]').textContent()) ?? "").trim();
  const figures = page.getByTestId("plan-flow-figures");
  await expect.poll(() => figures.getByTestId("plan-flow-tonnes").textContent()).toBe(rowTonnes);
  // Money with its ISO code, as Intl writes it in English ("USD 1,234.00", "-USD 12.00").
  expect(await figures.getByTestId("plan-flow-net").textContent()).toMatch(/^-?USD\s-?[\d,.]+$/);
  expect(await figures.getByTestId("plan-flow-chemistry").textContent()).toMatch(/[A-Za-z]+\d* [\d,.]+ t/);
  expect(await figures.textContent()).toMatch(/Freight\s*-?USD\s[\d,.]+/);
  const [from, to] = key.split(">");
  const title = (await figures.locator("h2").textContent()) ?? "";
  expect(title).toContain(`(${from})`);
  expect(title).toContain(`(${to})`);
}

/** The tonnes in the first totals figure ("123.4 t assigned · …"). */
async function assignedTonnes(page: Page): Promise<number> {
  const text = (await page.getByTestId("plan-totals").locator(".figure").first().textContent()) ?? "";
  const match = /([\d,.]+) t\s*assigned/.exec(text);
  expect(match, text).not.toBeNull();
  return Number(match?.[1].replace(/,/g, ""));
}
