import { describe, expect, it } from "vitest";
import {
  buildDangerousGoodsDocument,
  consignmentFromLot,
  IMDG_DECLARATION,
  SP_376_STATEMENT,
} from "~/domain/papers/dangerous-goods.ts";
import { paperTexts } from "~/domain/papers/paper.ts";
import { dgInput } from "./fixtures.ts";

// docs/domain/transport-dangerous-goods.md §4.5: 5.4.1.1.1 order, SP 376 statement and marks, SP 377 marks.
const CASES = [
  {
    name: "UN3480 intact for reuse, ADR",
    input: dgInput({ unNumber: "UN3480", purpose: "reuse" }),
    description: "UN 3480 LITHIUM ION BATTERIES (including lithium ion polymer batteries), 9A, (E)",
    sp: [],
    marks: [],
    packing: "P903",
  },
  {
    name: "UN3480 intact for recycling (SP 377), IMDG",
    input: dgInput({ unNumber: "UN3480", regime: "IMDG" }),
    description: "UN 3480, WASTE LITHIUM ION BATTERIES (including lithium ion polymer batteries), 9",
    sp: ["377"],
    marks: ["LITHIUM BATTERIES FOR RECYCLING"],
    packing: "P909",
  },
  {
    name: "UN3090 for reuse, IMDG",
    input: dgInput({ unNumber: "3090", regime: "IMDG", purpose: "reuse" }),
    description: "UN 3090, LITHIUM METAL BATTERIES (including lithium alloy batteries), 9",
    sp: [],
    marks: [],
    packing: "P903",
  },
  {
    name: "UN3171 battery-powered vehicle, ADR",
    input: dgInput({ unNumber: "UN 3171", purpose: "reuse", equipmentKind: "vehicle" }),
    description: "UN 3171 BATTERY-POWERED VEHICLE, 9, (-)",
    sp: [],
    marks: [],
    packing: "P005",
  },
  {
    name: "UN3091 in equipment for reuse, ADR",
    input: dgInput({ unNumber: "UN3091", purpose: "reuse" }),
    description:
      "UN 3091 LITHIUM METAL BATTERIES CONTAINED IN EQUIPMENT (including lithium alloy batteries), 9A, (E)",
    sp: [],
    marks: [],
    packing: "P903",
  },
  {
    name: "damaged UN3480 lot under SP 376, ADR",
    input: dgInput({ condition: "damaged" }),
    description: "UN 3480 WASTE LITHIUM ION BATTERIES (including lithium ion polymer batteries), 9A, (E)",
    sp: ["376"],
    marks: ["DAMAGED/DEFECTIVE LITHIUM ION BATTERIES"],
    packing: "P908",
  },
  {
    name: "critically damaged lithium metal under SP 376, IMDG",
    input: dgInput({
      unNumber: "UN3090",
      regime: "IMDG",
      condition: "critically_damaged",
      purpose: "disposal",
    }),
    description: "UN 3090, WASTE LITHIUM METAL BATTERIES (including lithium alloy batteries), 9",
    sp: ["376"],
    marks: ["DAMAGED/DEFECTIVE LITHIUM METAL BATTERIES"],
    packing: "P911",
  },
  {
    name: "UN3480 lot for disposal under SP 377, ADR",
    input: dgInput({ purpose: "disposal" }),
    description: "UN 3480 WASTE LITHIUM ION BATTERIES (including lithium ion polymer batteries), 9A, (E)",
    sp: ["377"],
    marks: ["LITHIUM BATTERIES FOR DISPOSAL"],
    packing: "P909",
  },
  {
    name: "black mass UN3077 with packing group III, IMDG",
    input: dgInput({ unNumber: "UN3077", regime: "IMDG", technicalName: "nickel cobalt manganese oxides" }),
    description:
      "UN 3077, WASTE ENVIRONMENTALLY HAZARDOUS SUBSTANCE, SOLID, N.O.S. (nickel cobalt manganese oxides), 9, PG III",
    sp: [],
    marks: [],
    packing: "P002",
  },
] as const;

