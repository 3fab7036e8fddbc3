// "What if" scenarios (ADR 037): the override of the plan's inputs is pure (the inputs given are
// left exactly as they were), each kind of change lands where the solver reads it, bad changes are
// named field by field, a scenario black mass rule changes the border outcome, and the economies
// that gain or lose are read from the two plans' economy-pair totals.
import { describe, expect, it } from "vitest";
import { type BorderCheckRequest, borderCheck } from "~/domain/compliance/border-rules.ts";
import { DEFAULT_LOGISTICS_FACTORS } from "~/domain/logistics/plan.ts";
import {
  applyScenario,
  economyShifts,
  HUB_MONTHS,
  type PlanInputs,
  parseScenarioChanges,
  type ScenarioChange,
} from "~/domain/matching/scenario.ts";
import { scenarioChangesFromForm, scenarioFormFromChanges } from "~/domain/matching/scenario-form.ts";
import { facility, lot } from "../fixtures/matching.ts";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const base = (): PlanInputs =>
  deepFreeze({
    lots: [lot()],
    facilities: [facility()],
    factors: structuredClone(DEFAULT_LOGISTICS_FACTORS),
    co2PricePerTonne: { amountMinor: 10_000, currency: "USD" },
  });

const hub: ScenarioChange = {
  kind: "hub",
  port: "SGSIN",
  chemistry: "LFP",
  tonnesPerMonth: 500,
  priceCentsPerTonne: 150_000,
  recoveryPct: 90,
};

describe("applyScenario", () => {
  const cases: {
    name: string;
    changes: ScenarioChange[];
    check: (out: ReturnType<typeof applyScenario>, inputs: PlanInputs) => void;
  }[] = [
    {
      name: "no change: the same lots and facilities, an empty black mass policy",
      changes: [],
      check: (out, inputs) => {
        expect(out.facilities).toEqual(inputs.facilities);
        expect(out.factors).toEqual(inputs.factors);
        expect(out.blackMassImports).toEqual({});
      },
    },
    {
      name: "an import ban on black mass becomes the economy's scenario rule",
      changes: [{ kind: "black_mass_import", economy: "KR", rule: "banned" }],
      check: (out) => expect(out.blackMassImports).toEqual({ KR: "banned" }),
    },
    {
      name: "a later rule for the same economy wins",
      changes: [
        { kind: "black_mass_import", economy: "CN", rule: "banned" },
        { kind: "black_mass_import", economy: "CN", rule: "admitted" },
      ],
      check: (out) => expect(out.blackMassImports).toEqual({ CN: "admitted" }),
    },
    {
      name: "a hub is a facility at the port with capacity for the horizon",
      changes: [hub],
      check: (out, inputs) => {
        expect(out.facilities).toHaveLength(inputs.facilities.length + 1);
        const added = out.facilities.at(-1);
        expect(added).toMatchObject({
          id: "scenario-hub-1",
          name: "Joint hub at Singapore (Pasir Panjang / Tuas)",
          economy: "SG",
          acceptedChemistries: ["LFP"],
          holdsImportConsent: true,
        });
        expect(added?.capacity.map((w) => w.month)).toEqual([
          "2026-11",
          "2026-12",
          "2027-01",
          "2027-02",
          "2027-03",
          "2027-04",
        ]);
        expect(added?.capacity).toHaveLength(HUB_MONTHS);
        expect(added?.capacity[0]).toMatchObject({ tonnes: 500, pricePerTonne: { amountMinor: 150_000 } });
      },
    },
    {
      name: "a freight rate changes that mode only",
      changes: [{ kind: "freight_rate", mode: "sea", centsPer1000Tkm: 9_999 }],
      check: (out, inputs) => {
        expect(out.factors.freightCentsPer1000Tkm.sea).toBe(9_999);
        expect(out.factors.freightCentsPer1000Tkm.road).toBe(inputs.factors.freightCentsPer1000Tkm.road);
        expect(out.factors.emissionGPerTkm).toEqual(inputs.factors.emissionGPerTkm);
      },
    },
    {
      name: "the CO2 price is replaced",
      changes: [{ kind: "co2_price", centsPerTonne: 25_000 }],
      check: (out) => expect(out.co2PricePerTonne).toEqual({ amountMinor: 25_000, currency: "USD" }),
    },
  ];
  it.each(cases)("$name, and the inputs are untouched", ({ changes, check }) => {
    const inputs = base();
    const before = structuredClone(inputs);
    const out = applyScenario(inputs, changes, "2026-11");
    check(out, inputs);
    expect(inputs).toEqual(before);
  });

  it("the hub's port name comes from the sea-lane table (not a guessed one)", () => {
    const out = applyScenario(base(), [{ ...hub, port: "AUMEL" }], "2026-11");
    expect(out.facilities.at(-1)?.economy).toBe("AU");
  });
});

