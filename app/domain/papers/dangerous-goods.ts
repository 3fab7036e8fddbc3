/**
 * The dangerous-goods transport document (ADR 5.4.1 for road, IMDG Code 5.4.1 for sea) of one
 * consignment. Sources and the official wording: docs/domain/transport-dangerous-goods.md §4.5.
 *
 * The description follows the order of ADR 5.4.1.1.1 / IMDG 5.4.1.4.1: (a) the UN number preceded by
 * the letters "UN", (b) the proper shipping name (with the technical name in brackets for an n.o.s.
 * entry, and preceded by "WASTE" for waste, ADR 5.4.1.1.3 / IMDG 5.4.1.4.3.3), (c) the class — ADR
 * prints the label model number, e.g. 9A —, (d) the packing group where one is assigned (lithium
 * batteries have none), then the ADR tunnel restriction code, the packages, the total quantity,
 * consignor and consignee.
 *
 * Damaged or defective batteries (SP 376): the document carries the statement "Transport in
 * accordance with special provision 376" and the packages the mark "DAMAGED/DEFECTIVE LITHIUM ION
 * BATTERIES" (or LITHIUM METAL / SODIUM ION); a competent authority approval, where one was used,
 * accompanies the transport. Batteries for disposal or recycling (SP 377): packages marked "LITHIUM
 * BATTERIES FOR DISPOSAL" or "LITHIUM BATTERIES FOR RECYCLING"; damaged ones stay under SP 376.
 */

import type { BatteryCondition, Chemistry, LotForm } from "../codes.ts";
import { type Failure, type FieldError, invalid } from "../failure.ts";
import { formatNumber } from "../quantity.ts";
import { classifyTransport } from "../transport-classification.ts";
import {
  type DangerousGoodsEntry,
  damagedMark,
  dangerousGoodsEntry,
  disposalMark,
  spacedUnNumber,
} from "./dangerous-goods-entries.ts";
import { isoUtc, type Paper, type PaperLine, type PaperSection } from "./paper.ts";

export const DG_REGIMES = ["ADR", "IMDG"] as const;
export type DgRegime = (typeof DG_REGIMES)[number];

/** Why the consignment travels: disposal and recycling are waste (SP 377), reuse is not. */
export const CONSIGNMENT_PURPOSES = ["disposal", "recycling", "reuse"] as const;
export type ConsignmentPurpose = (typeof CONSIGNMENT_PURPOSES)[number];

export interface Party {
  readonly name: string;
  readonly address: string;
}

export interface DangerousGoodsDocumentInput {
  readonly documentNumber: string;
  readonly issuedAt: Date | string;
  readonly regime: DgRegime;
  /** "UN3480", "UN 3480" or "3480". */
  readonly unNumber: string;
  readonly condition: BatteryCondition;
  readonly purpose: ConsignmentPurpose;
  /** For UN 3171: "vehicle" prints BATTERY-POWERED VEHICLE; default equipment. */
  readonly equipmentKind?: "vehicle" | "equipment";
  /** Technical name of an n.o.s. entry (UN 3077), e.g. "nickel cobalt manganese oxides". */
  readonly technicalName?: string;
  readonly packageCount: number;
  /** e.g. "wooden crates", "UN-approved steel drums". */
  readonly packageDescription: string;
  readonly grossMassKg: number;
  /** Packing instruction; derived from the condition and purpose when left out. */
  readonly packingInstruction?: string;
  readonly consignor: Party;
  readonly consignee: Party;
  /** Reference of a competent authority approval (SP 376 alternative conditions), if one was used. */
  readonly competentAuthorityApproval?: string;
}

export interface DangerousGoodsDocument {
  readonly ok: true;
  readonly paper: Paper;
  /** The one-line description in 5.4.1.1.1 order, e.g. "UN 3480 LITHIUM ION BATTERIES (…), 9A, (E)". */
  readonly description: string;
  readonly specialProvisions: readonly ("376" | "377")[];
  readonly marks: readonly string[];
  readonly statements: readonly string[];
}

export const SP_376_STATEMENT = "Transport in accordance with special provision 376";

/** IMDG 5.4.1.6.1: the shipper's declaration that the consignment is properly described and packed. */
export const IMDG_DECLARATION =
  "I hereby declare that the contents of this consignment are fully and accurately described above by the proper shipping name, and are classified, packaged, marked and labelled/placarded and are in all respects in proper condition for transport according to the applicable international and national governmental regulations.";

function isDamaged(condition: BatteryCondition): boolean {
  return condition === "damaged" || condition === "defective" || condition === "critically_damaged";
}

