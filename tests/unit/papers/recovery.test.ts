import { describe, expect, it } from "vitest";
import { estimateMetalContent } from "~/domain/metal-content.ts";
import { paperTexts } from "~/domain/papers/paper.ts";
import { buildRecoveryCertificate, verifyUrl } from "~/domain/papers/recovery-certificate.ts";
import { carbonRecordJson } from "~/domain/recovery/carbon-record.ts";
import { PRIMARY_PRODUCTION_FACTORS } from "~/domain/recovery/emission-factors.ts";
import {
  assayedGrams,
  computeRecovery,
  legCo2eGrams,
  recycledContentRecord,
} from "~/domain/recovery/recovery.ts";
import { HEAD, HYDRO, PYRO, RECOVERY_INPUT } from "./fixtures.ts";

describe("recovery computation", () => {
  it.each([
    { name: "NMC622 packs, hydrometallurgy", input: RECOVERY_INPUT },
    {
      name: "NMC622 packs, pyrometallurgy (Li and Mn to slag)",
      input: { ...RECOVERY_INPUT, recoveryRatesBp: PYRO },
    },
    {
      name: "LFP black mass with assay",
      input: {
        ...RECOVERY_INPUT,
        chemistry: "LFP" as const,
        form: "black_mass" as const,
        assayGrams: { Li: 40_000, Cu: 9_000 },
      },
    },
  ])("$name: recovered = contained × rate, avoided = recovered × factor", ({ input }) => {
    const record = computeRecovery(input);
    if (!record.ok) throw new Error(record.message);
    const estimate = estimateMetalContent(input.chemistry, input.form, input.massReceivedKg);
    if (!estimate.ok) throw new Error(estimate.reason);
    for (const m of record.metals) {
      const assayed = input.assayGrams?.[m.metal];
      expect(m.containedGrams).toBe(assayed ?? estimate.grams[m.metal]);
      expect(m.source).toBe(assayed === undefined ? "estimate" : "assay");
      expect(m.recoveredGrams).toBe(Math.floor((m.containedGrams * input.recoveryRatesBp[m.metal]) / 10_000));
      expect(m.avoidedCo2eGrams).toBe(
        Math.round((m.recoveredGrams * PRIMARY_PRODUCTION_FACTORS[m.metal].gramsCo2ePerKg) / 1000),
      );
    }
    expect(record.avoidedCo2eGrams).toBe(record.metals.reduce((s, m) => s + m.avoidedCo2eGrams, 0));
    expect(record.netAvoidedCo2eGrams).toBe(record.avoidedCo2eGrams - record.transportCo2eGrams);
  });

  it("keeps recorded leg CO2e and computes the rest from the mode's factor", () => {
    const record = computeRecovery(RECOVERY_INPUT);
    if (!record.ok) throw new Error(record.message);
    expect(record.legs.map((l) => [l.co2eGrams, l.basis])).toEqual([
      [180_000, "recorded"],
      [legCo2eGrams(1800, 260, "road"), "computed"],
    ]);
    // 1.8 t × 260 km × 100 g/tkm
    expect(legCo2eGrams(1800, 260, "road")).toBe(46_800);
    expect(record.transportCo2eGrams).toBe(226_800);
  });

  it("pyrometallurgy records no lithium or manganese in the recycled-content record", () => {
    const record = computeRecovery({ ...RECOVERY_INPUT, recoveryRatesBp: PYRO });
    if (!record.ok) throw new Error(record.message);
    const entries = recycledContentRecord(record);
    expect(entries.map((e) => e.metal)).toEqual(["Ni", "Co", "Cu"]);
    expect(entries.map((e) => e.countsUnderEuArticle8)).toEqual([true, true, false]);
    expect(entries.every((e) => Math.abs(e.recoveryBp - 9500) <= 1)).toBe(true);
  });

  it("gives the carbon and recycled-content record as JSON in exact kilograms", () => {
    const record = computeRecovery(RECOVERY_INPUT);
    if (!record.ok) throw new Error(record.message);
    const json = carbonRecordJson(record);
    expect(json.transport.co2eKg).toBe(226.8);
    expect(json.transport.legs.map((l) => [l.co2eKg, l.basis])).toEqual([
      [180, "recorded"],
      [46.8, "computed"],
    ]);
    expect(json.avoided.co2eKg).toBe(record.avoidedCo2eGrams / 1000);
    expect(json.avoided.factors.map((f) => f.metal)).toEqual(["Li", "Ni", "Co", "Mn", "Cu"]);
    expect(json.recycledContent.map((r) => r.metal)).toEqual(["Li", "Ni", "Co", "Mn", "Cu"]);
    expect(json.recycledContent[0]?.recoveryPct).toBeCloseTo(90, 1);
  });

  it.each([
    [{ massReceivedKg: 0 }, "massReceivedKg"],
    [{ recoveryRatesBp: { ...HYDRO, Co: 10_001 } }, "recoveryCoBp"],
    [{ recoveryRatesBp: { ...HYDRO, Li: 12.5 } }, "recoveryLiBp"],
    [{ legs: [{ from: "A", to: "B", mode: "air" as never, distanceKm: 10 }] }, "legs"],
  ])("refuses %o naming %s", (overrides, field) => {
    const record = computeRecovery({ ...RECOVERY_INPUT, ...overrides });
    expect(record.ok ? null : record.field).toBe(field);
  });
});

