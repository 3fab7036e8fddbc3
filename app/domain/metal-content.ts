/**
 * Estimated metal content and energy of a lot from its chemistry, form and mass. Grams are integers,
 * so nothing stored or summed is a float. Sources: docs/domain/chemistries-and-metal-content.md §1 (tags as
 * in docs/domain/README.md: [S] stated, [D] derived, [A] our assumption, tunable).
 *
 * Batteries (cells, modules, packs): energy = mass × specific energy of the form; metal = energy ×
 * cathode active material (CAM) per kWh × the metal's share of the CAM.
 * - Metal shares of each CAM come from its idealised formula, and the CAM per kWh is the theoretical
 *   minimum at a practical capacity and voltage (§1.1 [D]). Real cells carry 10–40 % more CAM than
 *   that minimum (§1.1), so we add the middle of that band, 25 % [A].
 * - Copper is the current collectors: 20 kg in the average 60 kWh battery of 2020, 0.33 kg/kWh
 *   (T&E via Visual Capitalist, §1.2 [S/D]). Pack busbars and cables are not counted, so packs are
 *   slightly under-estimated [A]. Sodium-ion cells use aluminium foil on both electrodes, so we count
 *   no copper in them [A].
 * - "Mixed" lots use that same average battery (Li 6, Ni 29, Co 8, Mn 10 kg per 60 kWh, §1.2).
 * Black mass: metal = mass × CAM share of the powder × metal share of the CAM. The CAM share (50 % for
 * layered oxides, 60 % for phosphates, the rest graphite, binder, carbon and moisture) is tuned [A] so
 * the results fall inside the traded specifications of §1.3 (Fastmarkets NCM: Ni 15–25 %, Co 5–15 %
 * in Korea or 3–13 % in the US, Li 3–5 %; China LFP import floor Li ≥ 2 %). NMC811 lands at Co ≈ 3 %,
 * inside the US range only. Copper in black mass: 1 % [A], inside the ≤ 2 % of the Fastmarkets
 * specifications and MIIT's < 1.5 % impurity norm (docs/domain/recycling-processes.md §2.4); none for
 * sodium-ion. Production scrap (off-spec cells and electrode trimmings) is treated like cells [A].
 */

import { type Chemistry, isChemistry, isLotForm, type LotForm } from "./codes.ts";

export const METALS = ["Li", "Ni", "Co", "Mn", "Cu"] as const;
export type Metal = (typeof METALS)[number];

export const METAL_LABELS: Readonly<Record<Metal, string>> = {
  Li: "Lithium",
  Ni: "Nickel",
  Co: "Cobalt",
  Mn: "Manganese",
  Cu: "Copper",
};

/** Grams of each metal in a lot, as integers. */
export type MetalGrams = Readonly<Record<Metal, number>>;
type CathodeMetal = Exclude<Metal, "Cu">;

interface Cathode {
  /** Percent by mass of each metal in the cathode active material (§1.1 [D]). */
  readonly percent: Readonly<Record<CathodeMetal, number>>;
  /** Theoretical minimum kg of cathode active material per kWh (§1.1 [D]). */
  readonly camKgPerKwh: number;
}

/** §1.2: the average 60 kWh EV battery of 2020 (weighted mix of chemistries), cell minerals in kg. */
const AVERAGE_2020_BATTERY = { kwh: 60, Li: 6, Ni: 29, Co: 8, Mn: 10, Cu: 20 } as const;

/** Real cells carry 10–40 % more CAM than the theoretical minimum (§1.1); we take the middle [A]. */
export const CAM_EXCESS = 0.25;

// "Mixed" borrows NMC622's CAM per kWh as a stand-in, with shares chosen so that CAM per kWh ×
// (1 + excess) × share reproduces the §1.2 average battery exactly.
const MIXED_CAM_KG_PER_KWH = 1.48;
function mixedPercent(kg: number): number {
  return (kg / AVERAGE_2020_BATTERY.kwh / (MIXED_CAM_KG_PER_KWH * (1 + CAM_EXCESS))) * 100;
}

