import { describe, expect, it } from "vitest";
import type { BatteryCondition, Chemistry, LotForm } from "~/domain/codes.ts";
import {
  DEFAULT_ROUTING_THRESHOLDS,
  type LotForRouting,
  lotRoutingHint,
  ROUTING_HINT_LABELS,
  ROUTING_HINTS,
  type RoutingHintCode,
} from "~/domain/lot-routing-hint.ts";

type Row = [Chemistry, LotForm, BatteryCondition, number | null | undefined, RoutingHintCode];

const ROWS: Row[] = [
  // State of health (docs/domain/state-of-health.md §3): ≥ 80 % reuse, 70–80 % repurposing candidate, < 70 %
  // recycle.
  ["LFP", "pack", "intact", 95, "second_life"],
  ["LFP", "pack", "intact", 80, "second_life"],
  ["NMC622", "module", "intact", 80, "second_life"],
  ["LFP", "pack", "intact", 79.9, "second_life_candidate"],
  ["NMC811", "pack", "intact", 75, "second_life_candidate"],
  ["LFP", "cell", "intact", 70, "second_life_candidate"],
  ["LFP", "pack", "intact", 69.9, "recycle"],
  ["NMC532", "pack", "intact", 50, "recycle"],
  ["NMC532", "pack", "intact", 0, "recycle"],
  ["SODIUM_ION", "pack", "intact", 100, "second_life"],
  // Unknown SoH → test first.
  ["LFP", "pack", "intact", null, "test_first"],
  ["NMC811", "module", "intact", undefined, "test_first"],
  // Damaged, defective, critically damaged → recycle, whatever the SoH.
  ["LFP", "pack", "damaged", 95, "recycle"],
  ["LFP", "pack", "defective", 90, "recycle"],
  ["NMC811", "cell", "critically_damaged", null, "recycle"],
  // Black mass and production scrap → recycle.
  ["NMC811", "black_mass", "intact", null, "recycle"],
  ["LFP", "production_scrap", "intact", 100, "recycle"],
  // Mixed or unsorted lots → recycle.
  ["MIXED", "pack", "intact", 90, "recycle"],
];

describe("lotRoutingHint", () => {
  it.each(ROWS)("%s %s, %s, SoH %s → %s", (chemistry, form, condition, stateOfHealthPct, code) => {
    const result = lotRoutingHint({ chemistry, form, condition, stateOfHealthPct });
    if (!result.ok) throw new Error(result.reason);
    expect(result.code).toBe(code);
  });

  it("warns about the ageing knee for nickel-rich candidates and favours LFP", () => {
    const nmc = lotRoutingHint({
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      stateOfHealthPct: 75,
    });
    const lfp = lotRoutingHint({ chemistry: "LFP", form: "pack", condition: "intact", stateOfHealthPct: 75 });
    expect(nmc).toMatchObject({ reason: "soh_middle", stateOfHealthPct: 75, note: "nickel_cobalt" });
    expect(lfp).toMatchObject({ reason: "soh_middle", stateOfHealthPct: 75, note: "phosphate" });
  });

  it("takes tunable thresholds (docs/domain/state-of-health.md allows a 60 % recycling line)", () => {
    const lot: LotForRouting = { chemistry: "LFP", form: "pack", condition: "intact", stateOfHealthPct: 65 };
    expect(lotRoutingHint(lot)).toMatchObject({ code: "recycle" });
    expect(lotRoutingHint(lot, { ...DEFAULT_ROUTING_THRESHOLDS, candidateMinPct: 60 })).toMatchObject({
      code: "second_life_candidate",
    });
  });

  it("labels every code", () => {
    for (const code of ROUTING_HINTS) expect(ROUTING_HINT_LABELS[code]).toBeTruthy();
  });
});

describe("lotRoutingHint: bad input is a value, not an exception", () => {
  const base = { chemistry: "LFP", form: "pack", condition: "intact", stateOfHealthPct: 80 };
  const rows: [Record<string, unknown>, string][] = [
    [{ stateOfHealthPct: Number.NaN }, "invalid_state_of_health"],
    [{ stateOfHealthPct: -1 }, "invalid_state_of_health"],
    [{ stateOfHealthPct: 101 }, "invalid_state_of_health"],
    [{ stateOfHealthPct: Number.POSITIVE_INFINITY }, "invalid_state_of_health"],
    [{ chemistry: "NiMH" }, "unknown_chemistry"],
    [{ form: "crate" }, "unknown_form"],
    [{ condition: "wet" }, "unknown_condition"],
  ];
  it.each(rows)("%o → %s", (patch, reason) => {
    expect(lotRoutingHint({ ...base, ...patch } as unknown as LotForRouting)).toEqual({ ok: false, reason });
  });

  it("rejects thresholds out of order", () => {
    const lot: LotForRouting = { chemistry: "LFP", form: "pack", condition: "intact", stateOfHealthPct: 80 };
    expect(lotRoutingHint(lot, { secondLifeMinPct: 70, candidateMinPct: 80 })).toEqual({
      ok: false,
      reason: "invalid_thresholds",
    });
    expect(lotRoutingHint(lot, { secondLifeMinPct: Number.NaN, candidateMinPct: 70 })).toEqual({
      ok: false,
      reason: "invalid_thresholds",
    });
  });
});
