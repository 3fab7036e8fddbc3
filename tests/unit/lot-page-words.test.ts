// Issue 14, the lot page's server sentences in the page's language (ADR 066): the domain gives codes
// and facts — the routing hint, the transport and value bases, a ladder row's step, a bid's terms, a
// reservation, a custody event and a chain's break — and the catalogue words them. The JSON API words
// the same codes with the English catalogue, so its sentences are exactly the ones it always wrote.
import { describe, expect, it } from "vitest";
import type { LadderStepKind } from "~/domain/bidding/ladder-step.ts";
import { type ChainBreak, CUSTODY_KINDS } from "~/domain/custody/chain.ts";
import { DEAL_TRANSITIONS } from "~/domain/deals/deal-state.ts";
import { deriveLotFacts } from "~/domain/lot-derived.ts";
import { toLotJson } from "~/domain/lot-json.ts";
import type { ReservationNoticeKind } from "~/domain/lot-reservation.ts";
import { type LotForRouting, lotRoutingHint, type RoutingHint } from "~/domain/lot-routing-hint.ts";
import { PAYABLE_BASIS_CODES } from "~/domain/lot-value.ts";
import { DEFAULT_REFERENCE_PRICES } from "~/domain/reference-prices.ts";
import { MILESTONE_KINDS } from "~/domain/shipments/milestones.ts";
import { TRANSPORT_BASIS_CODES } from "~/domain/transport-classification.ts";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { LANGUAGE_CODES } from "~/i18n/languages.ts";
import { englishDerivedWording } from "~/i18n/lot-wording.server.ts";
import {
  bidTermsText,
  chainBreakText,
  custodyKindText,
  derivedWording,
  ladderStepText,
  netValueNoteText,
  reservationText,
  withdrawalText,
} from "~/i18n/lot-wording.ts";

const lot = (over: Partial<LotForRouting> = {}): LotForRouting => ({
  chemistry: "LFP",
  form: "pack",
  condition: "intact",
  stateOfHealthPct: 85,
  ...over,
});

describe("lotRoutingHint gives a reason and its facts, no sentence", () => {
  const rows: [string, LotForRouting, Omit<RoutingHint, "code"> & { code: string }][] = [
    [
      "black mass",
      lot({ form: "black_mass" }),
      { code: "recycle", reason: "feedstock", stateOfHealthPct: null, note: null },
    ],
    [
      "production scrap",
      lot({ form: "production_scrap" }),
      { code: "recycle", reason: "feedstock", stateOfHealthPct: null, note: null },
    ],
    [
      "damaged",
      lot({ condition: "damaged" }),
      { code: "recycle", reason: "damaged", stateOfHealthPct: null, note: null },
    ],
    [
      "mixed",
      lot({ chemistry: "MIXED" }),
      { code: "recycle", reason: "mixed", stateOfHealthPct: null, note: null },
    ],
    [
      "SoH unknown",
      lot({ stateOfHealthPct: null }),
      { code: "test_first", reason: "soh_unknown", stateOfHealthPct: null, note: null },
    ],
    ["SoH 85", lot(), { code: "second_life", reason: "soh_high", stateOfHealthPct: 85, note: null }],
    [
      "LFP at 75",
      lot({ stateOfHealthPct: 75 }),
      { code: "second_life_candidate", reason: "soh_middle", stateOfHealthPct: 75, note: "phosphate" },
    ],
    [
      "NMC811 at 75",
      lot({ chemistry: "NMC811", stateOfHealthPct: 75 }),
      { code: "second_life_candidate", reason: "soh_middle", stateOfHealthPct: 75, note: "nickel_cobalt" },
    ],
    [
      "LMO at 72.5",
      lot({ chemistry: "LMO", stateOfHealthPct: 72.5 }),
      { code: "second_life_candidate", reason: "soh_middle", stateOfHealthPct: 72.5, note: "capacity_test" },
    ],
    [
      "SoH 50",
      lot({ stateOfHealthPct: 50 }),
      { code: "recycle", reason: "soh_low", stateOfHealthPct: 50, note: null },
    ],
  ];
  it.each(rows)("%s", (_name, input, expected) => {
    expect(lotRoutingHint(input)).toEqual({ ok: true, ...expected });
  });
});

