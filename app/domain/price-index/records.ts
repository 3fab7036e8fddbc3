/**
 * What the index stores beside a value for admins (dropped deals) and the words of a correction.
 */

import type { ExclusionCode } from "./observation.ts";

/** A deal left out of a cell-week: an outlier (compute.ts) or a deal the index cannot state (observation.ts). */
export type DroppedDeal =
  | {
      readonly kind: "outlier";
      readonly dealId: string;
      readonly value: number;
      readonly median: number;
      readonly band: number;
    }
  | {
      readonly kind: "excluded";
      readonly dealId: string;
      readonly code: ExclusionCode;
      readonly message: string;
      /** NO_FX_RATE: the currency without a rate (absent in rows stored before it was kept). */
      readonly currency?: string;
    };

export interface CorrectedFrom {
  readonly final: boolean;
  readonly dealCount: number;
  readonly methodologyVersion: string;
}

export interface CorrectedTo {
  readonly final: boolean;
  readonly dealCount: number;
  readonly publication: "published" | "rolled" | "insufficient_data";
}

/** Why a published value changed, the most telling cause first. */
export function correctionReason(old: CorrectedFrom, next: CorrectedTo | null, methodology: string): string {
  if (old.methodologyVersion !== methodology) {
    return `Methodology ${old.methodologyVersion} replaced by ${methodology}.`;
  }
  if (next?.final && !old.final) {
    return "Final prices after settlement (final weight or assay) replaced provisional ones.";
  }
  if (!next || next.dealCount !== old.dealCount) {
    return "Deals joined or left the cell (a late deal, a dispute, a cancellation or a refund).";
  }
  if (next.publication !== "published") return "The cell no longer meets the publication rule.";
  return "Inputs changed: settled figures, exchange rates, reference metal prices or route costs.";
}