function defaultPackingInstruction(entry: DangerousGoodsEntry, input: DangerousGoodsDocumentInput): string {
  if (entry.unNumber === "UN3077") return "P002";
  if (entry.unNumber === "UN3171") return "P005";
  if (input.condition === "critically_damaged") return "P911";
  if (isDamaged(input.condition)) return "P908";
  if (input.purpose !== "reuse") return "P909";
  return "P903";
}

function check(input: DangerousGoodsDocumentInput, entry: DangerousGoodsEntry | null): FieldError[] {
  const errors: FieldError[] = [];
  if (!entry) {
    errors.push({
      field: "unNumber",
      message: `${input.unNumber} is not a dangerous-goods entry Packloop papers describe.`,
    });
  }
  if (!(DG_REGIMES as readonly string[]).includes(input.regime)) {
    errors.push({ field: "regime", message: "Choose ADR (road) or IMDG (sea)." });
  }
  if (!(CONSIGNMENT_PURPOSES as readonly string[]).includes(input.purpose)) {
    errors.push({ field: "purpose", message: "Choose disposal, recycling or reuse." });
  }
  if (entry && !entry.batterySpecialProvisions && isDamaged(input.condition)) {
    errors.push({
      field: "condition",
      message: `Special provision 376 (damaged or defective batteries) does not apply to ${spacedUnNumber(entry.unNumber)}.`,
    });
  }
  if (entry?.needsTechnicalName && !input.technicalName?.trim()) {
    errors.push({
      field: "technicalName",
      message: `${spacedUnNumber(entry.unNumber)} is an n.o.s. entry: give the technical name.`,
    });
  }
  if (!Number.isSafeInteger(input.packageCount) || input.packageCount < 1) {
    errors.push({ field: "packageCount", message: "Give the number of packages, at least 1." });
  }
  if (!input.packageDescription.trim()) {
    errors.push({ field: "packageDescription", message: "Describe the packages (e.g. wooden crates)." });
  }
  if (!Number.isFinite(input.grossMassKg) || input.grossMassKg <= 0) {
    errors.push({ field: "grossMassKg", message: "Give the total gross mass in kg." });
  }
  if (!input.consignor.name.trim()) errors.push({ field: "consignor", message: "Name the consignor." });
  if (!input.consignee.name.trim()) errors.push({ field: "consignee", message: "Name the consignee." });
  if (!isoUtc(input.issuedAt))
    errors.push({ field: "issuedAt", message: "The issue date is not a valid date." });
  if (!input.documentNumber.trim())
    errors.push({ field: "documentNumber", message: "The document needs a number." });
  return errors;
}

function shippingName(
  entry: DangerousGoodsEntry,
  input: DangerousGoodsDocumentInput,
  waste: boolean,
): string {
  let name = entry.properShippingName;
  if (entry.unNumber === "UN3171" && input.equipmentKind === "vehicle") name = "BATTERY-POWERED VEHICLE";
  if (entry.needsTechnicalName) name = `${name} (${input.technicalName?.trim()})`;
  return waste ? `WASTE ${name}` : name;
}