describe("the API's English is the English catalogue's, word for word as before", () => {
  const english = englishDerivedWording();
  it.each([
    [
      lot({ stateOfHealthPct: 79.9 }),
      "At 79.9 % state of health a stationary second life may be possible: phosphate cells' long cycle life suits stationary storage.",
    ],
    [
      lot({ chemistry: "NMC811", stateOfHealthPct: 75 }),
      "At 75 % state of health a stationary second life may be possible: nickel- and cobalt-rich cells fade fast past the ageing knee, so ask for a degradation analysis.",
    ],
    [
      lot(),
      "At 85 % state of health these batteries are candidates for reuse or repurposing, subject to a capacity test.",
    ],
    [
      lot({ stateOfHealthPct: null }),
      "State of health unknown: a BMS log, capacity test or battery passport would show whether a second life is possible.",
    ],
  ])("the routing hint %#", (input, sentence) => {
    const hint = lotRoutingHint(input);
    if (!hint.ok) throw new Error(hint.reason);
    expect(english.routingHint(hint)).toBe(sentence);
  });

  it("the transport and value bases, with the package mark filled in", () => {
    expect(english.transportBasis("recycling_scrap", "LITHIUM BATTERIES FOR RECYCLING")).toBe(
      'Carried for recycling (SP 377): P909, no UN 38.3 test summary needed, packages marked "LITHIUM BATTERIES FOR RECYCLING"; batteries of 12 kg or more with a strong casing may go on pallets or in crates. Forbidden by air unless the states of origin and of the operator approve (IATA A183). Assumes the scrap holds cells; electrode trimmings without cells are not batteries and are classified like black mass.',
    );
    expect(english.transportBasis("damaged", null)).toBe(
      "Damaged batteries no longer conform to their tested type (SP 376): each in its own inner packaging with non-combustible, non-conductive insulation, P908 or LP904. Forbidden by air (IATA A154).",
    );
    expect(english.valueBasis("nothing_paid")).toBe(
      "Sodium-ion batteries contain no lithium, nickel or cobalt to pay for; expect a gate fee (assumed up to USD 500/t).",
    );
  });

  it("the lot's JSON keeps its shape: sentences where they were, no codes added", () => {
    const row = {
      id: "00000000-0000-4000-8000-000000000001",
      number: 7,
      organizationId: "o",
      status: "open" as const,
      title: "Packs",
      chemistry: "LFP" as const,
      form: "production_scrap" as const,
      condition: "intact" as const,
      count: 1,
      massKg: 1000,
      energyWh: null,
      stateOfHealthPct: null,
      originVehicle: null,
      originOem: null,
      lat: 0,
      lng: 0,
      locationLabel: null,
      economyCode: "AU",
      availableFrom: new Date("2026-12-01"),
      saleMode: "fixed" as const,
      currency: "USD",
      startingPriceMinor: null,
      reservePriceMinor: null,
      askingPriceMinor: 100n,
      currentPriceMinor: null,
      closesAt: null,
      publishedAt: null,
      description: null,
      bidCount: 0,
      version: 1,
      createdAt: new Date("2026-12-01"),
      updatedAt: new Date("2026-12-01"),
    };
    const json = toLotJson(row, { prices: DEFAULT_REFERENCE_PRICES, wording: english });
    expect(json.derived.routingHint).toEqual({
      code: "recycle",
      sentence: "Black mass and production scrap are recycling feed.",
    });
    expect(Object.keys(json.derived.transport ?? {})).toEqual([
      "unNumber",
      "properShippingName",
      "packingInstruction",
      "largePackingInstruction",
      "specialProvisions",
      "airForbidden",
      "basis",
    ]);
    expect(json.derived.transport?.basis).toMatch(/^Carried for recycling \(SP 377\).*like black mass\.$/);
    expect(json.derived.valueRange?.basis).toMatch(/^Only lithium is paid for/);
    // The same derivation handed in gives the same JSON (the lot page derives once).
    const derived = deriveLotFacts(row, DEFAULT_REFERENCE_PRICES);
    expect(toLotJson(row, { prices: DEFAULT_REFERENCE_PRICES, wording: english, derived })).toEqual(json);
  });
});

