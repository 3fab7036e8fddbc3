// Issue 14 (ADR 061): a paper downloaded as PDF is in the requester's language where the PDF's
// font can write it — its title, section headings, "No." and "Issued" lines and the verify caption
// from the catalogue — while line labels, values, codes and dates stay as the builder wrote them.
// Dates are ISO 8601 in UTC (Gregorian) in every language, Thai too. Helvetica writes WinAnsi
// only, so a Japanese reader gets the English paper rather than "?" (the ADR's limitation).
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { buildRecoveryCertificate } from "~/domain/papers/recovery-certificate.ts";
import { computeRecovery } from "~/domain/recovery/recovery.ts";
import { paperPdfResponse } from "~/routes/papers.server.ts";
import { headingKey, paperIn } from "~/services/paper-language.server.ts";
import { HEAD, RECOVERY_INPUT } from "./fixtures.ts";

function certificate() {
  const record = computeRecovery(RECOVERY_INPUT);
  if (!record.ok) throw new Error(record.message);
  const built = buildRecoveryCertificate({
    certificateNumber: "PL-CR-2026-0001",
    issuedAt: "2026-12-20T08:00:00Z",
    lot: { id: "lot_123", title: "4 NMC622 packs", chemistry: "NMC622", form: "pack" },
    facility: { name: "Han River Metals Gunsan plant", address: "Gunsan, Korea" },
    process: "hydrometallurgy",
    massReceivedKg: 1800,
    receivedAt: "2026-12-15T06:00:00Z",
    processedAt: "2026-12-19T18:00:00Z",
    recovery: record,
    chainHeadHash: HEAD,
    appUrl: "https://packloop.example",
  });
  if (!built.ok) throw new Error(built.message);
  return built.paper;
}

async function downloaded(init: { cookie?: string; acceptLanguage?: string; saved?: string | null }) {
  const headers = new Headers();
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.acceptLanguage) headers.set("Accept-Language", init.acceptLanguage);
  const request = new Request("https://packloop.example/certificates/PL-CR-2026-0001.pdf", { headers });
  const response = await paperPdfResponse(certificate(), { request, savedLanguage: init.saved });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return { text: text.replace(/\s+/g, " "), response };
}

// The first render loads pdf.js into the worker: seconds on a busy machine.
describe("papers in the reader's language", { timeout: 30_000 }, () => {
  it("a Spanish reader's certificate has Spanish labels, the same values and ISO dates", async () => {
    const { text, response } = await downloaded({ saved: "es" });
    expect(text).toContain("Certificado de valorización");
    expect(text).toContain("N.º PL-CR-2026-0001");
    expect(text).toContain("Emitido 2026-12-20T08:00:00Z (UTC)");
    expect(text).toContain("Cadena de custodia");
    expect(text).toContain("Verifique este certificado: https://packloop.example/verify/PL-CR-2026-0001");
    // Field labels of the record, values and identifiers are as the builder wrote them.
    expect(text).toContain("Chain head (SHA-256)");
    expect(text).toContain("1,800 kg");
    expect(text).not.toContain("Certificate of recovery");
    expect(response.headers.get("Vary")).toBe("Accept-Language, Cookie");
  });

  it("the saved language wins over the browser's; Accept-Language serves a visitor", async () => {
    expect((await downloaded({ saved: "id", acceptLanguage: "es-ES" })).text).toContain(
      "Sertifikat pemulihan",
    );
    expect((await downloaded({ acceptLanguage: "es-ES,es;q=0.9" })).text).toContain(
      "Certificado de valorización",
    );
  });

  it("a Thai reader's paper carries Gregorian dates (2026), never the Buddhist era (2569)", async () => {
    const { text } = await downloaded({ saved: "th" });
    expect(text).toContain("2026-12-20T08:00:00Z");
    expect(text).toContain("2026-12-15");
    expect(text).not.toContain("2569");
    // Thai is outside the font's WinAnsi: the English paper, not question marks.
    expect(text).toContain("Certificate of recovery");
    expect(text).not.toMatch(/\?{3}/);
  });

  it("a Japanese reader's labels are translated; the PDF is English where the font cannot write them", async () => {
    const ja = paperIn(certificate(), "ja");
    expect(ja.paper.title).toBe("リサイクル証明書");
    expect(ja.paper.sections.map((s) => s.heading)).toContain("管理の連鎖");
    expect(ja.frame).toEqual({ number: "番号 PL-CR-2026-0001", issued: "発行 2026-12-20T08:00:00Z（UTC）" });
    const { text } = await downloaded({ saved: "ja" });
    expect(text).toContain("Certificate of recovery");
    expect(text).toContain("Issued 2026-12-20T08:00:00Z (UTC)");
    expect(text).not.toMatch(/\?{3}/);
  });

  it("English is unchanged", async () => {
    const { text } = await downloaded({ saved: "en" });
    expect(text).toContain("Certificate of recovery");
    expect(text).toContain("No. PL-CR-2026-0001");
    expect(text).toContain("Issued 2026-12-20T08:00:00Z (UTC)");
    expect(text).toContain("Verify this certificate: https://packloop.example/verify/PL-CR-2026-0001");
  });

  it("every heading a paper builder writes has its catalogue key", async () => {
    const { CATALOGUES } = await import("~/i18n/catalogues.ts");
    const headings = (CATALOGUES.en as { pdf: { headings: Record<string, string> } }).pdf.headings;
    for (const section of certificate().sections)
      expect(headings[headingKey(section.heading)]).toBe(section.heading);
  });
});
