import { describe, expect, it } from "vitest";
import { custodyJson, custodyKindLabel, toCustodyView } from "~/domain/custody/chain-view.ts";

const events = Array.from({ length: 25 }, (_, i) => ({
  sequence: i + 1,
  kind: i === 0 ? "lot_listed" : "milestone_picked_up",
  occurredAt: new Date(Date.UTC(2026, 11, 1, 0, i)),
  data: { i },
  corrects: i === 24 ? 3 : null,
  prevHash: i === 0 ? null : `${i}`.padStart(64, "0"),
  hash: `${i + 1}`.padStart(64, "0"),
  actorName: i % 2 === 0 ? "Ana" : null,
}));

describe("custodyKindLabel", () => {
  it.each([
    ["lot_listed", "Listed"],
    ["award_confirmed", "Award confirmed"],
    ["milestone_picked_up", "Milestone picked up"],
    ["certificate_issued", "Certificate issued"],
  ])("%s → %s", (kind, label) => {
    expect(custodyKindLabel(kind)).toBe(label);
  });
});

describe("toCustodyView", () => {
  it("shows the latest events only, with the whole chain's verdict and head", () => {
    const view = toCustodyView(events, { verified: true }, 20);
    expect(view.total).toBe(25);
    expect(view.events.map((e) => e.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
    expect(view).toMatchObject({ verified: true, brokenAt: null, head: events[24]!.hash });
    expect(view.events.at(-1)).toMatchObject({ corrects: 3, shortHash: "000000000000", who: "Ana" });
  });
  it("names where a broken chain breaks", () => {
    const view = toCustodyView(events, {
      verified: false,
      brokenAt: 7,
      reason: "hash_mismatch",
      message: "m",
    });
    expect(view).toMatchObject({ verified: false, brokenAt: 7, reason: "hash_mismatch" });
  });
});

describe("custodyJson", () => {
  it("is the API's shape: every event, verified, and brokenAt only when broken", () => {
    const ok = custodyJson(events, { verified: true });
    expect(ok.events).toHaveLength(25);
    expect(ok.events[0]).toEqual({
      sequence: 1,
      kind: "lot_listed",
      occurredAt: "2026-12-01T00:00:00.000Z",
      data: { i: 0 },
      prevHash: null,
      hash: events[0]!.hash,
    });
    expect(ok.events[24]).toMatchObject({ corrects: 3 });
    expect(ok).not.toHaveProperty("brokenAt");
    const broken = custodyJson(events, {
      verified: false,
      brokenAt: 2,
      reason: "sequence_gap",
      message: "m",
    });
    expect(broken).toMatchObject({ verified: false, brokenAt: 2, reason: "sequence_gap" });
  });
});
