// The chain of custody in real Chromium against the production server with demo data (ADR 021):
// an awarded demo lot's page shows its chain verified, from listing to award; the public anchors
// page lists the digest the server published at start, and the JSON says the same.
import { describe, expect, test } from "vitest";
import { custodyKindLabel, PAGE_EVENTS } from "~/domain/custody/chain-view.ts";
import { baseUrl, login, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

describe("chain of custody", () => {
  test("an awarded lot's page shows its chain, verified, from listing to award and the deal's steps", async () => {
    const { page } = browser;
    await login(page, "fleet@packloop.test");
    const listing = await page.request.get(`${baseUrl()}/api/v1/lots?status=awarded&limit=1`);
    expect(listing.status()).toBe(200);
    const [lot] = ((await listing.json()) as { lots: { id: string }[] }).lots;
    expect(lot).toBeDefined();
    await page.goto(`/lots/${lot!.id}`);
    const section = page.getByTestId("lot-custody");
    await expect.poll(() => section.getByRole("heading", { name: "Chain of custody" }).count()).toBe(1);
    expect(await section.getByTestId("custody-verdict").textContent()).toMatch(/Verified: all \d+ events/);
    const rows = section.locator("tbody tr");
    // The API holds the whole chain (the page shows the latest PAGE_EVENTS): listed first, then the
    // award, the deal it made and the deal's and shipment's steps, as the demo seeds them.
    const api = await page.request.get(`${baseUrl()}/api/v1/lots/${lot!.id}/custody`);
    const body = (await api.json()) as { verified: boolean; events: { kind: string; hash: string }[] };
    expect(body.verified).toBe(true);
    const kinds = body.events.map((e) => e.kind);
    expect(kinds[0]).toBe("lot_listed");
    expect(kinds).toContain("award_confirmed");
    expect(kinds.indexOf("deal_created")).toBeGreaterThan(kinds.indexOf("award_confirmed"));
    // The page's rows are the chain's last events, each row's short hash the start of its hash.
    const shown = body.events.slice(-PAGE_EVENTS);
    expect(await rows.count()).toBe(shown.length);
    expect(await rows.last().textContent()).toContain(custodyKindLabel(shown.at(-1)!.kind));
    expect(shown[0]!.hash.startsWith((await rows.first().locator("code").textContent()) ?? "-")).toBe(true);
  });

  test("/transparency/anchors lists today's anchor for anyone, as the JSON does", async () => {
    const page = await browser.newPage();
    // The server publishes a UTC day's anchor at start and at its first check that day, every ten
    // minutes (ANCHOR_CHECK_INTERVAL_MS): for up to ten minutes after midnight UTC the newest is
    // still yesterday's, so "today" alone fails a run across midnight. A minute's slack for timers.
    const dayAt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const started = Date.now();
    await page.goto(`${baseUrl()}/transparency/anchors`);
    const table = page.getByTestId("anchors-table");
    await expect.poll(() => table.locator("tbody tr").count()).toBeGreaterThan(0);
    const first = table.locator("tbody tr").first();
    const day = (await first.locator("td").first().textContent()) ?? "";
    expect([dayAt(started - 11 * 60_000), dayAt(Date.now())]).toContain(day);
    const digest = (await first.locator("code").textContent()) ?? "";
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    const json = await page.request.get(`${baseUrl()}/transparency/anchors.json`);
    const anchors = ((await json.json()) as { anchors: { day: string; digest: string; lotCount: number }[] })
      .anchors;
    // The same anchor as the page's (a check at midnight may have added today's in between).
    expect(anchors.find((a) => a.day === day)).toMatchObject({ day, digest });
    expect([day, dayAt(Date.now())]).toContain(anchors[0]!.day);
    expect(anchors[0]!.lotCount).toBeGreaterThan(0);
  });

  test("/transparency/anchors in Japanese (Accept-Language ja-JP), the digests as they are", async () => {
    const page = await browser.newPage({ locale: "ja-JP" });
    await page.goto(`${baseUrl()}/transparency/anchors`);
    await page.locator(".language-switcher[data-ready=true]").waitFor();
    expect(await page.title()).toBe("カストディのアンカー · Packloop");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("カストディのアンカー");
    const table = page.getByTestId("anchors-table");
    expect(await table.locator("thead th").first().textContent()).toBe("日付 (UTC)");
    expect((await table.locator("tbody tr code").first().textContent()) ?? "").toMatch(/^[0-9a-f]{64}$/);
  });
});
