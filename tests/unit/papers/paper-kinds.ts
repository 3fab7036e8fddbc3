// One paper of every kind app/domain/papers builds, from the shared fixtures: what the language
// tests and the PDF measurement script render.
import { buildDangerousGoodsDocument } from "~/domain/papers/dangerous-goods.ts";
import { buildMovementDocument } from "~/domain/papers/movement-document.ts";
import type { Paper, PaperKind } from "~/domain/papers/paper.ts";
import { buildProFormaInvoice } from "~/domain/papers/pro-forma-invoice.ts";
import { buildRecoveryCertificate } from "~/domain/papers/recovery-certificate.ts";
import { checkTestSummary } from "~/domain/papers/test-summary.ts";
import { computeRecovery } from "~/domain/recovery/recovery.ts";
import { dgInput, HEAD, movementInput, RECOVERY_INPUT } from "./fixtures.ts";

function ok<T extends { ok: boolean }>(result: T | { ok: false; message: string }): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error((result as { message: string }).message);
  return result as Extract<T, { ok: true }>;
}

/** A certificate of recovery; `changes` replace its number or facility (a name in another script). */
export function certificatePaper(
  changes: { certificateNumber?: string; facility?: { name: string; address: string } } = {},
): Paper {
  const record = computeRecovery(RECOVERY_INPUT);
  if (!record.ok) throw new Error(record.message);
  return ok(
    buildRecoveryCertificate({
      certificateNumber: changes.certificateNumber ?? "PL-CR-2026-0001",
      issuedAt: "2026-12-20T08:00:00Z",
      lot: { id: "lot_123", title: "4 NMC622 packs", chemistry: "NMC622", form: "pack" },
      facility: changes.facility ?? { name: "Han River Metals Gunsan plant", address: "Gunsan, Korea" },
      process: "hydrometallurgy",
      massReceivedKg: 1800,
      receivedAt: "2026-12-15T06:00:00Z",
      processedAt: "2026-12-19T18:00:00Z",
      recovery: record,
      chainHeadHash: HEAD,
      appUrl: "https://packloop.example",
    }),
  ).paper;
}

/** Every kind, the dangerous-goods document twice (ADR by road; IMDG by sea with its declaration). */
export function everyPaper(): { name: string; kind: PaperKind; paper: Paper }[] {
  const papers: Paper[] = [
    ok(buildDangerousGoodsDocument(dgInput({}))).paper,
    ok(buildDangerousGoodsDocument(dgInput({ regime: "IMDG", condition: "damaged" }))).paper,
    ok(buildMovementDocument(movementInput())).paper,
    checkTestSummary({
      reference: "TS-7",
      issuedAt: "2026-12-06T10:00:00Z",
      lotTitle: "12 NMC modules",
      requirement: "required",
      unit: "battery",
      assembled: false,
      summary: { manufacturer: "LG Energy Solution", testsPassed: ["T.1"] },
    }).paper,
    certificatePaper(),
    ok(
      buildProFormaInvoice({
        invoiceNumber: "PF-2026-0042",
        issuedAt: "2026-12-06T10:00:00Z",
        dueAt: "2026-12-13T10:00:00Z",
        dealNumber: "D-2026-0042",
        seller: { name: "Pacific Pack Recovery Pty Ltd", address: "Port Botany NSW" },
        buyer: { name: "Han River Metals Co.", address: "Gunsan" },
        lotTitle: "4 NMC622 packs",
        massKg: 1840,
        incoterm: "DAP Gunsan",
        currency: "AUD",
        lines: [{ description: "4 NMC622 packs, 1840 kg", amountMinor: 1_250_000 }],
        paymentReference: "PL-D-2026-0042",
        bank: {
          beneficiary: "Packloop Escrow Ltd",
          bankName: "Example Bank",
          account: "GB33BUKB20201555555555",
          swiftBic: "BUKBGB22",
        },
      }),
    ).paper,
  ];
  return papers.map((paper) => ({ name: `${paper.kind} ${paper.reference}`, kind: paper.kind, paper }));
}
