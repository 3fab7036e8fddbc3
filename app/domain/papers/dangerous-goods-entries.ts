/**
 * The dangerous-goods list entries Packloop papers can describe: UN number, proper shipping name,
 * class, label, packing group, ADR tunnel restriction code and whether special provisions 376
 * (damaged or defective) and 377 (for disposal or recycling) apply to the entry.
 * Sources: docs/domain/transport-dangerous-goods.md §4.1, §4.2 and §4.5 (the transport document).
 *
 * - Lithium and sodium-ion battery entries (UN 3090, 3091, 3480, 3481, 3551) have no packing group
 *   (§4.5 [S]); SP 376 and SP 377 are listed on all of them (§4.2 [S]; sodium-ion [V]).
 * - UN 3077 (black mass, our planning default, §4.1 [A]) has packing group III and is an n.o.s. entry
 *   that takes a technical name in brackets (ADR 3.1.2.8.1 [S]).
 * - UN 3171 (battery-powered vehicle or equipment) has no packing group; SP 376/377 are not listed
 *   on it [V].
 * - Tunnel restriction codes from ADR Table A column (15) [V]: "(E)" for the battery entries, "(-)"
 *   for UN 3077 and UN 3171.
 */

export const DG_UN_NUMBERS = ["UN3480", "UN3481", "UN3090", "UN3091", "UN3551", "UN3171", "UN3077"] as const;
export type DgUnNumber = (typeof DG_UN_NUMBERS)[number];

export type BatteryFamily = "lithium_ion" | "lithium_metal" | "sodium_ion";

export interface DangerousGoodsEntry {
  readonly unNumber: DgUnNumber;
  /** As printed in the dangerous goods list, capitals and the lower-case qualifier. */
  readonly properShippingName: string;
  readonly hazardClass: "9";
  /** Label model number (ADR 5.2.2.2.2): 9A is the lithium-battery label, still class 9. */
  readonly label: "9" | "9A";
  readonly packingGroup: "III" | null;
  readonly tunnelCode: "(E)" | "(-)";
  /** The battery family the entry covers, or null for non-battery entries. */
  readonly family: BatteryFamily | null;
  /** Whether SP 376 and SP 377 are listed on the entry. */
  readonly batterySpecialProvisions: boolean;
  /** n.o.s. entries need a technical name in brackets after the proper shipping name. */
  readonly needsTechnicalName: boolean;
}

const ENTRIES: Readonly<Record<DgUnNumber, DangerousGoodsEntry>> = {
  UN3480: {
    unNumber: "UN3480",
    properShippingName: "LITHIUM ION BATTERIES (including lithium ion polymer batteries)",
    hazardClass: "9",
    label: "9A",
    packingGroup: null,
    tunnelCode: "(E)",
    family: "lithium_ion",
    batterySpecialProvisions: true,
    needsTechnicalName: false,
  },
  UN3481: {
    unNumber: "UN3481",
    properShippingName:
      "LITHIUM ION BATTERIES CONTAINED IN EQUIPMENT (including lithium ion polymer batteries)",
    hazardClass: "9",
    label: "9A",
    packingGroup: null,
    tunnelCode: "(E)",
    family: "lithium_ion",
    batterySpecialProvisions: true,
    needsTechnicalName: false,
  },
  UN3090: {
    unNumber: "UN3090",
    properShippingName: "LITHIUM METAL BATTERIES (including lithium alloy batteries)",
    hazardClass: "9",
    label: "9A",
    packingGroup: null,
    tunnelCode: "(E)",
    family: "lithium_metal",
    batterySpecialProvisions: true,
    needsTechnicalName: false,
  },
  UN3091: {
    unNumber: "UN3091",
    properShippingName: "LITHIUM METAL BATTERIES CONTAINED IN EQUIPMENT (including lithium alloy batteries)",
    hazardClass: "9",
    label: "9A",
    packingGroup: null,
    tunnelCode: "(E)",
    family: "lithium_metal",
    batterySpecialProvisions: true,
    needsTechnicalName: false,
  },
  UN3551: {
    unNumber: "UN3551",
    properShippingName: "SODIUM ION BATTERIES with organic electrolyte",
    hazardClass: "9",
    label: "9A",
    packingGroup: null,
    tunnelCode: "(E)",
    family: "sodium_ion",
    batterySpecialProvisions: true,
    needsTechnicalName: false,
  },
  UN3171: {
    unNumber: "UN3171",
    properShippingName: "BATTERY-POWERED EQUIPMENT",
    hazardClass: "9",
    label: "9",
    packingGroup: null,
    tunnelCode: "(-)",
    family: null,
    batterySpecialProvisions: false,
    needsTechnicalName: false,
  },
  UN3077: {
    unNumber: "UN3077",
    properShippingName: "ENVIRONMENTALLY HAZARDOUS SUBSTANCE, SOLID, N.O.S.",
    hazardClass: "9",
    label: "9",
    packingGroup: "III",
    tunnelCode: "(-)",
    family: null,
    batterySpecialProvisions: false,
    needsTechnicalName: true,
  },
};

/** "UN3480", "UN 3480" or "3480" → the entry; null for a number Packloop papers do not describe. */
export function dangerousGoodsEntry(unNumber: string): DangerousGoodsEntry | null {
  const digits = /^\s*(?:UN\s*)?(\d{4})\s*$/i.exec(unNumber)?.[1];
  if (!digits) return null;
  return ENTRIES[`UN${digits}` as DgUnNumber] ?? null;
}

/** "UN3480" → "UN 3480", as the transport document writes it (the letters UN, then the number). */
export function spacedUnNumber(unNumber: DgUnNumber): string {
  return `UN ${unNumber.slice(2)}`;
}

const FAMILY_WORDS: Readonly<Record<BatteryFamily, string>> = {
  lithium_ion: "LITHIUM ION BATTERIES",
  lithium_metal: "LITHIUM METAL BATTERIES",
  sodium_ion: "SODIUM ION BATTERIES",
};

/** The package mark SP 376 requires: "DAMAGED/DEFECTIVE LITHIUM ION BATTERIES" (§4.5). */
export function damagedMark(family: BatteryFamily): string {
  return `DAMAGED/DEFECTIVE ${FAMILY_WORDS[family]}`;
}

/** The package mark SP 377 requires: "LITHIUM BATTERIES FOR DISPOSAL" or "… FOR RECYCLING" (§4.5). */
export function disposalMark(family: BatteryFamily, purpose: "disposal" | "recycling"): string {
  const words = family === "sodium_ion" ? "SODIUM ION BATTERIES" : "LITHIUM BATTERIES";
  return `${words} FOR ${purpose === "disposal" ? "DISPOSAL" : "RECYCLING"}`;
}
