import { describe, expect, it } from "vitest";
import {
  canEdit,
  canPublish,
  canTransition,
  canWithdraw,
  LOT_STATUSES,
  type LotStatus,
  nextStatuses,
} from "~/domain/lot-lifecycle.ts";

// The whole transition table, written out: every pair not listed here must be refused.
const ALLOWED: readonly [LotStatus, LotStatus][] = [
  ["draft", "open"],
  ["draft", "withdrawn"],
  ["open", "closed"],
  ["open", "withdrawn"],
  ["open", "cancelled"],
  ["closed", "awarded"],
  ["closed", "open"],
  ["closed", "withdrawn"],
  ["closed", "cancelled"],
  ["awarded", "in_transit"],
  ["awarded", "cancelled"],
  ["awarded", "disputed"],
  ["in_transit", "delivered"],
  ["in_transit", "cancelled"],
  ["in_transit", "disputed"],
  ["delivered", "recovered"],
  ["delivered", "disputed"],
  ["recovered", "settled"],
  ["recovered", "disputed"],
  ["disputed", "settled"],
  ["disputed", "cancelled"],
];

const allowed = new Set(ALLOWED.map(([from, to]) => `${from}→${to}`));
const ALL_PAIRS = LOT_STATUSES.flatMap((from) => LOT_STATUSES.map((to) => [from, to] as const));

describe("canTransition", () => {
  it.each(ALL_PAIRS)("%s → %s", (from, to) => {
    const result = canTransition(from, to);
    expect(result.ok).toBe(allowed.has(`${from}→${to}`));
  });

  it("says why a transition is refused", () => {
    expect(canTransition("open", "open")).toMatchObject({ ok: false, reason: "same_status" });
    expect(canTransition("settled", "disputed")).toMatchObject({
      ok: false,
      reason: "final_status",
      message: expect.stringMatching(/settled/),
    });
    expect(canTransition("awarded", "withdrawn")).toMatchObject({
      ok: false,
      reason: "not_allowed",
      message: "A lot that is awarded cannot become withdrawn.",
    });
    expect(canTransition("draft", "paid" as LotStatus)).toMatchObject({
      ok: false,
      reason: "unknown_status",
    });
  });

  it("follows the main line from draft to settled", () => {
    const line: LotStatus[] = [
      "draft",
      "open",
      "closed",
      "awarded",
      "in_transit",
      "delivered",
      "recovered",
      "settled",
    ];
    for (let i = 1; i < line.length; i++) expect(canTransition(line[i - 1], line[i]).ok).toBe(true);
    expect(nextStatuses("settled")).toEqual([]);
  });
});

describe("canEdit", () => {
  it.each([
    ["draft", 0, true, undefined],
    ["open", 0, true, undefined],
    ["open", 1, false, "has_bids"],
    ["draft", 2, false, "has_bids"],
    ["closed", 0, false, "status"],
    ["awarded", 0, false, "status"],
    ["withdrawn", 0, false, "status"],
  ] as const)("%s with %i bids → %s", (status, bidCount, ok, reason) => {
    const result = canEdit({ status, bidCount });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe(reason);
  });
});

describe("canWithdraw and canPublish", () => {
  it.each([
    ["draft", true],
    ["open", true],
    ["closed", true],
    ["awarded", false],
    ["in_transit", false],
    ["withdrawn", false],
    ["settled", false],
  ] as const)("withdraw a lot that is %s → %s", (status, ok) => {
    expect(canWithdraw({ status }).ok).toBe(ok);
  });

  it("publishes only drafts", () => {
    expect(canPublish({ status: "draft" }).ok).toBe(true);
    expect(canPublish({ status: "closed" })).toMatchObject({
      ok: false,
      message: "Only a draft can be published.",
    });
    expect(canPublish({ status: "open" }).ok).toBe(false);
  });
});