/** Every code the lot page words, with the facts its sentence names. */
function everySentence(language: (typeof LANGUAGE_CODES)[number]): Map<string, string> {
  const t = translatorFor(language);
  const format = {
    number: String,
    tonnesOfKg: (kg: number) => `${kg / 1000} t`,
    month: (month: string) => month,
    money: () => "USD 1",
    day: (date: string) => date,
  };
  const word = derivedWording(t, format);
  const out = new Map<string, string>();
  for (const code of TRANSPORT_BASIS_CODES) out.set(`transport.${code}`, word.transportBasis(code, "MARK"));
  for (const code of PAYABLE_BASIS_CODES) out.set(`value.${code}`, word.valueBasis(code));
  const hints: RoutingHint[] = [
    { code: "recycle", reason: "feedstock", stateOfHealthPct: null, note: null },
    { code: "recycle", reason: "damaged", stateOfHealthPct: null, note: null },
    { code: "recycle", reason: "mixed", stateOfHealthPct: null, note: null },
    { code: "test_first", reason: "soh_unknown", stateOfHealthPct: null, note: null },
    { code: "second_life", reason: "soh_high", stateOfHealthPct: 85, note: null },
    { code: "second_life_candidate", reason: "soh_middle", stateOfHealthPct: 75, note: "phosphate" },
    { code: "second_life_candidate", reason: "soh_middle", stateOfHealthPct: 75, note: "nickel_cobalt" },
    { code: "second_life_candidate", reason: "soh_middle", stateOfHealthPct: 75, note: "capacity_test" },
    { code: "recycle", reason: "soh_low", stateOfHealthPct: 50, note: null },
  ];
  for (const hint of hints) out.set(`routing.${hint.reason}.${hint.note}`, word.routingHint(hint));
  const steps: LadderStepKind[] = [
    "opening",
    "took_lead",
    "took_lead_by_proxy",
    "reserve_jump",
    "outbid_by_proxy",
    "raised_maximum",
  ];
  for (const step of steps) out.set(`ladder.${step}`, ladderStepText(t, step));
  out.set("terms.exw", bidTermsText(t, { kind: "exw", facilityName: null }));
  out.set("terms.exwFor", bidTermsText(t, { kind: "exw", facilityName: "F" }));
  out.set("terms.delivered", bidTermsText(t, { kind: "delivered", facilityName: "F" }));
  out.set("terms.dap", bidTermsText(t, { kind: "dap", destination: "Busan" }));
  out.set("terms.dapBuyer", bidTermsText(t, { kind: "dap", destination: null }));
  out.set("netNote.no_fx", netValueNoteText(t, "no_fx"));
  out.set("netNote.no_route", netValueNoteText(t, "no_route"));
  const kinds: ReservationNoticeKind[] = [
    "bidders",
    "buyers_facility",
    "rides_on_provisional",
    "rides_on",
    "released_to",
    "released_no_facility",
  ];
  for (const kind of kinds)
    out.set(
      `reservation.${kind}`,
      reservationText(t, format, {
        kind,
        facilityName: "Facility F",
        month: "2027-01",
        massKg: 5400,
        awardFacilityName: "Facility G",
      }),
    );
  const breaks: ChainBreak[] = [
    "sequence_gap",
    "wrong_lot",
    "prev_hash_mismatch",
    "hash_mismatch",
    "bad_correction",
    "not_canonical",
  ];
  for (const reason of breaks) out.set(`broken.${reason}`, chainBreakText(t, reason, 7));
  for (const kind of CUSTODY_EVENT_KINDS) out.set(`custody.${kind}`, custodyKindText(t, kind));
  out.set("withdrawal.none", withdrawalText(t, { liveBids: 0, bidders: 0 }));
  out.set("withdrawal.one", withdrawalText(t, { liveBids: 1, bidders: 1 }));
  out.set("withdrawal.some", withdrawalText(t, { liveBids: 3, bidders: 2 }));
  return out;
}

/** Every kind the models append to a lot's chain (custody-chain.server.ts's callers). */
const CUSTODY_EVENT_KINDS = [
  ...CUSTODY_KINDS,
  "certificate_issued",
  "consent_recorded",
  "dispute_evidence_added",
  "deal_created",
  ...new Set(DEAL_TRANSITIONS.map((t) => `deal_${t.event}`)),
  ...MILESTONE_KINDS.map((kind) => `milestone_${kind}`),
];

describe("every code is worded in every language", () => {
  const english = everySentence("en");
  it("English names every fact it is given", () => {
    expect(english.get("reservation.released_to")).toBe(
      "Your booking at Facility F for 2027-01 is released when you confirm: Facility F is told the lot was sold to another party, and the award reserves 5.4 t at Facility G instead. If the award lapses or you decline it, the booking stays yours.",
    );
    expect(english.get("broken.prev_hash_mismatch")).toBe("Event 7 does not follow event 6.");
    expect(english.get("custody.deal_payment_received")).toBe("Payment received");
    expect(english.get("custody.milestone_picked_up")).toBe("Milestone picked up");
    const final = "Withdrawing takes the lot off the market for good; it cannot be published again.";
    expect(english.get("withdrawal.none")).toBe(final);
    expect(english.get("withdrawal.one")).toBe(`1 bid will be cancelled and its bidder is told. ${final}`);
    expect(english.get("withdrawal.some")).toBe(
      `3 bids will be cancelled and their 2 bidders are told. ${final}`,
    );
  });

  it.each(LANGUAGE_CODES.filter((code) => code !== "en"))("%s", (language) => {
    const translated = everySentence(language);
    expect([...translated.keys()]).toEqual([...english.keys()]);
    for (const [key, text] of translated) {
      // Filled in, not left as a placeholder or a key, and not the English fallback.
      expect(text, key).not.toMatch(/\{\{|lotWords\./);
      expect(text, key).not.toBe(english.get(key));
      if (/Facility F/.test(english.get(key) ?? "")) expect(text, key).toContain("Facility F");
      if (key === "reservation.released_to") expect(text).toContain("Facility G");
      if (key === "withdrawal.some") expect(text).toMatch(/3[^\d]+2|2[^\d]+3/);
      if (key.startsWith("routing.soh_") && key !== "routing.soh_unknown.null")
        expect(text, key).toMatch(/\d/);
    }
  });
});
