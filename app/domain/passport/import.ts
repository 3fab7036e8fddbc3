/**
 * "List from a battery passport": reads a battery passport in the Catena-X model's field names
 * (battery-pass-model.ts) and answers the new-lot form's fields (lot-input-fields.ts names, as the
 * strings a person would type) that it can fill, and an error per passport field that does not fit
 * a Packloop lot. Pure; the page pre-fills the form with `fields` and shows `errors`; the seller
 * completes the rest (location, sale terms, condition), and validateLotInput checks the whole as usual.
 *
 * Mapping, the reverse of export.ts (docs/domain/battery-passport.md §10.4):
 * - identification.chemistry → chemistry, by the codes in the text ("NMC811", "NCM 622", "LFP", …);
 *   "NCM"/"NMC" without a ratio does not fit one chemistry and is an error.
 * - a passport describes one battery: form "pack", count 1.
 * - characteristics.physicalDimension.weight → massKg (unit:gram, unit:kilogram or unit:tonne).
 * - performance.rated.energy.value (kWh) → energyKwh.
 * - performance.dynamic.capacity.fade (%) → stateOfHealthPct = 100 − fade [D].
 * - sustainability.status must be "waste" or "repurposed" (any case): an original, re-used or
 *   remanufactured battery is not an end-of-life lot.
 * - identification.identification.type.nameAtManufacturer → title; operation.manufacturer.manufacturer → originOem.
 */

import type { Chemistry } from "../codes.ts";
import type { LotInputField } from "../lot-input-fields.ts";
import { PASSPORT_STATES } from "./battery-pass-model.ts";

export const MAX_PASSPORT_BYTES = 1_000_000;

export type PassportFields = Partial<Record<LotInputField, string>>;

export type PassportImportResult =
  | { readonly ok: true; readonly fields: PassportFields; readonly status: "waste" | "repurposed" }
  | { readonly ok: false; readonly fields: PassportFields; readonly errors: Record<string, string> };

const CHEMISTRY_PATTERNS: readonly [RegExp, Chemistry][] = [
  [/\bLMFP\b|manganese iron phosphate/i, "LMFP"],
  [/\bLFP\b|\bLiFePO4\b|iron phosphate/i, "LFP"],
  [/\bN[MC]{2}\s*-?\s*811\b/i, "NMC811"],
  [/\bN[MC]{2}\s*-?\s*622\b/i, "NMC622"],
  [/\bN[MC]{2}\s*-?\s*532\b|\bN[MC]{2}\s*-?\s*523\b/i, "NMC532"],
  [/\bN[MC]{2}\s*-?\s*111\b|\bN[MC]{2}\s*-?\s*333\b/i, "NMC111"],
  [/\bNCA\b|cobalt alumin/i, "NCA"],
  [/\bLMO\b|manganese oxide/i, "LMO"],
  [/\bLCO\b|cobalt oxide/i, "LCO"],
  [/sodium|\bNa-?ion\b|\bSIB\b/i, "SODIUM_ION"],
  [/\bmixed\b/i, "MIXED"],
];

/** The Packloop chemistry a passport's chemistry text names, or null. */
export function chemistryFromPassport(text: string): Chemistry | null {
  for (const [pattern, chemistry] of CHEMISTRY_PATTERNS) if (pattern.test(text)) return chemistry;
  return null;
}

const MASS_UNITS: Readonly<Record<string, number>> = {
  "unit:gram": 0.001,
  "unit:kilogram": 1,
  "unit:tonneMetricTon": 1000,
  "unit:tonne": 1000,
};

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The value at a dotted path, or undefined. */
function at(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split(".")) {
    const object = record(node);
    if (!object) return undefined;
    node = object[key];
  }
  return node;
}

function numberText(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Reads a passport given as JSON text or as a parsed object. */
export function readBatteryPassport(source: string | unknown): PassportImportResult {
  const fields: PassportFields = {};
  const errors: Record<string, string> = {};
  let root: unknown = source;
  if (typeof source === "string") {
    if (source.length > MAX_PASSPORT_BYTES) {
      return { ok: false, fields, errors: { passport: "The passport file is larger than 1 MB." } };
    }
    try {
      root = JSON.parse(source);
    } catch {
      return { ok: false, fields, errors: { passport: "The file is not JSON." } };
    }
  }
  // Accept the passport itself or an envelope that holds it under "passport" or "batteryPass".
  const envelope = record(root);
  const passport = record(envelope?.passport) ?? record(envelope?.batteryPass) ?? envelope;
  if (!passport || !(passport.identification || passport.characteristics || passport.metadata)) {
    return {
      ok: false,
      fields,
      errors: { passport: "This is not a battery passport: no identification, characteristics or metadata." },
    };
  }

  const chemistryText = at(passport, "identification.chemistry");
  if (typeof chemistryText !== "string" || chemistryText.trim() === "") {
    errors.chemistry = "The passport names no chemistry (identification.chemistry); choose it in the form.";
  } else {
    const chemistry = chemistryFromPassport(chemistryText);
    if (chemistry) fields.chemistry = chemistry;
    else
      errors.chemistry = `"${chemistryText.slice(0, 80)}" does not name one chemistry Packloop lists (e.g. NMC811, LFP); choose it in the form.`;
  }

  fields.form = "pack";
  fields.count = "1";

  const weight = record(at(passport, "characteristics.physicalDimension.weight"));
  if (weight) {
    const factor = typeof weight.unit === "string" ? MASS_UNITS[weight.unit] : undefined;
    if (typeof weight.value !== "number" || !Number.isFinite(weight.value) || weight.value <= 0) {
      errors.massKg =
        "The passport's weight (characteristics.physicalDimension.weight.value) is not a positive number.";
    } else if (factor === undefined) {
      errors.massKg = `The passport's weight unit ${String(weight.unit)} is not grams, kilograms or tonnes.`;
    } else {
      fields.massKg = numberText(weight.value * factor);
    }
  }

  const energy = at(passport, "performance.rated.energy.value");
  if (energy !== undefined) {
    if (typeof energy === "number" && Number.isFinite(energy) && energy > 0)
      fields.energyKwh = numberText(energy);
    else
      errors.energyKwh =
        "The passport's rated energy (performance.rated.energy.value) is not a positive number of kWh.";
  }

  const fade = at(passport, "performance.dynamic.capacity.fade.value");
  if (fade !== undefined) {
    if (typeof fade === "number" && fade >= 0 && fade <= 100)
      fields.stateOfHealthPct = numberText(100 - fade);
    else
      errors.stateOfHealthPct =
        "The passport's capacity fade (performance.dynamic.capacity.fade.value) is not a percentage.";
  }

  const title = at(passport, "identification.identification.type.nameAtManufacturer");
  if (typeof title === "string" && title.trim()) fields.title = title.trim().slice(0, 120);
  const oem = at(passport, "operation.manufacturer.manufacturer");
  if (typeof oem === "string" && oem.trim()) fields.originOem = oem.trim().slice(0, 120);

  const statusValue = at(passport, "sustainability.status");
  let status: "waste" | "repurposed" = "waste";
  if (typeof statusValue === "string") {
    const lower = statusValue.trim().toLowerCase();
    if (lower === "waste" || lower === "repurposed") status = lower;
    else if ((PASSPORT_STATES as readonly string[]).includes(lower)) {
      errors.status = `The passport's status is "${statusValue}": a lot on Packloop is waste or repurposed.`;
    } else errors.status = `"${statusValue.slice(0, 40)}" is not a battery passport status.`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, fields, errors };
  return { ok: true, fields, status };
}
