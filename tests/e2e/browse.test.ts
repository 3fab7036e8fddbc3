// The browse pages in real Chromium against the production server with demo data: /lots shows
// the same search as a list and as clustered markers on the offline map, a filter updates both,
// moving the map narrows the list through the bbox parameter, and the bundled base map draws land
// without any request leaving the server. /facilities shows facilities the same way.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { baseUrl, setupBrowser } from "./browser.ts";
import { RESULTS_DIR } from "./global-setup.ts";

const browser = setupBrowser();
const MAP = "[data-testid=market-map] .leaflet-container";

async function mapState(page: Page) {
  return page.locator(MAP).evaluate((el) => ({
    lots: Number((el as HTMLElement).dataset.lotCount ?? -1),
    facilities: Number((el as HTMLElement).dataset.facilityCount ?? -1),
    rendered: Number((el as HTMLElement).dataset.renderedItems ?? -1),
    clusters: Number((el as HTMLElement).dataset.renderedClusters ?? -1),
  }));
}

async function resultCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("result-count").textContent()) ?? "";
  const match = /([\d,]+) (lots?|facilit)/.exec(text);
  if (!match) throw new Error(`no count in "${text}"`);
  return Number(match[1].replace(/,/g, ""));
}

/** Waits until the map has drawn the data of the current search (its lot count equals `total`). */
async function waitForMap(page: Page, key: "lotCount" | "facilityCount", total: number) {
  await page.waitForFunction(
    ([selector, k, n]) => {
      const el = document.querySelector(selector as string) as HTMLElement | null;
      return el?.dataset.baseMap === "ready" && el.dataset[k as string] === String(n);
    },
    [MAP, key, total],
  );
}

async function listRows(page: Page) {
  return page.locator("[data-testid=lot-list] tbody tr");
}

/** Pixel of (lat, lng) in the map at `zoom`, given the map's centre: Web Mercator, as Leaflet draws. */
function pixelOf(lat: number, lng: number, centre: { lat: number; lng: number }, zoom: number) {
  const size = 256 * 2 ** zoom;
  const x = (l: number) => ((l + 180) / 360) * size;
  const y = (l: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (l * Math.PI) / 360)) / Math.PI) / 2) * size;
  return { dx: x(lng) - x(centre.lng), dy: y(lat) - y(centre.lat) };
}

