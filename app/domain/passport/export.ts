/**
 * A lot as a battery passport in the field names of the Catena-X model (battery-pass-model.ts), and
 * its custody events as an EPCIS 2.0 JSON-LD document (epcis.ts). Pure: the caller passes the lot,
 * the chain head and the events.
 *
 * Mapping (docs/domain/battery-passport.md §10.4):
 * - sustainability.status: "waste" for a lot sold to a recycler, "repurposed" for one sold for a
 *   second life (the model's values; the issue's `Waste` / `Repurposed`).
 * - State of health: the model has no state-of-health field; it records capacity fade in % of the
 *   rated capacity (performance.dynamic.capacity.fade), so fade = 100 − SoH [D] (capacity-based SoH,
 *   docs/domain/state-of-health.md §3).
 * - Mass in kilograms (characteristics.physicalDimension.weight, unit:kilogram), energy in kWh
 *   (performance.rated.energy.value).
 * - Materials: estimated mass shares of Li, Ni, Co, Mn, Cu (metal-content.ts) as composition entries
 *   with their CAS numbers, in percent of the lot's mass.
 * - The custody chain head goes in `sources` as a document whose content is the head hash.
 * Black mass and production scrap are not batteries and have no passport.
 */

import type { Chemistry, LotForm } from "../codes.ts";
import { type Failure, fail } from "../failure.ts";
import { estimateMetalContent, type Metal } from "../metal-content.ts";
import { isoUtc, isoUtcDay } from "../papers/paper.ts";
import type { RecoveryRecord } from "../recovery/recovery.ts";
import { BATTERY_PASS_MODEL, type BatteryPass, type CompositionEntry } from "./battery-pass-model.ts";

/** identification.chemistry text per Packloop chemistry; the importer reads these back. */
export const PASSPORT_CHEMISTRY_TEXT: Readonly<Record<Chemistry, string>> = {
  NMC111: "Nickel Manganese Cobalt (NMC111)",
  NMC532: "Nickel Manganese Cobalt (NMC532)",
  NMC622: "Nickel Manganese Cobalt (NMC622)",
  NMC811: "Nickel Manganese Cobalt (NMC811)",
  NCA: "Nickel Cobalt Aluminium (NCA)",
  LFP: "Lithium Iron Phosphate (LFP)",
  LMFP: "Lithium Manganese Iron Phosphate (LMFP)",
  LMO: "Lithium Manganese Oxide (LMO)",
  LCO: "Lithium Cobalt Oxide (LCO)",
  SODIUM_ION: "Sodium Ion (Na-ion)",
  MIXED: "Mixed lithium-ion chemistries",
};

/** CAS registry numbers of the elements (the model identifies materials by CAS, EC or IUPAC). */
export const METAL_CAS: Readonly<Record<Metal, { name: string; cas: string }>> = {
  Li: { name: "lithium", cas: "7439-93-2" },
  Ni: { name: "nickel", cas: "7440-02-0" },
  Co: { name: "cobalt", cas: "7440-48-4" },
  Mn: { name: "manganese", cas: "7439-96-5" },
  Cu: { name: "copper", cas: "7440-50-8" },
};

const METAL_LOCATION: Readonly<Record<Metal, string>> = {
  Li: "Cathode",
  Ni: "Cathode",
  Co: "Cathode",
  Mn: "Cathode",
  Cu: "Anode current collector",
};

export interface PassportLot {
  readonly id: string;
  readonly title: string;
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly massKg: number;
  /** Integer Wh as stored (Lot.energyWh), or null. */
  readonly energyWh: number | null;
  readonly stateOfHealthPct: number | null;
  readonly originOem: string | null;
  readonly originVehicle: string | null;
  readonly createdAt: Date | string;
  readonly updatedAt: Date | string;
}

export interface ChainHead {
  readonly sequence: number;
  /** Lower-case hex SHA-256. */
  readonly hash: string;
}

export interface PassportExportInput {
  readonly lot: PassportLot;
  /** Sold for a second life ("repurposed") or to a recycler ("waste", the default). */
  readonly purpose: "recycling" | "reuse";
  /** The seller's identifier (a BPNL where the seller has one, otherwise Packloop's organisation id). */
  readonly economicOperatorId: string;
  /** urn:uuid:… ; defaults to urn:uuid:<lot id> (lot ids are UUIDs). */
  readonly passportIdentifier?: string;
  readonly chainHead: ChainHead | null;
  /** When the passport is issued (the export time). */
  readonly issuedAt: Date | string;
  /** The lot's public page, printed as a source. */
  readonly lotUrl?: string;
  /**
   * Once the lot was recovered: its transport CO2e as shipped goes in
   * sustainability.carbonFootprint (lifecycle "distribution", kg CO2e for the whole lot).
   */
  readonly recovery?: RecoveryRecord | null;
  /** The certificate of recovery's verify page, as a source. */
  readonly certificateUrl?: string;
  /**
   * The certificate's machine-readable carbon and recycled-content record (GET
   * /api/v1/certificates/{number}: transport CO2e per leg, emissions avoided with the dated factors,
   * recovered masses per metal), as a source: the model has no field for a waste battery's
   * recovered masses or for an avoided-emissions credit (docs/domain/battery-passport.md §10.4).
   */
  readonly carbonRecordUrl?: string;
}

