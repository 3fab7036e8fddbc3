import { describe, expect, it } from "vitest";
import { DOCUMENTED_CARRIER_POLICIES } from "~/domain/logistics/transport-rules.ts";
import { assessFeasibility, assessPair, prepareLot } from "~/domain/matching/feasibility.ts";
import {
  BLOCKER_CODES,
  type BlockerCode,
  type MatchContext,
  type MatchFacility,
  type MatchLot,
} from "~/domain/matching/types.ts";
import {
  CONTEXT,
  chineseFacility,
  facility,
  koreanFacility,
  lot,
  TODAY,
  window,
} from "../fixtures/matching.ts";

/** The sea carrier that refuses lithium batteries for recycling (docs/domain/freight-and-emissions.md §8.3) */
const SEA_CARRIER_REFUSING_WASTE: MatchContext = {
  today: TODAY,
  carriers: DOCUMENTED_CARRIER_POLICIES.filter((carrier) => carrier.mode === "sea"),
};

interface Case {
  code: BlockerCode;
  name: string;
  lot: MatchLot;
  facility: MatchFacility;
  context?: MatchContext;
  /** Words the sentence must contain, besides the facility's name. */
  says: RegExp;
}

const CASES: Case[] = [
  {
    code: "CHEMISTRY_NOT_ACCEPTED",
    name: "an NMC 811 lot at an LFP-only plant",
    lot: lot(),
    facility: facility({ acceptedChemistries: ["LFP", "LMFP"] }),
    says: /does not accept NMC 811 .* It accepts LFP, LMFP\./,
  },
  {
    code: "FORM_NOT_ACCEPTED",
    name: "packs at a black-mass refinery",
    lot: lot(),
    facility: facility({ acceptedForms: ["black_mass"] }),
    says: /does not accept battery packs\. It accepts black mass\./,
  },
  {
    code: "CONDITION_NOT_ACCEPTED",
    name: "damaged packs at a plant that takes intact ones only",
    lot: lot({ condition: "damaged" }),
    facility: facility({ acceptedConditions: ["intact"] }),
    says: /does not accept damaged batteries\. It accepts intact\./,
  },
  {
    code: "INSUFFICIENT_CAPACITY",
    name: "12.5 t at a plant with 10 t free in its only month",
    lot: lot(),
    facility: facility({ capacity: [window({ tonnes: 30, bookedTonnes: 20 })] }),
    says: /at most 10 t free in any month between December 2026 and May 2027; this lot needs 12\.5 t/,
  },
  {
    code: "TRANSPORT_FORBIDDEN",
    name: "Melbourne to Korea when the only sea carrier refuses waste lithium batteries",
    lot: lot(),
    facility: koreanFacility(),
    context: SEA_CARRIER_REFUSING_WASTE,
    says: /The route to .* needs sea transport, which this lot may not use: Tropical Shipping .* does not carry lithium batteries sent for recycling/,
  },
  {
    code: "BORDER_RESTRICTED",
    name: "waste packs to mainland China (solid waste import ban)",
    lot: lot(),
    facility: chineseFacility(),
    says: /is in China\. China has banned imports of solid waste/,
  },
  {
    code: "FACILITY_NOT_PERMITTED",
    name: "waste packs to a Korean plant without import consent",
    lot: lot(),
    facility: koreanFacility({ holdsImportConsent: false }),
    says: /has no consent on file to import waste batteries from Australia/,
  },
];

describe("one case per blocker code", () => {
  it("covers every code", () => {
    expect(new Set(CASES.map((c) => c.code))).toEqual(new Set(BLOCKER_CODES));
  });

  it.each(CASES)("$code: $name", ({ code, lot: theLot, facility: theFacility, context, says }) => {
    const blockers = assessFeasibility(theLot, theFacility, context ?? CONTEXT);
    expect(blockers.map((b) => b.code)).toEqual([code]);
    expect(blockers[0].message).toContain(theFacility.name);
    expect(blockers[0].message).toMatch(says);
  });
});

