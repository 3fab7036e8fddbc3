/**
 * The papers a shipment of batteries or black mass needs, decided from what is shipped, in what
 * condition, whether it is waste, and whether it crosses a border.
 *
 * Sources (docs/domain/transport-dangerous-goods.md §4, docs/domain/border-rules.md §5):
 * - UN 38.3 test summary (§4.3): manufacturers and later distributors must make it available for
 *   cells and batteries; carriers may hold cargo until it is produced. Batteries carried for
 *   recycling or disposal under special provision 377 are relieved of it, and damaged or defective
 *   batteries no longer conform to their tested type and travel under special provision 376 without
 *   it (§4.2). So it is required for intact batteries that are not waste, and only recommended for
 *   intact waste batteries.
 * - Dangerous-goods declaration: needed whenever the lot travels as dangerous goods, and that is
 *   decided in one place only, transport-classification.ts (lithium-ion batteries UN 3480, sodium-ion
 *   UN 3551, black mass UN 3077 as the cautious planning default). This module asks it rather than
 *   keeping its own list of dangerous forms, so the declaration and the UN number shown on the lot
 *   cannot disagree.
 * - Basel Convention Article 6 (§5.2): a transboundary movement of waste needs a notification before
 *   it starts and a movement document travelling with each shipment, and the disposer confirms the
 *   completion of recovery. The OECD control procedure between OECD members (§5.4) and the United
 *   States' bilateral agreements (§5.5) use the same notification and movement papers. A move within
 *   one economy never needs them.
 * - Certificate of recycling: the disposer's confirmation of recovery (Basel Art. 6, §5.2) and the
 *   end of the chain of custody Packloop records for every waste lot (docs/domain/battery-passport.md
 *   §10.3) [A for domestic moves].
 * - Safety data sheet: carriers and customs ask for the hazards and composition of every lot, and for
 *   black mass it is the basis of its classification [A].
 */

import type { BatteryCondition, Chemistry, LotForm } from "../codes.ts";
import type { EconomyCode } from "../economies.ts";
import { classifyTransport, type TransportClassification } from "../transport-classification.ts";

export const DOCUMENT_CODES = [
  "UN38_3_SUMMARY",
  "DANGEROUS_GOODS_DECLARATION",
  "SAFETY_DATA_SHEET",
  "TRANSBOUNDARY_NOTIFICATION",
  "MOVEMENT_DOCUMENT",
  "CERTIFICATE_OF_RECYCLING",
] as const;
export type DocumentCode = (typeof DOCUMENT_CODES)[number];

export const DOCUMENT_LABELS: Readonly<Record<DocumentCode, string>> = {
  UN38_3_SUMMARY: "UN 38.3 test summary",
  DANGEROUS_GOODS_DECLARATION: "Dangerous goods declaration",
  SAFETY_DATA_SHEET: "Safety data sheet",
  TRANSBOUNDARY_NOTIFICATION: "Transboundary movement notification",
  MOVEMENT_DOCUMENT: "Movement document",
  CERTIFICATE_OF_RECYCLING: "Certificate of recycling",
};

/** Forms a UN 38.3 test summary can exist for: finished, tested battery types. */
const TESTED_TYPE_FORMS: readonly LotForm[] = ["pack", "module", "cell"];

export interface DocumentRequest {
  readonly originEconomy: EconomyCode;
  readonly destinationEconomy: EconomyCode;
  readonly isWaste: boolean;
  readonly condition: BatteryCondition;
  readonly form: LotForm;
  /** Chooses the dangerous-goods entry (UN 3480 or UN 3551) through transport-classification.ts. */
  readonly chemistry: Chemistry;
}

export interface DocumentRequirement {
  readonly code: DocumentCode;
  readonly status: "required" | "recommended";
  /** Why, in a sentence a seller understands. */
  readonly reason: string;
}

/**
 * The dangerous-goods entry the lot travels under, from the one classification the lot page also
 * shows; null when it does not travel as dangerous goods. Waste travels for recycling, anything
 * else for reuse. Throws on a chemistry, form or condition outside the catalogue, naming it.
 */
export function dangerousGoodsEntry(request: DocumentRequest): TransportClassification | null {
  const { chemistry, form, condition } = request;
  const result = classifyTransport({ chemistry, form, condition }, request.isWaste ? "recycling" : "reuse");
  if (!result.ok)
    throw new RangeError(`Cannot list documents: ${result.reason.replace("unknown_", "unknown ")}.`);
  return result.unNumber ? result : null;
}

function dangerousGoodsReason(form: LotForm, entry: TransportClassification): string {
  const un = entry.unNumber.replace(/^UN/, "UN ");
  if (form === "black_mass") {
    return `Black mass is planned as class ${entry.hazardClass} dangerous goods (${un}) until its safety data sheet shows it is not.`;
  }
  const batteries = entry.unNumber === "UN3551" ? "Sodium-ion batteries" : "Lithium-ion batteries";
  return entry.specialProvisions.includes("376")
    ? `Damaged or defective batteries are class ${entry.hazardClass} dangerous goods (${un}) and travel under special provision 376.`
    : `${batteries} are class ${entry.hazardClass} dangerous goods (${un}) on every mode.`;
}

/** Every document with its status and the reason, in DOCUMENT_CODES order. */
export function documentChecklist(request: DocumentRequest): DocumentRequirement[] {
  const { isWaste, condition, form } = request;
  const crossesBorder = request.originEconomy !== request.destinationEconomy;
  const list: DocumentRequirement[] = [];

  if (TESTED_TYPE_FORMS.includes(form) && condition === "intact") {
    list.push(
      isWaste
        ? {
            code: "UN38_3_SUMMARY",
            status: "recommended",
            reason:
              "Batteries sent for recycling are relieved of the UN 38.3 test summary (special provision 377), but carriers may still ask for it.",
          }
        : {
            code: "UN38_3_SUMMARY",
            status: "required",
            reason: "Intact cells and batteries shipped for reuse must come with their UN 38.3 test summary.",
          },
    );
  }
  const dangerousGoods = dangerousGoodsEntry(request);
  if (dangerousGoods) {
    list.push({
      code: "DANGEROUS_GOODS_DECLARATION",
      status: "required",
      reason: dangerousGoodsReason(form, dangerousGoods),
    });
  }
  list.push({
    code: "SAFETY_DATA_SHEET",
    status: "required",
    reason: "Carriers and customs need the hazards and composition of the material.",
  });
  if (isWaste && crossesBorder) {
    list.push(
      {
        code: "TRANSBOUNDARY_NOTIFICATION",
        status: "required",
        reason:
          "Waste crossing a border needs the written consent of the importing economy before it leaves, requested with a notification.",
      },
      {
        code: "MOVEMENT_DOCUMENT",
        status: "required",
        reason: "Each shipment of waste across a border travels with a movement document.",
      },
    );
  }
  if (isWaste) {
    list.push({
      code: "CERTIFICATE_OF_RECYCLING",
      status: "required",
      reason: "The facility confirms that the waste was recycled, which closes the lot's chain of custody.",
    });
  }
  return list;
}

/** The codes of the documents the shipment cannot go without. */
export function requiredDocuments(request: DocumentRequest): DocumentCode[] {
  return documentChecklist(request)
    .filter((requirement) => requirement.status === "required")
    .map((requirement) => requirement.code);
}
