import { describe, expect, test } from "vitest";
import { checkDealSetting, DEAL_SETTINGS, resolveDealSettings } from "~/domain/deals/deal-settings.ts";

describe("deal settings", () => {
  test("defaults: no commission, 90 % released on receipt, a 7-day inspection window", () => {
    expect(resolveDealSettings([])).toEqual({
      commissionBp: 0,
      provisionalShareBp: 9_000,
      inspectionDays: 7,
      paymentDays: 7,
      disputeEscalationDays: 5,
    });
  });

  test("stored values win; unknown keys and out-of-range rows are ignored", () => {
    expect(
      resolveDealSettings([
        { key: DEAL_SETTINGS.commissionBp.key, value: 250 },
        { key: DEAL_SETTINGS.inspectionDays.key, value: 500 },
        { key: "deals.other", value: 1 },
      ]),
    ).toEqual({
      commissionBp: 250,
      provisionalShareBp: 9_000,
      inspectionDays: 7,
      paymentDays: 7,
      disputeEscalationDays: 5,
    });
  });

  test.each([
    ["commissionBp", 0, true],
    ["commissionBp", 5_000, true],
    ["commissionBp", 5_001, false],
    ["commissionBp", -1, false],
    ["provisionalShareBp", 10_000, true],
    ["provisionalShareBp", 90.5, false],
    ["inspectionDays", 1, true],
    ["inspectionDays", 0, false],
    ["inspectionDays", "7", false],
  ] as const)("%s = %o is %s", (name, value, ok) => {
    const result = checkDealSetting(name, value);
    expect(result.ok).toBe(ok);
    if (!result.ok)
      expect(result).toMatchObject({
        field: name,
        message: expect.stringContaining(DEAL_SETTINGS[name].label),
      });
  });
});