describe("/lots", () => {
  test("shows the open lots as rows and as clustered markers on the map", async () => {
    const { page } = browser;
    await page.goto("/lots");
    const total = await resultCount(page);
    expect(total).toBeGreaterThan(25);
    await waitForMap(page, "lotCount", total);
    const state = await mapState(page);
    expect(state.rendered).toBeGreaterThan(0);
    expect(state.clusters).toBeGreaterThan(0);
    expect(await page.locator(`${MAP} .pl-cluster`).count()).toBe(state.clusters);
    expect(await (await listRows(page)).count()).toBe(25);
    await expect(page.getByRole("navigation", { name: "Pages" }).textContent()).resolves.toContain(
      "Page 1 of",
    );
  });

  test("a chemistry filter narrows the list and the map together", async () => {
    const { page } = browser;
    await page.goto("/lots");
    const before = await resultCount(page);
    await waitForMap(page, "lotCount", before);
    await page.getByRole("checkbox", { name: "LFP", exact: true }).check();
    await page.waitForURL(/chemistry=LFP/);
    await page.waitForFunction(
      (n) => !document.querySelector("[data-testid=result-count]")?.textContent?.startsWith(`${n} `),
      before,
    );
    const after = await resultCount(page);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    await waitForMap(page, "lotCount", after);
    const chemistries = await (await listRows(page)).evaluateAll((rows) =>
      rows.map((r) => r.getAttribute("data-chemistry")),
    );
    expect(chemistries.length).toBe(Math.min(after, 25));
    expect(new Set(chemistries)).toEqual(new Set(["LFP"]));
    // The filter survives a reload: it lives in the URL.
    await page.reload();
    expect(await resultCount(page)).toBe(after);
    await expect(page.getByRole("checkbox", { name: "LFP", exact: true }).isChecked()).resolves.toBe(true);
  });

  test("zooming the map into south-east Australia limits the list to lots there", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/lots");
    const before = await resultCount(page);
    await waitForMap(page, "lotCount", before);
    const box = (await page.locator(MAP).boundingBox())!;
    // The first view is centred on 12°N 180° at zoom 2 (app/components/map/pacific.ts).
    const { dx, dy } = pixelOf(-37.8, 144.9, { lat: 12, lng: 180 }, 2);
    // Drag Melbourne to the middle of the map, then zoom in three steps around it. The drag starts
    // in the empty mid-Pacific (the centre) rather than on Melbourne, where a cluster marker may sit
    // (lots other tests list in parallel) and take the press as a click.
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x - dx, centre.y - dy, { steps: 12 });
    await page.waitForTimeout(200); // come to rest, so the release throws no inertia
    await page.mouse.up();
    for (let i = 0; i < 3; i++) {
      await page.getByRole("button", { name: "Zoom in" }).click();
      await page.waitForTimeout(350);
    }
    // The drag itself reports a wide bbox first; wait for the zoomed-in one (a debounced report).
    const bboxOf = (u: URL) => u.searchParams.get("bbox")?.split(",").map(Number) ?? null;
    await page.waitForURL((u) => {
      const b = bboxOf(u);
      return b !== null && b[2] > b[0] && b[2] - b[0] < 60;
    });
    const bbox = bboxOf(new URL(page.url()))!;
    expect(bbox[0]).toBeGreaterThan(110);
    expect(bbox[2]).toBeLessThan(175);
    expect(bbox[1]).toBeLessThan(-37.8);
    expect(bbox[3]).toBeGreaterThan(-37.8);
    await page.getByTestId("bbox-chip").waitFor();
    await page.waitForFunction(
      (n) => !document.querySelector("[data-testid=result-count]")?.textContent?.startsWith(`${n} `),
      before,
    );
    const after = await resultCount(page);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    const places = await (await listRows(page)).evaluateAll((rows) =>
      rows.map((r) => r.children[4]?.textContent ?? ""),
    );
    expect(places.every((p) => p.startsWith("Australia"))).toBe(true);
    // The map still shows every matching lot: the bbox filters only the list.
    expect((await mapState(page)).lots).toBe(before);
    await page.getByRole("link", { name: "Search everywhere" }).click();
    await page.waitForURL((u) => !u.searchParams.has("bbox"));
    await expect.poll(() => resultCount(page)).toBe(before);
    // A pan or zoom still waiting to be reported must not filter the list again.
    await page.waitForTimeout(800);
    expect(new URL(page.url()).searchParams.has("bbox")).toBe(false);
    expect(await resultCount(page)).toBe(before);
  });

  test("the offline base map draws land, and nothing is fetched from another origin", async () => {
    const { page } = browser;
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseUrl()) && !request.url().startsWith("data:"))
        foreign.push(request.url());
    });
    await page.goto("/lots?view=map");
    const total = await resultCount(page);
    await waitForMap(page, "lotCount", total);
    await page.waitForTimeout(300);
    // Natural Earth land is filled with #ece8dc on a canvas of its own; count those pixels.
    const landShare = await page.locator(MAP).evaluate((el) => {
      let best = 0;
      for (const canvas of el.querySelectorAll("canvas")) {
        const { width, height } = canvas;
        const pixels = canvas.getContext("2d")?.getImageData(0, 0, width, height).data;
        if (!pixels) continue;
        let land = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (
            Math.abs(pixels[i] - 236) < 4 &&
            Math.abs(pixels[i + 1] - 232) < 4 &&
            Math.abs(pixels[i + 2] - 220) < 4
          )
            land++;
        }
        best = Math.max(best, land / (width * height));
      }
      return best;
    });
    // Kept for people to look at: test-results/offline-base-map.png.
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.locator(MAP).screenshot({ path: path.join(RESULTS_DIR, "offline-base-map.png") });
    // A Pacific-centred world is roughly a quarter land; the sea is the container's background.
    expect(landShare).toBeGreaterThan(0.1);
    expect(landShare).toBeLessThan(0.6);
    expect(foreign).toEqual([]);
  });
});

describe("/facilities", () => {
  test("shows facilities in the list and as process symbols on the map, filtered by process", async () => {
    const { page } = browser;
    await page.goto("/facilities");
    const total = await resultCount(page);
    expect(total).toBeGreaterThan(0);
    await waitForMap(page, "facilityCount", total);
    expect(await page.locator("[data-testid=facility-list] tbody tr").count()).toBe(Math.min(total, 25));
    await page.getByRole("checkbox", { name: /Hydrometallurgy/ }).check();
    await page.waitForURL(/process=hydrometallurgy/);
    await page.waitForFunction(
      (n) => !document.querySelector("[data-testid=result-count]")?.textContent?.startsWith(`${n} `),
      total,
    );
    const after = await resultCount(page);
    expect(after).toBeLessThan(total);
    await waitForMap(page, "facilityCount", after);
    const processes = await page
      .locator("[data-testid=facility-list] tbody tr td:nth-child(2)")
      .allTextContents();
    expect(processes.every((p) => p.includes("Hydrometallurgy"))).toBe(true);
  });
});
