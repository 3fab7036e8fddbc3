import { decodePDFRawStream, PDFArray, PDFDocument, type PDFRawStream } from "pdf-lib";
import QRCode from "qrcode";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { buildDangerousGoodsDocument, SP_376_STATEMENT } from "~/domain/papers/dangerous-goods.ts";
import { buildMovementDocument } from "~/domain/papers/movement-document.ts";
import type { Paper } from "~/domain/papers/paper.ts";
import { buildRecoveryCertificate } from "~/domain/papers/recovery-certificate.ts";
import { checkTestSummary } from "~/domain/papers/test-summary.ts";
import { computeRecovery } from "~/domain/recovery/recovery.ts";
import { paperFileName, renderPaperPdf } from "~/services/pdf.server.ts";
import { dgInput, HEAD, movementInput, RECOVERY_INPUT } from "./fixtures.ts";
import { certificatePaper } from "./paper-kinds.ts";

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(bytes.slice());
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, " ");
}

/**
 * The dark modules of the QR code drawn in the PDF: every filled rectangle without text
 * ("x y cm … 0 h l w h l"), placed on the grid of the QR's cell size.
 */
async function qrMatrixInPdf(bytes: Uint8Array, size: number): Promise<number[]> {
  const doc = await PDFDocument.load(bytes);
  const rects: { x: number; y: number; w: number; h: number }[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      const text = Buffer.from(decodePDFRawStream(stream as PDFRawStream).decode()).toString("latin1");
      const pattern =
        /1 0 0 1 ([\d.]+) ([\d.]+) cm\n(?:1 0 0 1 0 0 cm\n)*0 0 m\n0 ([\d.]+) l\n([\d.]+) [\d.]+ l\n/g;
      for (const m of text.matchAll(pattern)) rects.push({ x: +m[1], y: +m[2], h: +m[3], w: +m[4] });
    }
  }
  const cell = rects[0]?.h ?? 1;
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.max(...rects.map((r) => r.y + r.h));
  const grid = new Array<number>(size * size).fill(0);
  for (const r of rects) {
    const row = Math.round((top - (r.y + r.h)) / cell);
    const first = Math.round((r.x - left) / cell);
    for (let c = first; c < first + Math.round(r.w / cell); c++) grid[row * size + c] = 1;
  }
  return grid;
}

/** Each needle appears in the text after the one before it. */
function expectInOrder(text: string, needles: readonly string[]) {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

function ok<T extends { ok: boolean }>(result: T | { ok: false; message: string }): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error((result as { message: string }).message);
  return result as Extract<T, { ok: true }>;
}

const DG_CASES = [
  {
    name: "UN3480 for recycling, ADR",
    input: dgInput({}),
    wording: [
      "UN 3480",
      "WASTE LITHIUM ION BATTERIES",
      "9",
      "9A",
      "(E)",
      "4 × wooden crates",
      "1,840 kg gross",
      "P909",
      "SP 377",
      "LITHIUM BATTERIES FOR RECYCLING",
      "Consignor",
    ],
  },
  {
    name: "UN3090, IMDG",
    input: dgInput({ unNumber: "UN3090", regime: "IMDG", purpose: "reuse" }),
    wording: [
      "UN 3090, LITHIUM METAL BATTERIES (including lithium alloy batteries), 9",
      "UN 3090",
      "LITHIUM METAL BATTERIES",
      "Class",
      "9",
      "P903",
      "I hereby declare",
    ],
  },
  {
    name: "UN3171, ADR",
    input: dgInput({ unNumber: "UN3171", purpose: "reuse" }),
    wording: [
      "UN 3171 BATTERY-POWERED EQUIPMENT, 9, (-)",
      "UN 3171",
      "BATTERY-POWERED EQUIPMENT",
      "Class",
      "9",
    ],
  },
  {
    name: "UN3091, IMDG",
    input: dgInput({ unNumber: "UN3091", regime: "IMDG", purpose: "reuse" }),
    wording: ["UN 3091", "LITHIUM METAL BATTERIES CONTAINED IN EQUIPMENT", "Class", "9"],
  },
  {
    name: "damaged lot under SP 376, ADR",
    input: dgInput({ condition: "damaged" }),
    wording: [
      "UN 3480",
      "LITHIUM ION BATTERIES",
      "9A",
      "P908",
      "SP 376",
      SP_376_STATEMENT,
      "DAMAGED/DEFECTIVE LITHIUM ION BATTERIES",
    ],
  },
  {
    name: "lot for disposal under SP 377, IMDG",
    input: dgInput({ regime: "IMDG", purpose: "disposal" }),
    wording: [
      "UN 3480",
      "WASTE LITHIUM ION BATTERIES",
      "Class",
      "9",
      "P909",
      "SP 377",
      "LITHIUM BATTERIES FOR DISPOSAL",
    ],
  },
];

