/**
 * Dangerous-goods classification of a lot: UN number, proper shipping name, packing instruction and
 * the special provisions that choose it. Sources: docs/domain/transport-dangerous-goods.md §4, which
 * gives each link below with its date.
 *
 * - UN 3480 covers loose lithium-ion batteries, cells and modules, new, used, waste or damaged; the
 *   "in or packed with equipment" entry (UN 3481) never fits a lot of loose batteries. Sodium-ion
 *   batteries with an organic electrolyte have their own entry, UN 3551, listed from the 2025 editions
 *   (https://www.batteriestransport.org/section/279/faqs ; https://gefahrgutbrumme.de/ADR2025/SV/SV400.html).
 *   Both are class 9 with the 9A lithium-battery label.
 * - SP 376: damaged or defective batteries no longer conform to their tested type. Non-critical ones
 *   go in P908 (LP904 for a large packaging); those liable to react dangerously in transport need
 *   P911 (LP906) or conditions set by a competent authority (http://lithium.batteriestransport.org/21/ ;
 *   https://lithium.batteriestransport.org/144).
 * - SP 377: batteries carried for disposal or recycling may use P909, are relieved of the UN 38.3 test
 *   summary, and are marked "LITHIUM BATTERIES FOR RECYCLING"; damaged ones stay under SP 376
 *   (https://www.dgg.bam.de/dgginfo/shortinfo/un/crdmjkyobpmi?lang=en ; http://lithium.batteriestransport.org/141/).
 * - P903 / LP903: intact new or used batteries; strong casings of 12 kg or more may travel in crates or
 *   on pallets, LP903 is one large battery in a rigid large packaging
 *   (http://www.marineatlantic.ca/imdg12/instructions/P903/ ; https://gefahrgutbrumme.de/ADR2023/Verp/LP903.html).
 * - Air: waste and recycling lithium batteries are forbidden unless the states of origin and of the
 *   operator approve (IATA SP A183); damaged or defective ones are forbidden outright (IATA SP A154)
 *   (http://lithium.batteriestransport.org/130/ ; https://lithiumusa.batteriestransport.org/20).
 *
 * Why intact batteries default to P909: a lot on Packloop is an end-of-life battery consigned to a
 * recycler unless it is sold for a second life. SP 377 lets such a consignment use P909 without a
 * UN 38.3 test summary, which sellers of ten-year-old packs often cannot produce. A lot sold for reuse
 * is not waste, so it must use P903/LP903 and its test summary is required (§4.3).
 *
 * Sodium-ion: the sources confirm UN 3551 but not that SP 376/377 and the same packing
 * instructions apply to it; the UN Model Regulations list them on UN 3551 as on UN 3480 [V], and this
 * module applies them alike.
 */

import {
  type BatteryCondition,
  type Chemistry,
  isBatteryCondition,
  isChemistry,
  isLotForm,
  type LotForm,
} from "./codes.ts";

/** Why the lot travels: to a recycler (waste, SP 377) or to a second-life buyer (not waste). */
export const TRANSPORT_PURPOSES = ["recycling", "reuse"] as const;
export type TransportPurpose = (typeof TRANSPORT_PURPOSES)[number];

export interface TransportClassification {
  readonly unNumber: string;
  readonly properShippingName: string;
  readonly hazardClass: "9";
  readonly packingInstruction: string;
  readonly largePackingInstruction?: string;
  /** Special provisions that decide the packing, as numbers: "376", "377". */
  readonly specialProvisions: readonly string[];
  readonly airForbidden: boolean;
  /** Whether the carrier may ask for the UN 38.3 test summary (not for waste or damaged batteries). */
  readonly testSummaryRequired: boolean;
  /**
   * True when the rule is our own planning assumption rather than a firm rule in
   * docs/domain/transport-dangerous-goods.md.
   */
  readonly assumption: boolean;
  /**
   * Why this packing, as a code a page words in its language (`lotWords.transport.<code>`, issue 14;
   * the API's English comes from the same catalogue): one or two sentences a seller or carrier reads.
   */
  readonly basis: TransportBasisCode;
  /** The package mark SP 377 asks for (recycling only), quoted as it is written on the package. */
  readonly recyclingMark: string | null;
}

export const TRANSPORT_BASIS_CODES = [
  "black_mass",
  "damaged",
  "defective",
  "critically_damaged",
  "recycling",
  "recycling_scrap",
  "reuse",
] as const;
export type TransportBasisCode = (typeof TRANSPORT_BASIS_CODES)[number];

export type TransportClassificationFailure =
  | "unknown_chemistry"
  | "unknown_form"
  | "unknown_condition"
  | "unknown_purpose";

export type TransportClassificationResult =
  | ({ readonly ok: true } & TransportClassification)
  | { readonly ok: false; readonly reason: TransportClassificationFailure };

export interface LotForTransport {
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly condition: BatteryCondition;
}

const LITHIUM_ION = {
  unNumber: "UN3480",
  properShippingName: "LITHIUM ION BATTERIES (including lithium ion polymer batteries)",
} as const;