describe("feasible pairs", () => {
  it("a domestic facility that takes the lot has no blockers", () => {
    expect(assessFeasibility(lot(), facility(), CONTEXT)).toEqual([]);
  });

  it("the carrier that refuses waste at sea does not block a domestic road trip", () => {
    expect(assessFeasibility(lot(), facility(), SEA_CARRIER_REFUSING_WASTE)).toEqual([]);
  });

  it("crosses to Korea when the facility holds import consent, with transboundary papers", () => {
    const prepared = prepareLot(lot(), CONTEXT);
    const assessment = assessPair(prepared, koreanFacility(), true);
    expect(assessment.blockers).toEqual([]);
    expect(assessment.border).toMatchObject({ allowed: true, procedure: "oecd_control" });
    expect(assessment.documents).toEqual(
      expect.arrayContaining([
        "TRANSBOUNDARY_NOTIFICATION",
        "MOVEMENT_DOCUMENT",
        "DANGEROUS_GOODS_DECLARATION",
      ]),
    );
  });

  it("a domestic move never needs transboundary papers", () => {
    const assessment = assessPair(prepareLot(lot(), CONTEXT), facility(), true);
    expect(assessment.documents).not.toContain("TRANSBOUNDARY_NOTIFICATION");
    expect(assessment.documents).not.toContain("MOVEMENT_DOCUMENT");
    expect(assessment.documents).toContain("CERTIFICATE_OF_RECYCLING");
  });

  it("intact packs sold to a second-life-only facility travel for reuse, not as waste", () => {
    const repurposer = koreanFacility({ processes: ["second_life"], holdsImportConsent: false });
    const assessment = assessPair(prepareLot(lot(), CONTEXT), repurposer, true);
    expect(assessment.blockers).toEqual([]);
    expect(assessment.facts).toMatchObject({ purpose: "reuse", packingInstruction: "P903" });
    expect(assessment.documents).toContain("UN38_3_SUMMARY");
    expect(assessment.documents).not.toContain("TRANSBOUNDARY_NOTIFICATION");
  });

  it("critically damaged packs travel in P911, which lets them go by road and sea", () => {
    const critical = lot({ condition: "critically_damaged" });
    expect(assessFeasibility(critical, koreanFacility(), CONTEXT)).toEqual([]);
    expect(assessPair(prepareLot(critical, CONTEXT), facility(), true).facts.packingInstruction).toBe("P911");
  });
});

describe("capacity windows", () => {
  const blockerOf = (theFacility: MatchFacility, theLot = lot()) =>
    assessFeasibility(theLot, theFacility, CONTEXT).find((b) => b.code === "INSUFFICIENT_CAPACITY")?.message;

  it.each([
    ["no window at all", [], /has posted no capacity between December 2026 and May 2027/],
    ["only a window after the six months", [window({ month: "2027-06" })], /has posted no capacity/],
    ["only a window before the lot is available", [window({ month: "2026-11" })], /has posted no capacity/],
    ["fully booked", [window({ tonnes: 40, bookedTonnes: 40 })], /is fully booked between/],
    [
      "a window reserved for LFP",
      [window({ acceptedChemistries: ["LFP"] })],
      /capacity between December 2026 and May 2027 is reserved for LFP, not NMC811/,
    ],
    [
      "a price in a currency without a reference rate",
      [window({ pricePerTonne: { amountMinor: 5_000_000, currency: "GBP" } })],
      /prices its capacity .* in GBP, which Packloop cannot yet compare/,
    ],
    [
      "room only in a window priced without a rate; the USD one is full and not named",
      [
        window({ month: "2027-01", tonnes: 40, bookedTonnes: 40 }),
        window({ month: "2027-02", pricePerTonne: { amountMinor: 5_000_000, currency: "GBP" } }),
      ],
      /prices its capacity between December 2026 and May 2027 in GBP, which/,
    ],
  ])("blocks with %s", (_name, capacity, says) => {
    expect(blockerOf(facility({ capacity }))).toMatch(says);
  });

  it.each([
    ["the last month of the horizon", "2027-05"],
    ["a window of the lot's own chemistry", "2026-12"],
  ])("admits %s", (_name, month) => {
    expect(
      blockerOf(facility({ capacity: [window({ month, acceptedChemistries: ["NMC811"] })] })),
    ).toBeUndefined();
  });

  it("counts the horizon from today when the lot was available earlier", () => {
    const early = lot({ availableFrom: "2026-01-15" });
    expect(blockerOf(facility({ capacity: [window({ month: "2026-06" })] }), early)).toMatch(
      /between November 2026 and April 2027/,
    );
  });
});

describe("all blockers at once", () => {
  it("lists every reason, acceptance first, then capacity, then the border", () => {
    const blockers = assessFeasibility(
      lot({ condition: "damaged" }),
      chineseFacility({ acceptedForms: ["black_mass"], acceptedConditions: ["intact"], capacity: [] }),
      CONTEXT,
    );
    expect(blockers.map((b) => b.code)).toEqual([
      "FORM_NOT_ACCEPTED",
      "CONDITION_NOT_ACCEPTED",
      "INSUFFICIENT_CAPACITY",
      "BORDER_RESTRICTED",
    ]);
  });

  it("ranking's early rejection stops at the acceptance blockers and plans no route", () => {
    const assessment = assessPair(
      prepareLot(lot(), CONTEXT),
      chineseFacility({ acceptedForms: ["cell"] }),
      false,
    );
    expect(assessment.blockers.map((b) => b.code)).toEqual(["FORM_NOT_ACCEPTED"]);
    expect(assessment.route).toBeNull();
    expect(assessment.window).toBeNull();
  });
});