/** The dangerous-goods transport document, or the fields that do not fit. */
export function buildDangerousGoodsDocument(
  input: DangerousGoodsDocumentInput,
): DangerousGoodsDocument | Failure<"VALIDATION"> {
  const entry = dangerousGoodsEntry(input.unNumber);
  const errors = check(input, entry);
  if (errors.length > 0 || !entry) return invalid(errors);

  const waste = input.purpose !== "reuse";
  const damaged = isDamaged(input.condition);
  const specialProvisions: ("376" | "377")[] = [];
  const marks: string[] = [];
  const statements: string[] = [];
  if (entry.family && entry.batterySpecialProvisions) {
    if (damaged) {
      specialProvisions.push("376");
      marks.push(damagedMark(entry.family));
      statements.push(SP_376_STATEMENT);
      if (input.competentAuthorityApproval?.trim()) {
        statements.push(
          `A copy of the competent authority approval ${input.competentAuthorityApproval.trim()} accompanies the transport.`,
        );
      }
    } else if (waste) {
      specialProvisions.push("377");
      marks.push(disposalMark(entry.family, input.purpose === "disposal" ? "disposal" : "recycling"));
    }
  }

  const unNumber = spacedUnNumber(entry.unNumber);
  const name = shippingName(entry, input, waste);
  const classText = input.regime === "ADR" ? entry.label : entry.hazardClass;
  const parts =
    input.regime === "ADR"
      ? [
          `${unNumber} ${name}`,
          classText,
          ...(entry.packingGroup ? [entry.packingGroup] : []),
          entry.tunnelCode,
        ]
      : [`${unNumber}`, name, classText, ...(entry.packingGroup ? [`PG ${entry.packingGroup}`] : [])];
  const description = parts.join(", ");
  const packing = input.packingInstruction?.trim() || defaultPackingInstruction(entry, input);
  const quantity = `${formatNumber(input.grossMassKg, { maxDecimals: 1 })} kg gross`;

  const goods: PaperLine[] = [
    { label: "UN number", value: unNumber },
    { label: "Proper shipping name", value: name },
    { label: "Class", value: entry.hazardClass },
  ];
  if (input.regime === "ADR") goods.push({ label: "Label", value: entry.label });
  if (entry.packingGroup) goods.push({ label: "Packing group", value: entry.packingGroup });
  if (input.regime === "ADR") goods.push({ label: "Tunnel restriction code", value: entry.tunnelCode });
  if (input.regime === "IMDG" && entry.unNumber === "UN3077")
    goods.push({ label: "Marine pollutant", value: "MARINE POLLUTANT" });
  goods.push(
    { label: "Packages", value: `${input.packageCount} × ${input.packageDescription.trim()}` },
    { label: "Total quantity", value: quantity },
    { label: "Packing instruction", value: packing },
  );
  if (specialProvisions.length > 0) {
    goods.push({ label: "Special provisions", value: specialProvisions.map((sp) => `SP ${sp}`).join(", ") });
  }

  const sections: PaperSection[] = [
    { heading: "Dangerous goods description", lines: [{ label: "Description", value: description }] },
    { heading: "Goods", lines: goods },
  ];
  if (statements.length > 0 || marks.length > 0) {
    sections.push({
      heading: "Additional information",
      lines: [
        ...statements.map((value) => ({ label: "Statement", value })),
        ...marks.map((value) => ({ label: "Package mark", value })),
      ],
    });
  }
  sections.push({
    heading: "Parties",
    lines: [
      { label: "Consignor", value: `${input.consignor.name.trim()}, ${input.consignor.address.trim()}` },
      { label: "Consignee", value: `${input.consignee.name.trim()}, ${input.consignee.address.trim()}` },
    ],
  });
  if (input.regime === "IMDG")
    sections.push({ heading: "Shipper's declaration", paragraphs: [IMDG_DECLARATION] });

  const paper: Paper = {
    kind: "dangerous_goods_transport_document",
    title: `Dangerous goods transport document (${input.regime === "ADR" ? "ADR 5.4.1" : "IMDG Code 5.4.1"})`,
    reference: input.documentNumber.trim(),
    issuedAt: isoUtc(input.issuedAt) as string,
    sections,
  };
  return { ok: true, paper, description, specialProvisions, marks, statements };
}

/**
 * Technical names for black mass shipped as UN 3077 (an n.o.s. entry, §4.5): the hazardous
 * constituents of its cathode material [A].
 */
const BLACK_MASS_TECHNICAL_NAMES: Readonly<Record<Chemistry, string>> = {
  NMC111: "nickel cobalt manganese oxides",
  NMC532: "nickel cobalt manganese oxides",
  NMC622: "nickel cobalt manganese oxides",
  NMC811: "nickel cobalt manganese oxides",
  NCA: "nickel cobalt aluminium oxides",
  LCO: "lithium cobalt oxide",
  LMO: "lithium manganese oxide",
  LFP: "lithium iron phosphate",
  LMFP: "lithium manganese iron phosphate",
  SODIUM_ION: "sodium transition-metal oxides",
  MIXED: "nickel and cobalt compounds",
};

/**
 * The dangerous-goods fields of a lot's consignment, from the one classification the lot page shows
 * (transport-classification.ts): UN number, condition, purpose and, for black mass, the technical
 * name. Null when the lot's codes are outside the catalogue.
 */
export function consignmentFromLot(
  lot: { readonly chemistry: Chemistry; readonly form: LotForm; readonly condition: BatteryCondition },
  purpose: ConsignmentPurpose,
): Pick<DangerousGoodsDocumentInput, "unNumber" | "condition" | "purpose" | "technicalName"> | null {
  const classification = classifyTransport(lot, purpose === "reuse" ? "reuse" : "recycling");
  if (!classification.ok) return null;
  return {
    unNumber: classification.unNumber,
    condition: lot.condition,
    purpose,
    ...(lot.form === "black_mass" ? { technicalName: BLACK_MASS_TECHNICAL_NAMES[lot.chemistry] } : {}),
  };
}