const BATTERY_FORMS: ReadonlySet<LotForm> = new Set(["pack", "module", "cell"]);

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function exportBatteryPass(
  input: PassportExportInput,
): { ok: true; passport: BatteryPass } | Failure<"NOT_A_BATTERY"> {
  const { lot } = input;
  if (!BATTERY_FORMS.has(lot.form)) {
    return fail(
      "NOT_A_BATTERY",
      "Black mass and production scrap are not batteries and have no battery passport.",
      {
        field: "form",
      },
    );
  }
  const issued = isoUtc(input.issuedAt) ?? isoUtc(new Date(0));
  const passport: BatteryPass = {
    specVersion: BATTERY_PASS_MODEL.specVersion,
    metadata: {
      version: "1.0.0",
      status: "approved",
      issueDate: isoUtcDay(input.issuedAt) ?? undefined,
      lastModification: isoUtcDay(lot.updatedAt) ?? undefined,
      passportIdentifier: input.passportIdentifier ?? `urn:uuid:${lot.id}`,
      economicOperatorId: input.economicOperatorId,
    },
    identification: {
      category: "EV",
      chemistry: PASSPORT_CHEMISTRY_TEXT[lot.chemistry],
      identification: {
        type: {
          manufacturerPartId: lot.originVehicle ?? lot.title,
          nameAtManufacturer: lot.title,
        },
        batch: [{ key: "batchId", value: lot.id }],
      },
    },
    characteristics: { physicalDimension: { weight: { value: lot.massKg, unit: "unit:kilogram" } } },
    sustainability: { status: input.purpose === "reuse" ? "repurposed" : "waste" },
  };
  if (input.recovery && passport.sustainability) {
    passport.sustainability.carbonFootprint = [
      {
        lifecycle: "distribution",
        type: "Climate Change Total",
        value: input.recovery.transportCo2eGrams / 1000,
        unit: "kg CO2e",
      },
    ];
  }
  if (lot.originOem) passport.operation = { manufacturer: { manufacturer: lot.originOem } };
  const performance: NonNullable<BatteryPass["performance"]> = {};
  if (lot.energyWh !== null) performance.rated = { energy: { value: lot.energyWh / 1000 } };
  if (lot.stateOfHealthPct !== null) {
    performance.dynamic = {
      capacity: {
        fade: {
          value: round(100 - lot.stateOfHealthPct, 2),
          time: isoUtc(lot.updatedAt) ?? (issued as string),
        },
      },
    };
  }
  if (performance.rated || performance.dynamic) passport.performance = performance;

  const content = estimateMetalContent(lot.chemistry, lot.form, lot.massKg);
  if (content.ok) {
    const composition: CompositionEntry[] = [];
    for (const metal of ["Li", "Ni", "Co", "Mn", "Cu"] as const) {
      const grams = content.grams[metal];
      if (grams <= 0) continue;
      composition.push({
        id: [{ type: "CAS", name: METAL_CAS[metal].name, id: METAL_CAS[metal].cas }],
        concentration: round((grams / (lot.massKg * 1000)) * 100, 3),
        unit: "unit:percent",
        location: METAL_LOCATION[metal],
        critical: true,
      });
    }
    const active: NonNullable<NonNullable<BatteryPass["materials"]>["active"]> = {};
    if (content.grams.Li > 0) active.lithium = { location: "Cathode", critical: true };
    if (content.grams.Ni > 0) active.nickel = { location: "Cathode", critical: true };
    if (content.grams.Co > 0) active.cobalt = { location: "Cathode", critical: true };
    passport.materials = { active, composition };
  }

  const sources: NonNullable<BatteryPass["sources"]> = [];
  if (input.chainHead) {
    sources.push({
      header: `Packloop chain of custody head, event ${input.chainHead.sequence} (SHA-256)`,
      category: "Supply Chain Information",
      type: "SHA-256",
      content: input.chainHead.hash,
    });
  }
  if (input.lotUrl) {
    sources.push({
      header: `Packloop lot ${lot.title}`.slice(0, 100),
      category: "Supply Chain Information",
      type: "URL",
      content: input.lotUrl,
    });
  }
  if (input.certificateUrl) {
    sources.push({
      header: "Certificate of recovery",
      category: "End of Life",
      type: "URL",
      content: input.certificateUrl,
    });
  }
  if (input.carbonRecordUrl) {
    sources.push({
      header: "Carbon and recycled-content record of the recovery",
      category: "End of Life",
      type: "URL",
      content: input.carbonRecordUrl,
    });
  }
  if (sources.length > 0) passport.sources = sources;
  return { ok: true, passport };
}

/** The passport's view of a stored lot row (lot-json.ts's LotRecord; Prisma's Lot satisfies it). */
export function passportLotFromRecord(lot: {
  readonly id: string;
  readonly title: string;
  readonly chemistry: Chemistry;
  readonly form: LotForm;
  readonly massKg: number;
  readonly energyWh: number | null;
  readonly stateOfHealthPct: number | null;
  readonly originOem: string | null;
  readonly originVehicle: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}): PassportLot {
  return {
    id: lot.id,
    title: lot.title,
    chemistry: lot.chemistry,
    form: lot.form,
    massKg: lot.massKg,
    energyWh: lot.energyWh,
    stateOfHealthPct: lot.stateOfHealthPct,
    originOem: lot.originOem,
    originVehicle: lot.originVehicle,
    createdAt: lot.createdAt,
    updatedAt: lot.updatedAt,
  };
}