describe("certificate of recovery", () => {
  const record = computeRecovery(RECOVERY_INPUT);
  if (!record.ok) throw new Error(record.message);
  const input = {
    certificateNumber: "PL-CR-2026-0001",
    issuedAt: "2026-12-20T08:00:00Z",
    lot: { id: "lot_123", title: "4 NMC622 packs", chemistry: "NMC622" as const, form: "pack" as const },
    facility: { name: "Han River Metals Gunsan plant", address: "Gunsan, Korea" },
    process: "hydrometallurgy" as const,
    massReceivedKg: 1800,
    receivedAt: "2026-12-15T06:00:00Z",
    processedAt: "2026-12-19T18:00:00Z",
    recovery: record,
    chainHeadHash: HEAD,
    appUrl: "https://packloop.example/",
  };

  it("carries lot, mass, process, metals, legs, carbon record, chain head and the verify link", () => {
    const result = buildRecoveryCertificate(input);
    if (!result.ok) throw new Error(result.message);
    expect(result.verifyUrl).toBe("https://packloop.example/verify/PL-CR-2026-0001");
    expect(result.paper.qr?.url).toBe(result.verifyUrl);
    const texts = paperTexts(result.paper);
    for (const text of [
      "1,800 kg",
      "Nickel",
      "Lithium",
      HEAD,
      "Port Botany - Busan",
      "Recycled-content record",
    ]) {
      expect(texts).toContain(text);
    }
  });

  it.each([
    [{ chainHeadHash: "abc" }, "chainHeadHash"],
    [{ certificateNumber: "no spaces allowed" }, "certificateNumber"],
    [{ appUrl: "packloop.example" }, "appUrl"],
    [{ processedAt: "2026-12-14T00:00:00Z" }, "processedAt"],
  ])("refuses %o naming %s", (overrides, field) => {
    const result = buildRecoveryCertificate({ ...input, ...overrides });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors?.map((e) => e.field)).toContain(field);
  });

  it("builds the verify URL from APP_URL with or without a trailing slash", () => {
    expect(verifyUrl("https://a.example", "X-1")).toBe("https://a.example/verify/X-1");
    expect(verifyUrl("https://a.example//", "X-1")).toBe("https://a.example/verify/X-1");
  });
});

describe("assayed content of black mass", () => {
  it.each([
    {
      name: "shares of the dry mass: the wet mass less the moisture",
      kg: 10_000,
      assay: { nickelBp: 2000, cobaltBp: 600, lithiumBp: 350, moistureBp: 500 },
      grams: { Ni: 1_900_000, Co: 570_000, Li: 332_500 },
    },
    {
      name: "no moisture figure: the mass is taken as dry",
      kg: 1_000,
      assay: { manganeseBp: 1000, copperBp: 25 },
      grams: { Mn: 100_000, Cu: 2_500 },
    },
    {
      name: "rounded down to the gram",
      kg: 30_000,
      assay: { nickelBp: 1, moistureBp: 3 },
      grams: { Ni: 2_999 },
    },
    {
      name: "figures that are not basis points are ignored",
      kg: 1_000,
      assay: { nickelBp: 10_001, cobaltBp: -1, lithiumBp: 1.5, moistureBp: 20_000 },
      grams: {},
    },
    { name: "no mass, no grams", kg: 0, assay: { nickelBp: 2000 }, grams: {} },
  ])("$name", ({ kg, assay, grams }) => {
    expect(assayedGrams(kg, assay)).toEqual(grams);
  });

  it("replaces the estimate for the assayed metals only", () => {
    const record = computeRecovery({
      ...RECOVERY_INPUT,
      form: "black_mass",
      assayGrams: assayedGrams(RECOVERY_INPUT.massReceivedKg, { nickelBp: 2000 }),
    });
    if (!record.ok) throw new Error(record.message);
    expect(record.metals.filter((m) => m.source === "assay").map((m) => m.metal)).toEqual(["Ni"]);
  });
});
