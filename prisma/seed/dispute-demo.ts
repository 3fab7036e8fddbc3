// The demo's dispute (issue 11 items 6 and 9, ADR 026 and 030): the buyer of a received deal
// claims the quality is below the contract, with a one-page PDF assay report as evidence (stored as
// a real file in DATA_DIR/uploads, like lot documents, so the deal page's link downloads it), and
// the seller answers with a partial refund the buyer has not yet accepted. The deal's money stays
// frozen until one of them accepts or an admin decides after the escalation deadline.
import { DEAL_SETTINGS } from "~/domain/deals/deal-settings.ts";
import { escalationDueAt } from "~/domain/deals/disputes.ts";
import { storeFile } from "~/services/file-storage.server.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { addDays } from "./random.ts";

/** A minimal, valid one-page PDF showing `lines` (PDF 1.4, Helvetica, byte offsets computed). */
export function onePagePdf(lines: readonly string[]): Uint8Array {
  const pdfText = (t: string) => t.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "?");
  const text = lines
    .map((line, i) => `BT /F1 12 Tf 56 ${780 - i * 18} Td (${pdfText(line)}) Tj ET`)
    .join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export async function seedDemoDispute(
  tx: DbTransaction,
  input: {
    deal: { id: string; number: number; lotId: string; totalMinor: bigint };
    payerId: string;
    payeeId: string;
    openedAt: Date;
    currency: string;
  },
) {
  const { deal, openedAt } = input;
  const dispute = await tx.dispute.create({
    data: {
      dealId: deal.id,
      openedByOrganizationId: input.payerId,
      reason: "quality_assay",
      description:
        "The packs arrived with a state of health well below the listing's: 61 % measured on receipt against 80 % " +
        "listed. Our test report is attached.",
      escalateAt: new Date(
        escalationDueAt(openedAt.getTime(), DEAL_SETTINGS.disputeEscalationDays.defaultValue),
      ),
      createdAt: openedAt,
    },
  });
  const report = onePagePdf([
    `Packloop demo - receiving inspection, deal PL-DL-${String(deal.number).padStart(6, "0")}`,
    `Date: ${openedAt.toISOString().slice(0, 10)}`,
    "State of health measured on receipt: 61 % (sample of 4 packs)",
    "State of health listed: 80 %",
  ]);
  const stored = await storeFile(report);
  await tx.disputeEvidence.create({
    data: {
      disputeId: dispute.id,
      byOrganizationId: input.payerId,
      fileName: "receiving-inspection.pdf",
      contentType: "application/pdf",
      ...stored,
      createdAt: openedAt,
    },
  });
  // The seller's counter-proposal: 5 % of the deal back to the buyer.
  await tx.disputeProposal.create({
    data: {
      disputeId: dispute.id,
      byOrganizationId: input.payeeId,
      kind: "partial_refund",
      amountMinor: (deal.totalMinor * 5n) / 100n,
      note: "Our own tests showed 72 %. We offer 5 % back rather than taking the packs back.",
      createdAt: addDays(openedAt, 1),
    },
  });
  return dispute;
}