const SODIUM_ION = {
  unNumber: "UN3551",
  properShippingName: "SODIUM ION BATTERIES with organic electrolyte",
} as const;

function batteryEntry(chemistry: Chemistry) {
  // A mixed lot may hold sodium-ion packs, but lithium-ion dominates every real mix; the stricter
  // and far more common entry is the safe default.
  return chemistry === "SODIUM_ION" ? SODIUM_ION : LITHIUM_ION;
}

/**
 * Black mass is a powder, not a battery, so UN 3480, SP 376 and SP 377 do not apply. No source gives
 * a firm rule for it: the shipper's safety data sheet decides. Fully deactivated black mass often
 * ships as non-dangerous goods; nickel and cobalt compounds make UN 3077 (environmentally hazardous
 * substance, class 9, P002/LP02 [V]) the cautious planning default, which this returns [A]. China also
 * forbids bulk black mass imports (docs/domain/border-rules.md §5.6), so it is priced as packaged goods
 * anyway.
 */
const BLACK_MASS: TransportClassification = {
  unNumber: "UN3077",
  properShippingName: "ENVIRONMENTALLY HAZARDOUS SUBSTANCE, SOLID, N.O.S. (battery black mass)",
  hazardClass: "9",
  packingInstruction: "P002",
  largePackingInstruction: "LP02",
  specialProvisions: [],
  airForbidden: false,
  testSummaryRequired: false,
  assumption: true,
  basis: "black_mass",
  recyclingMark: null,
};

function damaged(chemistry: Chemistry, condition: "damaged" | "defective"): TransportClassification {
  return {
    ...batteryEntry(chemistry),
    hazardClass: "9",
    packingInstruction: "P908",
    largePackingInstruction: "LP904",
    specialProvisions: ["376"],
    airForbidden: true,
    testSummaryRequired: false,
    assumption: chemistry === "SODIUM_ION",
    basis: condition,
    recyclingMark: null,
  };
}

function criticallyDamaged(chemistry: Chemistry): TransportClassification {
  return {
    ...batteryEntry(chemistry),
    hazardClass: "9",
    packingInstruction: "P911",
    largePackingInstruction: "LP906",
    specialProvisions: ["376"],
    airForbidden: true,
    testSummaryRequired: false,
    assumption: chemistry === "SODIUM_ION",
    basis: "critically_damaged",
    recyclingMark: null,
  };
}

function intactForRecycling(chemistry: Chemistry, productionScrap: boolean): TransportClassification {
  const mark =
    chemistry === "SODIUM_ION" ? "SODIUM ION BATTERIES FOR RECYCLING" : "LITHIUM BATTERIES FOR RECYCLING";
  return {
    ...batteryEntry(chemistry),
    hazardClass: "9",
    packingInstruction: "P909",
    specialProvisions: ["377"],
    airForbidden: true,
    testSummaryRequired: false,
    assumption: productionScrap || chemistry === "SODIUM_ION",
    // Production scrap is assumed to hold cells; trimmings without cells are classified like black mass.
    basis: productionScrap ? "recycling_scrap" : "recycling",
    recyclingMark: mark,
  };
}

function intactForReuse(chemistry: Chemistry): TransportClassification {
  return {
    ...batteryEntry(chemistry),
    hazardClass: "9",
    packingInstruction: "P903",
    largePackingInstruction: "LP903",
    specialProvisions: [],
    airForbidden: false,
    testSummaryRequired: true,
    assumption: chemistry === "SODIUM_ION",
    basis: "reuse",
    recyclingMark: null,
  };
}

/**
 * The classification shown on a lot. `purpose` defaults to recycling, the usual end of an end-of-life
 * battery; pass "reuse" for a lot routed to a second life. Production scrap always travels for
 * recycling, and damage (SP 376) overrides the purpose.
 */
export function classifyTransport(
  lot: LotForTransport,
  purpose: TransportPurpose = "recycling",
): TransportClassificationResult {
  if (!isChemistry(lot.chemistry)) return { ok: false, reason: "unknown_chemistry" };
  if (!isLotForm(lot.form)) return { ok: false, reason: "unknown_form" };
  if (!isBatteryCondition(lot.condition)) return { ok: false, reason: "unknown_condition" };
  if (!(TRANSPORT_PURPOSES as readonly string[]).includes(purpose)) {
    return { ok: false, reason: "unknown_purpose" };
  }

  if (lot.form === "black_mass") return { ok: true, ...BLACK_MASS };

  switch (lot.condition) {
    case "critically_damaged":
      return { ok: true, ...criticallyDamaged(lot.chemistry) };
    case "damaged":
    case "defective":
      return { ok: true, ...damaged(lot.chemistry, lot.condition) };
    case "intact": {
      const productionScrap = lot.form === "production_scrap";
      if (purpose === "reuse" && !productionScrap) return { ok: true, ...intactForReuse(lot.chemistry) };
      return { ok: true, ...intactForRecycling(lot.chemistry, productionScrap) };
    }
  }
}