const CATHODES: Readonly<Record<Chemistry, Cathode>> = {
  NMC111: { percent: { Li: 7.2, Ni: 20.3, Co: 20.4, Mn: 19.0 }, camKgPerKwh: 1.69 },
  NMC532: { percent: { Li: 7.19, Ni: 30.4, Co: 12.2, Mn: 17.1 }, camKgPerKwh: 1.59 },
  NMC622: { percent: { Li: 7.16, Ni: 36.3, Co: 12.2, Mn: 11.3 }, camKgPerKwh: 1.48 },
  NMC811: { percent: { Li: 7.14, Ni: 48.3, Co: 6.1, Mn: 5.7 }, camKgPerKwh: 1.32 },
  NCA: { percent: { Li: 7.22, Ni: 48.9, Co: 9.2, Mn: 0 }, camKgPerKwh: 1.35 },
  LCO: { percent: { Li: 7.09, Ni: 0, Co: 60.2, Mn: 0 }, camKgPerKwh: 1.81 },
  LMO: { percent: { Li: 3.84, Ni: 0, Co: 0, Mn: 60.8 }, camKgPerKwh: 2.17 },
  LFP: { percent: { Li: 4.4, Ni: 0, Co: 0, Mn: 0 }, camKgPerKwh: 1.96 },
  LMFP: { percent: { Li: 4.42, Ni: 0, Co: 0, Mn: 21.0 }, camKgPerKwh: 1.78 },
  // CATL's Naxtra holds no lithium, nickel or cobalt (§1.1 [S]); manganese in some layered-oxide
  // sodium cathodes varies and is not estimated.
  SODIUM_ION: { percent: { Li: 0, Ni: 0, Co: 0, Mn: 0 }, camKgPerKwh: 0 },
  MIXED: {
    percent: {
      Li: mixedPercent(AVERAGE_2020_BATTERY.Li),
      Ni: mixedPercent(AVERAGE_2020_BATTERY.Ni),
      Co: mixedPercent(AVERAGE_2020_BATTERY.Co),
      Mn: mixedPercent(AVERAGE_2020_BATTERY.Mn),
    },
    camKgPerKwh: MIXED_CAM_KG_PER_KWH,
  },
};

/** Copper current collectors per kWh of cells (§1.2 [D]: 20 kg / 60 kWh). */
const COPPER_KG_PER_KWH = AVERAGE_2020_BATTERY.Cu / AVERAGE_2020_BATTERY.kwh;

const PHOSPHATES: ReadonlySet<Chemistry> = new Set(["LFP", "LMFP"]);
const BLACK_MASS_CAM_SHARE = { layered: 0.5, phosphate: 0.6 } as const;
const BLACK_MASS_COPPER_SHARE = 0.01;

interface WhPerKg {
  readonly low: number;
  readonly central: number;
  readonly high: number;
}

/**
 * Cell specific energy, Wh/kg. §1.4: NMC cells ~150–300 [S]; LFP ~90–160 for older generations and
 * ≈ 185 today [S]; BYD's second LMFP blade ≈ 220 [S]; CATL's Naxtra sodium-ion up to 175 [S]. Where one
 * range covers several chemistries, the split between them and every central value are ours [A]; LMO,
 * LCO and the lower sodium-ion bound have no published source [A].
 */
const CELL_WH_PER_KG: Readonly<Record<Chemistry, WhPerKg>> = {
  NMC111: { low: 150, central: 170, high: 220 },
  NMC532: { low: 150, central: 200, high: 250 },
  NMC622: { low: 150, central: 220, high: 270 },
  NMC811: { low: 200, central: 250, high: 300 },
  NCA: { low: 200, central: 250, high: 300 },
  LCO: { low: 150, central: 180, high: 250 },
  LMO: { low: 90, central: 120, high: 150 },
  LFP: { low: 90, central: 150, high: 185 },
  LMFP: { low: 180, central: 210, high: 230 },
  SODIUM_ION: { low: 100, central: 140, high: 175 },
  MIXED: { low: 90, central: 180, high: 300 },
};

/** Modules add housings, busbars and sensing: about 15 % on top of the cells [A]. */
const MODULE_CELL_MASS_SHARE = 0.85;

/**
 * Share of a pack's mass that is cells. Module-based packs ≈ 0.65 [A], which puts NMC packs at
 * ≈ 100–195 Wh/kg around §1.5's 6.5 kg per kWh rule (≈ 154 Wh/kg). Phosphate packs are mostly
 * cell-to-pack ≈ 0.85 [A]: LFP ≈ 128 Wh/kg (Tesla's CATL LFP pack ≈ 126, BYD Blade ≈ 150, §1.4) and
 * LMFP ≈ 179 (BYD's LMFP cell-to-pack ≈ 190, §1.4).
 */
function packCellMassShare(chemistry: Chemistry): number {
  if (PHOSPHATES.has(chemistry)) return 0.85;
  return chemistry === "MIXED" ? 0.7 : 0.65;
}

export type EstimateFailure = "invalid_mass" | "non_positive_mass" | "unknown_chemistry" | "unknown_form";

function checkInput(chemistry: Chemistry, form: LotForm, massKg: number): EstimateFailure | null {
  if (!isChemistry(chemistry)) return "unknown_chemistry";
  if (!isLotForm(form)) return "unknown_form";
  if (typeof massKg !== "number" || !Number.isFinite(massKg)) return "invalid_mass";
  if (massKg <= 0) return "non_positive_mass";
  return null;
}

function specificEnergy(chemistry: Chemistry, form: "cell" | "module" | "pack"): WhPerKg {
  const cell = CELL_WH_PER_KG[chemistry];
  const share =
    form === "cell" ? 1 : form === "module" ? MODULE_CELL_MASS_SHARE : packCellMassShare(chemistry);
  return { low: cell.low * share, central: cell.central * share, high: cell.high * share };
}

