// Shipments in Chromium against the production server with the demo data (issue 12, ADR 022): the
// demo carrier sees its shipments on the map and in the list, late ones marked; it opens the one
// waiting in port and records customs clearance from the form, and the timeline shows it; the
// receiving facility's milestone is not offered to the carrier; a milestone recorded through the API
// appears on the open page without a reload (the lot events channel). In the reader's language
// (issue 14): /shipments and a shipment's page in Thai, /bookings in Korean; the browser fixture
// fails on a hydration mismatch, so the server's text and the browser's first render agree.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { DEMO_ACCOUNTS, login, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

describe("shipments", () => {
  test("the carrier follows its shipments and records the next milestone", async () => {
    const page = browser.page;
    await login(page, DEMO_ACCOUNTS.carrier);
    await page.goto(new URL("/shipments", page.url()).toString());
    const table = page.getByTestId("shipments-table");
    await expect.poll(() => table.locator("tbody tr").count()).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.getByTestId("routes-map").count()).toBe(1);
    // The map's data arrives in one request: planned legs by mode, and the path travelled so far
    // (from the recorded milestones' positions) drawn over them.
    await expect
      .poll(() => page.locator('[data-testid="routes-map"] path.pl-route-travelled').count(), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    expect(await page.locator('[data-testid="routes-map"] path.pl-route-leg').count()).toBeGreaterThan(0);
    // The shipment in port is past its planned arrival: marked late.
    const lateRow = table.locator('tr[data-late="true"]').filter({ hasText: "Arrived at port" });
    expect(await lateRow.count()).toBe(1);
    // The others are on time.
    expect(await table.locator('tr[data-late="true"]').count()).toBe(1);
    await lateRow.getByRole("link").first().click();
    await page.waitForURL(/\/shipments\/[0-9a-f-]{36}$/);
    // The expected arrival against the plan, and the departure against its planned time.
    expect(await page.getByTestId("shipment-eta").textContent()).toMatch(/late against the plan/);
    expect(await page.getByTestId("against-plan").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Record “Customs cleared”" }).click();
    // The form posts files too (multipart): on a loaded machine the default 1 s poll was too short.
    await expect
      .poll(() => page.getByTestId("milestone-timeline").textContent(), { timeout: 10_000 })
      .toContain("Customs cleared");
    // Next is the delivery, which the carrier may record too.
    await expect.poll(() => page.getByRole("button", { name: "Record “Delivered”" }).count()).toBe(1);
    // Recorded elsewhere (the API, with the same log-in), it appears on the open page without a reload.
    const shipmentId = /\/shipments\/([0-9a-f-]{36})$/.exec(page.url())![1];
    const origin = new URL(page.url()).origin;
    const recorded = await page.request.post(`${origin}/api/v1/shipments/${shipmentId}/milestones`, {
      data: { kind: "delivered", occurredAt: new Date().toISOString(), location: { lat: 22.3, lng: 114.2 } },
      headers: { Origin: origin },
    });
    expect(recorded.status()).toBe(201);
    await expect
      .poll(() => page.getByTestId("milestone-timeline").textContent(), { timeout: 10_000 })
      .toContain("Delivered");
    // The receipt is the facility's: the carrier is not offered it.
    expect(await page.getByRole("button", { name: /Record “Received/ }).count()).toBe(0);
  });

  test("in Thai: /shipments and a shipment's page; /bookings in Korean", async () => {
    const text = async (page: Page, selector: string) =>
      ((await page.locator(selector).first().textContent()) ?? "").trim();
    const thai = await browser.newPage({ locale: "th-TH" });
    await login(thai, DEMO_ACCOUNTS.carrier);
    await thai.goto("/shipments");
    expect(await thai.locator("html").getAttribute("lang")).toBe("th");
    expect(await thai.title()).toBe("การขนส่ง · Packloop");
    expect(await text(thai, "h1")).toBe("การขนส่ง");
    expect(await text(thai, "[data-testid=result-count]")).toMatch(/^การขนส่ง \d+ รายการ$/);
    const table = thai.getByTestId("shipments-table");
    expect(await text(thai, "[data-testid=shipments-table] thead th")).toBe("การขนส่ง");
    expect(await table.textContent()).not.toContain("Last milestone");
    expect(await thai.locator(".route-legend").textContent()).toContain("ทางทะเล");

    await table.locator("tbody tr").first().getByRole("link").first().click();
    await thai.waitForURL(/\/shipments\/[0-9a-f-]{36}$/);
    // A client-side navigation: the title follows once the new page has rendered.
    await expect.poll(() => thai.title()).toMatch(/^SH-PL-\d{6} · การขนส่ง · Packloop$/);
    const facts = thai.getByTestId("shipment-facts");
    expect(await text(thai, "[data-testid=shipment-facts] dt")).toBe("สถานะ");
    expect(await facts.textContent()).toContain("สินค้าอันตราย");
    expect(await facts.textContent()).not.toContain("Expected arrival");
    expect(await thai.getByRole("heading", { level: 2, name: "เหตุการณ์สำคัญ" }).count()).toBe(1);

    const korean = await browser.newPage({ locale: "ko-KR" });
    await login(korean, DEMO_ACCOUNTS.fleet);
    await korean.goto("/bookings");
    expect(await korean.title()).toBe("처리 용량 예약 · Packloop");
    expect(await text(korean, "h1")).toBe("처리 용량 예약");
    expect(await text(korean, "#my-bookings-heading")).toBe("내 예약");
  });
});
