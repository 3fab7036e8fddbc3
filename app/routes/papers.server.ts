import type { Paper } from "~/domain/papers/paper.ts";
import { paperFileName, renderPaperPdf } from "~/services/pdf.server.ts";

/**
 * A paper (domain/papers) as a PDF download: rendered by services/pdf.server.ts, offered under its
 * paper file name. Shared by the certificate and the shipment and deal papers routes.
 */
export async function paperPdfResponse(paper: Paper, init: { cache?: string } = {}): Promise<Response> {
  const bytes = await renderPaperPdf(paper);
  // A fresh ArrayBuffer-backed copy: what BodyInit accepts under TypeScript 5.9's typed arrays.
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${paperFileName(paper)}"`,
      "Cache-Control": init.cache ?? "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** "PL-COR-000123.pdf" → "PL-COR-000123"; null when the name does not end in .pdf. */
export function stripPdf(file: string | undefined): string | null {
  const match = /^(.+)\.pdf$/i.exec(file ?? "");
  return match ? match[1] : null;
}
