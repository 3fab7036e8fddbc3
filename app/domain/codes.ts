/**
 * Stable code lists shared by the database (prisma/schema.prisma enums), forms, filters and the
 * domain rules, each with the label people see. The values are the enum values in the schema,
 * letter for letter; tests/unit/reference-data.test.ts keeps the two in step.
 */

function guard<T extends string>(values: readonly T[]): (value: unknown) => value is T {
  const set = new Set<string>(values);
  return (value: unknown): value is T => typeof value === "string" && set.has(value);
}

// Chemistries. Cathode formulas and their metal content are in
// docs/domain/chemistries-and-metal-content.md §1.1; sodium-ion cells
// such as CATL's Naxtra contain no lithium, nickel or cobalt
// (https://en.teqnoverse.com/news/catl-begins-production-of-first-commercial-lithium-free-ev-battery).
export const CHEMISTRIES = [
  "NMC111",
  "NMC532",
  "NMC622",
  "NMC811",
  "NCA",
  "LFP",
  "LMFP",
  "LMO",
  "LCO",
  "SODIUM_ION",
  "MIXED",
] as const;
export type Chemistry = (typeof CHEMISTRIES)[number];
export const isChemistry = guard(CHEMISTRIES);

export const CHEMISTRY_LABELS: Readonly<Record<Chemistry, string>> = {
  NMC111: "NMC 111 (nickel manganese cobalt 1:1:1)",
  NMC532: "NMC 532 (nickel manganese cobalt 5:3:2)",
  NMC622: "NMC 622 (nickel manganese cobalt 6:2:2)",
  NMC811: "NMC 811 (nickel manganese cobalt 8:1:1)",
  NCA: "NCA (nickel cobalt aluminium)",
  LFP: "LFP (lithium iron phosphate)",
  LMFP: "LMFP (lithium manganese iron phosphate)",
  LMO: "LMO (lithium manganese oxide)",
  LCO: "LCO (lithium cobalt oxide)",
  SODIUM_ION: "Sodium-ion",
  MIXED: "Mixed / unsorted chemistries",
};

/** Short labels for tables, chips and map tooltips. */
export const CHEMISTRY_SHORT_LABELS: Readonly<Record<Chemistry, string>> = {
  NMC111: "NMC111",
  NMC532: "NMC532",
  NMC622: "NMC622",
  NMC811: "NMC811",
  NCA: "NCA",
  LFP: "LFP",
  LMFP: "LMFP",
  LMO: "LMO",
  LCO: "LCO",
  SODIUM_ION: "Na-ion",
  MIXED: "Mixed",
};

// Forms in which material changes hands. Black mass is the fine cathode-plus-anode powder left
// after shredding and sieving (docs/domain/recycling-processes.md §2.1); production scrap is off-spec cells,
// electrodes and trimmings from cell and electrode plants (priced separately by Argus, §1.2).
export const LOT_FORMS = ["pack", "module", "cell", "black_mass", "production_scrap"] as const;
export type LotForm = (typeof LOT_FORMS)[number];
export const isLotForm = guard(LOT_FORMS);

export const LOT_FORM_LABELS: Readonly<Record<LotForm, string>> = {
  pack: "Battery packs",
  module: "Modules",
  cell: "Cells",
  black_mass: "Black mass",
  production_scrap: "Production scrap",
};

// Conditions follow the dangerous-goods distinction that decides how a battery may be packed and
// carried: special provision SP 376 of the UN Model Regulations / ADR / IMDG covers damaged or
// defective batteries (no longer conforming to the tested type) and singles out those liable to
// react dangerously in transport, which need P911/LP906 packaging or competent-authority conditions
// (http://lithium.batteriestransport.org/21/ ; https://lithium.batteriestransport.org/144).
// Damaged and defective batteries may not travel by air at all (IATA SP A154;
// docs/domain/transport-dangerous-goods.md §4.4).
export const BATTERY_CONDITIONS = ["intact", "damaged", "defective", "critically_damaged"] as const;
export type BatteryCondition = (typeof BATTERY_CONDITIONS)[number];
export const isBatteryCondition = guard(BATTERY_CONDITIONS);

export const BATTERY_CONDITION_LABELS: Readonly<Record<BatteryCondition, string>> = {
  intact: "Intact",
  damaged: "Damaged",
  defective: "Defective",
  critically_damaged: "Critically damaged",
};

/** One-sentence test a seller applies when declaring the condition (after SP 376). */
export const BATTERY_CONDITION_CRITERIA: Readonly<Record<BatteryCondition, string>> = {
  intact:
    "Still conforms to its tested type: no leak, venting, swelling, deformation or discoloration, and its safety features and battery management system work.",
  damaged:
    "Has physical damage such as a deformed, dented or cracked casing or discoloration, or has leaked or vented, but is not expected to react dangerously under normal transport conditions.",
  defective:
    "Shows no serious physical damage but is defective for safety reasons, such as a fault in the battery management system or short-circuit protection, a safety recall, or a state that cannot be diagnosed.",
  critically_damaged:
    "Is liable to rapidly disassemble, react dangerously, produce a flame, dangerous heat or toxic, corrosive or flammable gas under normal transport conditions, so it needs P911/LP906 packaging or competent-authority approval.",
};

// Processes (docs/domain/recycling-processes.md §2.1). Mechanical pre-treatment includes discharge,
// dismantling, thermal deactivation, shredding and sieving to black mass.
export const RECYCLING_PROCESSES = [
  "mechanical",
  "pyrometallurgy",
  "hydrometallurgy",
  "direct_recycling",
  "second_life",
] as const;
export type RecyclingProcess = (typeof RECYCLING_PROCESSES)[number];
export const isRecyclingProcess = guard(RECYCLING_PROCESSES);

export const RECYCLING_PROCESS_LABELS: Readonly<Record<RecyclingProcess, string>> = {
  mechanical: "Mechanical pre-treatment",
  pyrometallurgy: "Pyrometallurgy (smelting)",
  hydrometallurgy: "Hydrometallurgy (leaching and refining)",
  direct_recycling: "Direct recycling (cathode regeneration)",
  second_life: "Second-life repurposing",
};

export const SALE_MODES = ["auction", "sealed", "fixed"] as const;
export type SaleMode = (typeof SALE_MODES)[number];
export const isSaleMode = guard(SALE_MODES);

export const SALE_MODE_LABELS: Readonly<Record<SaleMode, string>> = {
  auction: "Open auction",
  sealed: "Sealed tender",
  fixed: "Fixed price",
};

export const CAPABILITIES = ["seller", "recycler", "buyer", "carrier"] as const;
export type Capability = (typeof CAPABILITIES)[number];
export const isCapability = guard(CAPABILITIES);

export const CAPABILITY_LABELS: Readonly<Record<Capability, string>> = {
  seller: "Seller",
  recycler: "Recycler",
  buyer: "Buyer",
  carrier: "Carrier",
};
