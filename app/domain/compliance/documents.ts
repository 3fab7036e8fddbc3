/**
 * The papers a shipment of batteries or black mass needs, decided from what is shipped, in what
 * condition, whether it is waste, and whether it crosses a border.
 *
 * Sources (shared/domain/REFERENCE.md):
 * - UN 38.3 test summary (§4.3): manufacturers and later distributors must make it available for
 *   cells and batteries; carriers may hold cargo until it is produced. Batteries carried for
 *   recycling or disposal under special provision 377 are relieved of it, and damaged or defective
 *   batteries no longer conform to their tested type and travel under special provision 376 without
 *   it (§4.2). So it is required for intact batteries that are not waste, and only recommended for
 *   intact waste batteries.
 * - Dangerous-goods declaration: every lithium-ion battery, new, used, waste or damaged, is UN 3480
 *   class 9, and sodium-ion batteries UN 3551 (§4.1). Black mass is a powder, not a battery: whether
 *   it is dangerous goods depends on its safety data sheet, so the caller says so [A].
 * - Basel Convention Article 6 (§5.2): a transboundary movement of waste needs a notification before
 *   it starts and a movement document travelling with each shipment, and the disposer confirms the
 *   completion of recovery. The OECD control procedure between OECD members (§5.4) and the United
 *   States' bilateral agreements (§5.5) use the same notification and movement papers. A move within
 *   one economy never needs them.
 * - Certificate of recycling: the disposer's confirmation of recovery (Basel Art. 6, §5.2) and the
 *   end of the chain of custody Packloop records for every waste lot (§10.3) [A for domestic moves].
 * - Safety data sheet: carriers and customs ask for the hazards and composition of every lot, and for
 *   black mass it is the basis of its classification [A].
 */

import type { BatteryCondition, LotForm } from "../codes.ts";
import type { EconomyCode } from "../economies.ts";

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

/** Forms that are cells or batteries (production scrap includes off-spec cells). */
const BATTERY_FORMS: readonly LotForm[] = ["pack", "module", "cell", "production_scrap"];
/** Forms a UN 38.3 test summary can exist for: finished, tested battery types. */
const TESTED_TYPE_FORMS: readonly LotForm[] = ["pack", "module", "cell"];

export interface DocumentRequest {
  readonly originEconomy: EconomyCode;
  readonly destinationEconomy: EconomyCode;
  readonly isWaste: boolean;
  readonly condition: BatteryCondition;
  readonly form: LotForm;
  /**
   * Whether the consignment travels as dangerous goods. Defaults to true for batteries (UN 3480 /
   * UN 3551) and false for black mass, whose classification comes from its safety data sheet.
   */
  readonly shippedAsDangerousGoods?: boolean;
}

export interface DocumentRequirement {
  readonly code: DocumentCode;
  readonly status: "required" | "recommended";
  /** Why, in a sentence a seller understands. */
  readonly reason: string;
}

export function shipsAsDangerousGoods(form: LotForm, declared?: boolean): boolean {
  return declared ?? BATTERY_FORMS.includes(form);
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
  if (shipsAsDangerousGoods(form, request.shippedAsDangerousGoods)) {
    list.push({
      code: "DANGEROUS_GOODS_DECLARATION",
      status: "required",
      reason:
        condition === "intact"
          ? "Lithium and sodium-ion batteries are class 9 dangerous goods (UN 3480 / UN 3551) on every mode."
          : "Damaged or defective batteries are class 9 dangerous goods and travel under special provision 376.",
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
