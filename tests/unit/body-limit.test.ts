// Which body limit each kind of route takes (app/utils/body-limit.server.ts, ADR 025).
import { describe, expect, test } from "vitest";
import { BODY_LIMITS, bodyKindFor } from "~/utils/body-limit.server.ts";

describe("bodyKindFor", () => {
  test.each([
    ["/api/v1/lots", "json"],
    ["/api/v1/lots/abc/bids", "json"],
    ["/api/v1/quotes", "bulk-json"],
    ["/api/v1/allocation-plans", "bulk-json"],
    ["/api/v1/quotes/", "bulk-json"],
    ["/lots/import", "lot-import"],
    ["/lots/import.data", "lot-import"],
    ["/lots/new", "lot-form"],
    ["/lots/new.data", "lot-form"],
    ["/lots/abc123", "lot-form"],
    ["/lots/abc123/edit", "lot-form"],
    ["/lots/abc123/bids", "form"],
    ["/shipments/abc123", "evidence-form"],
    ["/shipments/abc123.data", "evidence-form"],
    ["/shipments", "form"],
    ["/shipments/abc123/events", "form"],
    ["/lots/mine", "form"],
    ["/lots", "form"],
    ["/login", "form"],
    ["/logout", "form"],
    ["/searches.data", "form"],
    ["/quote", "form"],
    ["/deals/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "deal-form"],
    ["/deals/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.data", "deal-form"],
    ["/deals/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/pro-forma.pdf", "form"],
    ["/deals", "form"],
    ["/admin/deals", "form"],
  ])("%s takes a %s body", (path, kind) => {
    expect(bodyKindFor(path)).toBe(kind);
  });

  test("forms take the least, uploads the most", () => {
    expect(BODY_LIMITS.form).toBe(100 * 1024);
    expect(BODY_LIMITS.json).toBe(1024 * 1024);
    expect(BODY_LIMITS.form).toBeLessThan(BODY_LIMITS.json);
    expect(BODY_LIMITS.json).toBeLessThan(BODY_LIMITS["bulk-json"]);
    expect(BODY_LIMITS["lot-import"]).toBeGreaterThan(10 * 1024 * 1024);
    // Five evidence files of 10 MB on a dispute or a proposal (ADR 030).
    expect(BODY_LIMITS["deal-form"]).toBeGreaterThan(5 * 10 * 1024 * 1024);
  });
});