describe("PDF rendering of papers", () => {
  it.each(DG_CASES)(
    "dangerous-goods document: $name has the required wording in order",
    async ({ input, wording }) => {
      const { paper } = ok(buildDangerousGoodsDocument(input));
      const text = await pdfText(await renderPaperPdf(paper));
      expectInOrder(text, [
        "Dangerous goods transport document",
        "DG-2026-0001",
        "2026-12-06T09:30:00Z",
        ...wording,
      ]);
      expect(text.includes("Packing group")).toBe(false);
    },
  );

  it("black mass (UN3077) prints its packing group", async () => {
    const { paper } = ok(
      buildDangerousGoodsDocument(dgInput({ unNumber: "UN3077", technicalName: "nickel cobalt oxides" })),
    );
    const text = await pdfText(await renderPaperPdf(paper));
    expectInOrder(text, ["UN 3077", "Packing group", "III"]);
  });

  it("movement document: notification, consent validity and serial number", async () => {
    const { paper } = ok(buildMovementDocument(movementInput()));
    const text = await pdfText(await renderPaperPdf(paper));
    expectInOrder(text, [
      "Movement document",
      "Notification number",
      "AU-2026-000123",
      "Serial number of shipment",
      "3 of 12",
      "Consent valid until",
      "2027-02-28",
      "A1170",
    ]);
  });

  it("test summary check lists what is missing", async () => {
    const check = checkTestSummary({
      reference: "TS-7",
      issuedAt: "2026-12-06T10:00:00Z",
      lotTitle: "12 NMC modules",
      requirement: "required",
      unit: "battery",
      assembled: false,
      summary: { manufacturer: "LG Energy Solution", testsPassed: ["T.1"] },
    });
    const text = await pdfText(await renderPaperPdf(check.paper));
    expectInOrder(text, [
      "UN 38.3 test summary check",
      "(a) Manufacturer",
      "LG Energy Solution",
      "(b) Manufacturer's contact details",
      "MISSING",
      "Incomplete",
    ]);
  });

  it("certificate of recovery: chain head, verify link and a QR code of the link", async () => {
    const record = computeRecovery(RECOVERY_INPUT);
    if (!record.ok) throw new Error(record.message);
    const { paper, verifyUrl } = ok(
      buildRecoveryCertificate({
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
      }),
    );
    const bytes = await renderPaperPdf(paper);
    const text = await pdfText(bytes);
    expectInOrder(text, [
      "Certificate of recovery",
      "PL-CR-2026-0001",
      "Mass received",
      "1,800 kg",
      "Hydrometallurgy",
      "Nickel",
      "Transport emissions as shipped",
      "Port Botany - Busan",
      "Avoided vs primary production",
      "Recycled-content record",
      "Chain head (SHA-256)",
    ]);
    // A hash wider than its column is cut across lines but keeps every character in order.
    expect(text.replace(/ /g, "")).toContain(HEAD);
    expect(text).toContain(`Verify this certificate: ${verifyUrl}`);

    // The QR code: the filled rectangles drawn, read back into a matrix, are the link's QR matrix.
    const { modules } = QRCode.create(verifyUrl, { errorCorrectionLevel: "M" });
    expect(await qrMatrixInPdf(bytes, modules.size)).toEqual(Array.from(modules.data, (m) => (m ? 1 : 0)));
  });

  it("is deterministic and names its file after kind and reference", async () => {
    const { paper } = ok(buildDangerousGoodsDocument(dgInput({})));
    const [a, b] = [await renderPaperPdf(paper), await renderPaperPdf(paper)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(paperFileName(paper)).toBe("dangerous_goods_transport_document-DG-2026-0001.pdf");
  });

  it("an English certificate and DG document draw a Japanese, Korean, Chinese or Thai name, not '?'", async () => {
    const certificate = certificatePaper({
      certificateNumber: "PL-CR-2026-0002",
      facility: { name: "東京リサイクル株式会社 川崎工場", address: "神奈川県川崎市, Japan" },
    });
    const bytes = await renderPaperPdf(certificate);
    const text = await pdfText(bytes);
    expectInOrder(text, ["Certificate of recovery", "PL-CR-2026-0002", "東京リサイクル株式会社 川崎工場"]);
    expect(text).toContain("神奈川県川崎市, Japan");
    expect(text).not.toContain("?");
    // Helvetica still draws the English; Noto Sans JP only the Japanese, as a subset.
    const pdf = Buffer.from(bytes).toString("latin1");
    expect(pdf).toContain("/BaseFont /Helvetica");
    expect(pdf).toMatch(/\/[A-Z]{6}\+NotoSansJP-Regular/);
    expect(pdf).not.toMatch(/NotoSansSC|NotoSansKR|NotoSansThai|\+NotoSans-/);

    const { paper: dg } = ok(
      buildDangerousGoodsDocument(
        dgInput({
          consignor: { name: "บริษัท รีไซเคิล ไทย จำกัด", address: "Rayong 21150, Thailand" },
          consignee: { name: "한강메탈 주식회사", address: "군산시, Korea" },
        }),
      ),
    );
    const dgText = await pdfText(await renderPaperPdf(dg));
    for (const name of ["บริษัท รีไซเคิล ไทย จำกัด", "한강메탈 주식회사", "군산시, Korea", "Dangerous goods"])
      expect(dgText).toContain(name);
    expect(dgText).not.toContain("?");
  });

  it("a Japanese name wider than its column wraps in an English paper with every character kept", async () => {
    // 𠀋 is outside the BMP: cutting the line between its two UTF-16 halves would fail to render.
    const name = "𠀋東京リサイクル株式会社".repeat(8);
    const paper: Paper = {
      kind: "pro_forma_invoice",
      title: "Pro-forma invoice",
      reference: "X-3",
      issuedAt: "2026-12-06T10:00:00Z",
      sections: [{ heading: "Parties", lines: [{ label: name, value: name }] }],
    };
    const text = await pdfText(await renderPaperPdf(paper));
    expect(text.replace(/ /g, "")).toContain(name + name);
    expect(text).not.toContain("?");
  });

  it("an English paper with Latin-1 text only embeds no font: Helvetica, as before", async () => {
    const paper: Paper = {
      kind: "pro_forma_invoice",
      title: "Pro-forma invoice",
      reference: "X-2",
      issuedAt: "2026-12-06T10:00:00Z",
      sections: [{ heading: "Parties", lines: [{ label: "Buyer", value: "Ñandú Ltda, São Paulo — €5" }] }],
    };
    const bytes = await renderPaperPdf(paper);
    expect(await pdfText(bytes)).toContain("Ñandú Ltda, São Paulo — €5");
    const pdf = Buffer.from(bytes).toString("latin1");
    expect(pdf).toContain("/BaseFont /Helvetica");
    expect(pdf).not.toContain("/FontFile2");
  });

  it("renders characters outside the standard font's encoding without failing", async () => {
    const paper: Paper = {
      kind: "pro_forma_invoice",
      title: "CO₂e → test ≥ 1",
      reference: "X-1",
      issuedAt: "2026-12-06T10:00:00Z",
      sections: [{ heading: "Names", lines: [{ label: "Buyer", value: "格林美 GEM Co." }] }],
    };
    const text = await pdfText(await renderPaperPdf(paper));
    // Look-alikes for the symbols, as always; the Chinese name in Noto Sans SC.
    expectInOrder(text, ["CO2e -> test >= 1", "Buyer", "格林美 GEM Co."]);
  });
});
