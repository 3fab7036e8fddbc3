/**
 * Which papers a shipment offers as PDF downloads (issue 12 item 3), and the fixed facts the papers
 * of a battery-waste shipment carry. The papers themselves are built by dangerous-goods.ts and
 * movement-document.ts.
 *
 * - `dangerous-goods`: every shipment with a UN number.
 * - `movement-document`: a shipment that crosses a border, once its consent is recorded.
 * - Waste code: Basel A1170 (Annex VIII, waste batteries presumed hazardous) and recovery operation
 *   R4 (recycling/reclamation of metals) — docs/domain/border-rules.md §5.1–5.2.
 */

export const SHIPMENT_PAPERS = ["dangerous-goods", "movement-document"] as const;
export type ShipmentPaper = (typeof SHIPMENT_PAPERS)[number];

export const SHIPMENT_PAPER_LABELS: Readonly<Record<ShipmentPaper, string>> = {
  "dangerous-goods": "Dangerous-goods transport document",
  "movement-document": "Movement document (Basel/OECD)",
};

export function isShipmentPaper(text: string): text is ShipmentPaper {
  return (SHIPMENT_PAPERS as readonly string[]).includes(text);
}

export function papersOffered(shipment: {
  unNumber: string | null;
  crossesBorder: boolean;
  hasConsent: boolean;
}): ShipmentPaper[] {
  const papers: ShipmentPaper[] = [];
  if (shipment.unNumber) papers.push("dangerous-goods");
  if (shipment.crossesBorder && shipment.hasConsent) papers.push("movement-document");
  return papers;
}

export const BATTERY_WASTE_CODES = [{ scheme: "Basel Annex VIII", code: "A1170" }] as const;
export const METALS_RECOVERY_OPERATION = "R4";