describe("dangerous-goods transport document", () => {
  it.each(CASES)("$name", ({ input, description, sp, marks, packing }) => {
    const result = buildDangerousGoodsDocument(input);
    if (!result.ok) throw new Error(result.message);
    expect(result.description).toBe(description);
    expect(result.specialProvisions).toEqual(sp);
    expect(result.marks).toEqual(marks);
    const texts = paperTexts(result.paper);
    expect(texts).toContain(packing);
    // Packing group only where one is assigned; lithium batteries have none.
    expect(texts.includes("Packing group")).toBe(input.unNumber === "UN3077");
    expect(texts.includes(SP_376_STATEMENT)).toBe(sp.includes("376" as never));
    expect(texts.includes(IMDG_DECLARATION)).toBe(input.regime === "IMDG");
    // 5.4.1.1.1 order: UN number, proper shipping name, class, (packing group), then packages.
    const order = [
      "UN number",
      "Proper shipping name",
      "Class",
      "Packages",
      "Total quantity",
      "Consignor",
      "Consignee",
    ];
    const positions = order.map((label) => texts.indexOf(label));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it.each([
    [{ unNumber: "UN1234" }, "unNumber"],
    [{ unNumber: "UN3077" }, "technicalName"],
    [{ unNumber: "UN3171", condition: "damaged" as const }, "condition"],
    [{ packageCount: 0 }, "packageCount"],
    [{ grossMassKg: -1 }, "grossMassKg"],
    [{ issuedAt: "yesterday" }, "issuedAt"],
  ])("refuses %o naming %s", (overrides, field) => {
    const result = buildDangerousGoodsDocument(dgInput(overrides));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors?.map((e) => e.field)).toContain(field);
  });

  it("prints a competent authority approval under SP 376 when one was used", () => {
    const result = buildDangerousGoodsDocument(
      dgInput({ condition: "critically_damaged", competentAuthorityApproval: "BAM-2026-17" }),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.statements).toEqual([
      SP_376_STATEMENT,
      "A copy of the competent authority approval BAM-2026-17 accompanies the transport.",
    ]);
  });
});

describe("a lot's consignment fields, from its transport classification", () => {
  it.each([
    [
      { chemistry: "NMC811", form: "pack", condition: "intact" },
      "recycling",
      "UN 3480 WASTE LITHIUM ION BATTERIES (including lithium ion polymer batteries), 9A, (E)",
      ["377"],
    ],
    [
      { chemistry: "LFP", form: "module", condition: "damaged" },
      "recycling",
      "UN 3480 WASTE LITHIUM ION BATTERIES (including lithium ion polymer batteries), 9A, (E)",
      ["376"],
    ],
    [
      { chemistry: "SODIUM_ION", form: "pack", condition: "intact" },
      "reuse",
      "UN 3551 SODIUM ION BATTERIES with organic electrolyte, 9A, (E)",
      [],
    ],
    [
      { chemistry: "NMC622", form: "black_mass", condition: "intact" },
      "recycling",
      "UN 3077 WASTE ENVIRONMENTALLY HAZARDOUS SUBSTANCE, SOLID, N.O.S. (nickel cobalt manganese oxides), 9, III, (-)",
      [],
    ],
  ] as const)("%o for %s → %s", (lot, purpose, description, sp) => {
    const consignment = consignmentFromLot(lot, purpose);
    if (!consignment) throw new Error("unclassified");
    const result = buildDangerousGoodsDocument(dgInput(consignment));
    if (!result.ok) throw new Error(result.message);
    expect(result.description).toBe(description);
    expect(result.specialProvisions).toEqual(sp);
  });

  it("answers null for a chemistry outside the catalogue", () => {
    expect(
      consignmentFromLot({ chemistry: "LEAD_ACID" as never, form: "pack", condition: "intact" }, "recycling"),
    ).toBeNull();
  });
});
