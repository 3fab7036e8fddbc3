import { z } from "zod";
import { carbonRecordJson } from "~/domain/recovery/carbon-record.ts";
import type { CertificateView } from "~/models/certificates/recovery-certificate.server.ts";

/**
 * The answer of GET /api/v1/certificates/{number}: a certificate of recovery (issue 12 items 5, 8)
 * and whether the lot's custody chain verifies now. Public, as the verify page is: what the
 * certificate states is what its holder shows anyone. The OpenAPI document is generated from this.
 */
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const head = z.object({ sequence: z.number().int().min(1), hash });

export const CertificateResponse = z.object({
  number: z.string().regex(/^PL-COR-\d{6,}$/),
  issuedAt: z.string().datetime(),
  issuedBy: z.string(),
  verifyUrl: z.string().url(),
  pdfUrl: z.string().url(),
  lot: z.object({ id: z.string().uuid(), title: z.string(), chemistry: z.string(), form: z.string() }),
  facility: z.object({ name: z.string(), address: z.string() }),
  process: z.string(),
  massReceivedKg: z.number(),
  receivedAt: z.string().datetime(),
  processedAt: z.string().datetime(),
  recovered: z.array(
    z.object({
      metal: z.string(),
      containedKg: z.number(),
      recoveryRateBp: z.number().int(),
      recoveredKg: z.number(),
      basis: z.enum(["assay", "estimate"]),
    }),
  ),
  carbon: z.object({
    transport: z.object({ co2eKg: z.number(), legs: z.array(z.object({}).passthrough()) }),
    avoided: z.object({ co2eKg: z.number(), netOfTransportCo2eKg: z.number() }).passthrough(),
    recycledContent: z.array(z.object({}).passthrough()),
  }),
  chainAtIssue: head,
  chain: z.object({
    verified: z.boolean(),
    brokenAt: z.number().int().nullable(),
    head: head.nullable(),
    headMatches: z.boolean(),
  }),
});

export function certificateJson(view: CertificateView, base: string): z.infer<typeof CertificateResponse> {
  const { record } = view;
  const root = base.replace(/\/+$/, "");
  return {
    number: view.number,
    issuedAt: view.issuedAt,
    issuedBy: view.issuedBy,
    verifyUrl: `${root}/verify/${view.number}`,
    pdfUrl: `${root}/certificates/${view.number}.pdf`,
    lot: record.lot,
    facility: { name: record.facility.name, address: record.facility.address },
    process: record.process,
    massReceivedKg: record.massReceivedKg,
    receivedAt: record.receivedAt,
    processedAt: record.processedAt,
    recovered: record.recovery.metals.map((m) => ({
      metal: m.metal,
      containedKg: m.containedGrams / 1000,
      recoveryRateBp: m.rateBp,
      recoveredKg: m.recoveredGrams / 1000,
      basis: m.source,
    })),
    carbon: carbonRecordJson(record.recovery),
    chainAtIssue: view.chainAtIssue,
    chain: { ...view.chain, headMatches: view.headMatches },
  };
}