export type EnergyEstimateResult =
  | {
      readonly ok: true;
      /** Integer Wh, like Lot.energyWh. */
      readonly centralWh: number;
      readonly lowWh: number;
      readonly highWh: number;
      readonly basis: string;
    }
  | { readonly ok: false; readonly reason: EstimateFailure | "no_energy_for_form" };

/**
 * Nominal energy of a battery lot when the seller gave none: a central estimate and the range the
 * specific energies of §1.4/§1.5 allow. Black mass and production scrap store no usable energy.
 */
export function estimateEnergyKwh(chemistry: Chemistry, form: LotForm, massKg: number): EnergyEstimateResult {
  const failure = checkInput(chemistry, form, massKg);
  if (failure) return { ok: false, reason: failure };
  if (form === "black_mass" || form === "production_scrap")
    return { ok: false, reason: "no_energy_for_form" };
  const whPerKg = specificEnergy(chemistry, form);
  return {
    ok: true,
    centralWh: Math.round(massKg * whPerKg.central),
    lowWh: Math.round(massKg * whPerKg.low),
    highWh: Math.round(massKg * whPerKg.high),
    basis: `Estimated at ${Math.round(whPerKg.central)} Wh/kg (range ${Math.round(whPerKg.low)}–${Math.round(whPerKg.high)}) for ${form}s of this chemistry; the seller's measured figure replaces it.`,
  };
}

export interface LotMetalContent {
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly massKg: number;
  readonly grams: MetalGrams;
  readonly basis: string;
}

export type MetalContentResult =
  | ({ readonly ok: true } & LotMetalContent)
  | { readonly ok: false; readonly reason: EstimateFailure };

function blackMassGrams(chemistry: Chemistry, massKg: number): MetalGrams {
  const { percent } = CATHODES[chemistry];
  const camShare = PHOSPHATES.has(chemistry) ? BLACK_MASS_CAM_SHARE.phosphate : BLACK_MASS_CAM_SHARE.layered;
  const grams = (pct: number) => Math.round(massKg * 1000 * camShare * (pct / 100));
  return {
    Li: grams(percent.Li),
    Ni: grams(percent.Ni),
    Co: grams(percent.Co),
    Mn: grams(percent.Mn),
    Cu: chemistry === "SODIUM_ION" ? 0 : Math.round(massKg * 1000 * BLACK_MASS_COPPER_SHARE),
  };
}

function batteryGrams(chemistry: Chemistry, form: "cell" | "module" | "pack", massKg: number): MetalGrams {
  const { percent, camKgPerKwh } = CATHODES[chemistry];
  const kwh = (massKg * specificEnergy(chemistry, form).central) / 1000;
  const camKg = kwh * camKgPerKwh * (1 + CAM_EXCESS);
  const grams = (pct: number) => Math.round(camKg * 1000 * (pct / 100));
  const copperKgPerKwh = chemistry === "SODIUM_ION" ? 0 : COPPER_KG_PER_KWH;
  return {
    Li: grams(percent.Li),
    Ni: grams(percent.Ni),
    Co: grams(percent.Co),
    Mn: grams(percent.Mn),
    Cu: Math.round(kwh * copperKgPerKwh * 1000),
  };
}

/** Estimated grams of Li, Ni, Co, Mn and Cu contained in a lot. */
export function estimateMetalContent(
  chemistry: Chemistry,
  form: LotForm,
  massKg: number,
): MetalContentResult {
  const failure = checkInput(chemistry, form, massKg);
  if (failure) return { ok: false, reason: failure };
  if (form === "black_mass") {
    return {
      ok: true,
      chemistry,
      form,
      massKg,
      grams: blackMassGrams(chemistry, massKg),
      basis: "Estimated from the cathode formula and a typical black-mass assay; a lab assay replaces it.",
    };
  }
  const level = form === "production_scrap" ? "cell" : form;
  return {
    ok: true,
    chemistry,
    form,
    massKg,
    grams: batteryGrams(chemistry, level, massKg),
    basis:
      "Estimated from the cathode formula, typical cathode material per kWh and the specific energy of the form.",
  };
}

/** Integer grams as kilograms with `decimals` places, rounded half away from zero: 122_651 → "122.7". */
export function gramsToKgString(grams: number, decimals = 1): string {
  return scaledString(grams, 3, decimals);
}

/** Integer Wh as kWh with `decimals` places: 162_500 → "162.5". */
export function whToKwhString(wh: number, decimals = 1): string {
  return scaledString(wh, 3, decimals);
}

/** value / 10^exponent with `decimals` places, in integer arithmetic. */
function scaledString(value: number, exponent: number, decimals: number): string {
  if (!Number.isSafeInteger(value)) return "–";
  const places = Math.min(Math.max(0, Math.trunc(decimals)), exponent);
  const divisor = 10 ** (exponent - places);
  const magnitude = Math.abs(value);
  const rounded = Math.floor((magnitude + divisor / 2) / divisor);
  const sign = value < 0 && rounded > 0 ? "-" : "";
  if (places === 0) return `${sign}${rounded}`;
  const digits = rounded.toString().padStart(places + 1, "0");
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
