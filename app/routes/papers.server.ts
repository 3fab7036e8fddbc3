import type { Paper } from "~/domain/papers/paper.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import { paperIn } from "~/services/paper-language.server.ts";
import { paperFileName, renderPaperPdf } from "~/services/pdf.server.ts";

/**
 * A paper (domain/papers) as a PDF download: rendered by services/pdf.server.ts, offered under its
 * paper file name, in the reader's language where its font can write it (ADR 061). Shared by the
 * certificate and the shipment and deal papers routes.
 */
export async function paperPdfResponse(
  paper: Paper,
  init: { cache?: string; request?: Request; savedLanguage?: string | null } = {},
): Promise<Response> {
  // In the requesting person's language (saved, else the page's), where the font can write it.
  const language = init.request ? requestLanguage(init.request, init.savedLanguage) : undefined;
  const bytes = await renderPaperPdf(paper, language ? paperIn(paper, language) : undefined);
  // A fresh ArrayBuffer-backed copy: what BodyInit accepts under TypeScript 5.9's typed arrays.
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${paperFileName(paper)}"`,
      "Cache-Control": init.cache ?? "private, no-store",
      "X-Content-Type-Options": "nosniff",
      // The words follow the reader's saved language, cookie or Accept-Language.
      ...(language ? { Vary: "Accept-Language, Cookie" } : {}),
    },
  });
}

/** "PL-COR-000123.pdf" → "PL-COR-000123"; null when the name does not end in .pdf. */
export function stripPdf(file: string | undefined): string | null {
  const match = /^(.+)\.pdf$/i.exec(file ?? "");
  return match ? match[1] : null;
}