describe("parseScenarioChanges", () => {
  it.each([
    [[], { changes: "Add at least one change." }],
    ["nope", { changes: "Add at least one change." }],
    [[{ kind: "tariff" }], { "changes[0].kind": expect.stringContaining("black_mass_import") }],
    [
      [{ kind: "black_mass_import", economy: "XX", rule: "maybe" }],
      { "changes[0].economy": expect.any(String), "changes[0].rule": expect.any(String) },
    ],
    [
      [{ ...hub, port: "ZZZZZ", tonnesPerMonth: 0, recoveryPct: 101 }],
      {
        "changes[0].port": expect.any(String),
        "changes[0].tonnesPerMonth": expect.any(String),
        "changes[0].recoveryPct": expect.any(String),
      },
    ],
    [
      [hub, { kind: "freight_rate", mode: "air", centsPer1000Tkm: -1 }],
      {
        "changes[1].mode": expect.any(String),
        "changes[1].centsPer1000Tkm": expect.any(String),
      },
    ],
    [[{ kind: "co2_price", centsPerTonne: 1.5 }], { "changes[0].centsPerTonne": expect.any(String) }],
  ])("%j → field errors", (raw, errors) => {
    expect(parseScenarioChanges(raw)).toEqual({ ok: false, errors });
  });

  it("accepts good changes as given", () => {
    const changes = [hub, { kind: "co2_price", centsPerTonne: 0 }];
    expect(parseScenarioChanges(changes)).toEqual({ ok: true, changes });
  });
});

describe("scenario black mass rules at the border", () => {
  const blackMass = (to: BorderCheckRequest["destinationEconomy"], extra: Partial<BorderCheckRequest> = {}) =>
    borderCheck({
      originEconomy: "AU",
      destinationEconomy: to,
      isWaste: true,
      form: "black_mass",
      chemistry: "NMC811",
      facilityHoldsImportConsent: true,
      shipmentDate: "2026-12-01",
      ...extra,
    });

  it.each([
    ["KR, no rule: OECD procedure", "KR", undefined, true],
    ["KR banned", "KR", { KR: "banned" as const }, false],
    ["CN, no rule: China's standard wants an assay", "CN", undefined, false],
    ["CN admitted: Basel procedure as for any waste", "CN", { CN: "admitted" as const }, true],
  ] as const)("%s", (_name, to, policy, allowed) => {
    expect(blackMass(to, { blackMassImports: policy }).allowed).toBe(allowed);
  });

  it("a ban names the scenario and touches black mass only", () => {
    const banned = blackMass("KR", { blackMassImports: { KR: "banned" } });
    expect(banned).toMatchObject({ reason: "scenario_black_mass_ban" });
    expect(blackMass("KR", { form: "pack", blackMassImports: { KR: "banned" } }).allowed).toBe(true);
    expect(blackMass("AU", { blackMassImports: { AU: "banned" } }).allowed).toBe(true);
  });
});

describe("economyShifts", () => {
  const usd = (amountMinor: number) => ({ amountMinor, currency: "USD" });
  it("adds placed, received and net value per economy, largest change in net value first", () => {
    const baseline = {
      byEconomyPair: [{ from: "AU" as const, to: "KR" as const, tonnes: 10, lots: 1, netValue: usd(1000) }],
    };
    const scenario = {
      byEconomyPair: [
        { from: "AU" as const, to: "SG" as const, tonnes: 12, lots: 2, netValue: usd(5000) },
        { from: "SG" as const, to: "SG" as const, tonnes: 1, lots: 1, netValue: usd(1100) },
      ],
    };
    expect(economyShifts(baseline, scenario)).toEqual([
      { economy: "AU", placedTonnes: [10, 12], receivedTonnes: [0, 0], netValueMinor: [1000, 5000] },
      { economy: "SG", placedTonnes: [0, 1], receivedTonnes: [0, 13], netValueMinor: [0, 1100] },
      { economy: "KR", placedTonnes: [0, 0], receivedTonnes: [10, 0], netValueMinor: [0, 0] },
    ]);
  });
});

describe("the scenarios form", () => {
  const filled = {
    ban0Economy: "CN",
    ban0Rule: "admitted",
    hubPort: "SGSIN",
    hubChemistry: "LFP",
    hubTonnes: "500",
    hubPrice: "1500",
    hubRecovery: "90",
    freightMode: "sea",
    freightRate: "12.5",
    co2Price: "",
  };
  it("reads dollars as cents, leaves blank groups out, and reads back the same fields", () => {
    const read = scenarioChangesFromForm(filled);
    expect(read).toEqual({
      ok: true,
      changes: [
        { kind: "black_mass_import", economy: "CN", rule: "admitted" },
        hub,
        { kind: "freight_rate", mode: "sea", centsPer1000Tkm: 1250 },
      ],
    });
    if (!read.ok) return;
    const { co2Price: _blank, ...rest } = filled;
    expect(scenarioFormFromChanges(read.changes)).toEqual(rest);
  });

  it.each([
    [{}, ["changes"]],
    [{ ban1Economy: "ZZ" }, ["ban1Economy", "ban1Rule"]],
    [
      { hubPort: "SGSIN", hubChemistry: "LFP", hubTonnes: "x", hubPrice: "", hubRecovery: "90" },
      ["hubPrice", "hubTonnes"],
    ],
    [{ freightMode: "air", freightRate: "1" }, ["freightMode"]],
    [{ co2Price: "-5" }, ["co2Price"]],
  ])("%j → errors on %j", (form, fields) => {
    const read = scenarioChangesFromForm(form);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(Object.keys(read.errors).sort()).toEqual(fields);
  });
});
