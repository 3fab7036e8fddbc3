/**
 * The certificate of recovery (issue 12 item 5): issued by the receiving facility once the lot was
 * received and processed. It names the lot, the mass received, the process, the recovered mass per
 * metal (recovery/recovery.ts), the transport CO2e per leg as shipped, the emissions avoided against
 * primary production, the recycled-content record, the custody chain head hash and a QR code to the
 * public verify page `<APP_URL>/verify/<certificateNumber>`.
 * The disposer's confirmation that recovery was completed is Basel Art. 6 (docs/domain/border-rules.md
 * §5.2) and closes the chain of custody (docs/domain/battery-passport.md §10.3).
 */

import {
  CHEMISTRY_LABELS,
  type Chemistry,
  LOT_FORM_LABELS,
  type LotForm,
  RECYCLING_PROCESS_LABELS,
  type RecyclingProcess,
} from "../codes.ts";
import { type Failure, type FieldError, invalid } from "../failure.ts";
import { gramsToKgString, METAL_LABELS } from "../metal-content.ts";
import { formatBasisPoints, formatNumber } from "../quantity.ts";
import { type RecoveryRecord, recycledContentRecord } from "../recovery/recovery.ts";
import { isoUtc, isoUtcDay, type Paper } from "./paper.ts";

export interface RecoveryCertificateInput {
  readonly certificateNumber: string;
  readonly issuedAt: Date | string;
  readonly lot: {
    readonly id: string;
    readonly title: string;
    readonly chemistry: Chemistry;
    readonly form: LotForm;
  };
  readonly facility: { readonly name: string; readonly address: string };
  readonly process: RecyclingProcess;
  readonly massReceivedKg: number;
  readonly receivedAt: Date | string;
  readonly processedAt: Date | string;
  readonly recovery: RecoveryRecord;
  /** Hex SHA-256 of the lot's custody chain head when the certificate was issued. */
  readonly chainHeadHash: string;
  /** The configured APP_URL, e.g. "https://packloop.example". */
  readonly appUrl: string;
}

export type RecoveryCertificateResult =
  | { readonly ok: true; readonly paper: Paper; readonly verifyUrl: string }
  | Failure<"VALIDATION">;

const CERTIFICATE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;

/** `<appUrl>/verify/<number>`, the trailing slash of the base ignored. */
export function verifyUrl(appUrl: string, certificateNumber: string): string {
  return `${appUrl.replace(/\/+$/, "")}/verify/${encodeURIComponent(certificateNumber)}`;
}

function tonnesCo2e(grams: number): string {
  return `${formatNumber(grams / 1_000_000, { maxDecimals: 3 })} t CO2e`;
}

export function buildRecoveryCertificate(input: RecoveryCertificateInput): RecoveryCertificateResult {
  const errors: FieldError[] = [];
  if (!CERTIFICATE_NUMBER.test(input.certificateNumber)) {
    errors.push({
      field: "certificateNumber",
      message: "Certificate numbers are 3–64 letters, digits and hyphens.",
    });
  }
  if (!/^[0-9a-f]{64}$/.test(input.chainHeadHash)) {
    errors.push({
      field: "chainHeadHash",
      message: "The chain head must be a SHA-256 hash in lower-case hex.",
    });
  }
  if (!/^https?:\/\/[^\s/]+/.test(input.appUrl))
    errors.push({ field: "appUrl", message: "APP_URL must be an http(s) URL." });
  for (const field of ["issuedAt", "receivedAt", "processedAt"] as const) {
    if (!isoUtc(input[field])) errors.push({ field, message: `${field} is not a valid date.` });
  }
  if (errors.length === 0 && new Date(input.processedAt).getTime() < new Date(input.receivedAt).getTime()) {
    errors.push({ field: "processedAt", message: "The lot was processed before it was received." });
  }
  if (!Number.isFinite(input.massReceivedKg) || input.massReceivedKg <= 0) {
    errors.push({ field: "massReceivedKg", message: "Record the net mass received." });
  }
  if (errors.length > 0) return invalid(errors);

  const url = verifyUrl(input.appUrl, input.certificateNumber);
  const { recovery } = input;
  const recycled = recycledContentRecord(recovery);
  const paper: Paper = {
    kind: "certificate_of_recovery",
    title: "Certificate of recovery",
    reference: input.certificateNumber,
    issuedAt: isoUtc(input.issuedAt) as string,
    sections: [
      {
        heading: "Lot",
        lines: [
          { label: "Lot", value: `${input.lot.title} (${input.lot.id})` },
          { label: "Chemistry", value: CHEMISTRY_LABELS[input.lot.chemistry] ?? input.lot.chemistry },
          { label: "Form", value: LOT_FORM_LABELS[input.lot.form] ?? input.lot.form },
          { label: "Mass received", value: `${formatNumber(input.massReceivedKg, { maxDecimals: 1 })} kg` },
          { label: "Received", value: isoUtc(input.receivedAt) as string },
        ],
      },
      {
        heading: "Recovery",
        lines: [
          { label: "Facility", value: `${input.facility.name}, ${input.facility.address}` },
          { label: "Process", value: RECYCLING_PROCESS_LABELS[input.process] ?? input.process },
          { label: "Processed", value: isoUtc(input.processedAt) as string },
        ],
        table: {
          columns: ["Metal", "Contained kg", "Recovery rate", "Recovered kg", "Basis"],
          rows: recovery.metals.map((m) => [
            METAL_LABELS[m.metal],
            gramsToKgString(m.containedGrams),
            formatBasisPoints(m.rateBp),
            gramsToKgString(m.recoveredGrams),
            m.source,
          ]),
        },
      },
      {
        heading: "Transport emissions as shipped",
        table: {
          columns: ["Leg", "Mode", "Distance km", "CO2e kg"],
          rows: [
            ...recovery.legs.map((leg) => [
              `${leg.from} - ${leg.to}`,
              leg.mode,
              formatNumber(leg.distanceKm, { maxDecimals: 0 }),
              gramsToKgString(leg.co2eGrams),
            ]),
            ["Total", "", "", gramsToKgString(recovery.transportCo2eGrams)],
          ],
        },
      },
      {
        heading: "Carbon record",
        lines: [
          { label: "Transport CO2e", value: tonnesCo2e(recovery.transportCo2eGrams) },
          { label: "Avoided vs primary production (estimate)", value: tonnesCo2e(recovery.avoidedCo2eGrams) },
          { label: "Net avoided", value: tonnesCo2e(recovery.netAvoidedCo2eGrams) },
        ],
        paragraphs: [
          `Factors (kg CO2e per kg primary metal): ${recovery.factors
            .map((f) => `${f.metal} ${formatNumber(f.gramsCo2ePerKg / 1000, { maxDecimals: 1 })} (${f.asOf})`)
            .join(", ")}. Gross of the recycling process's own emissions.`,
        ],
      },
      {
        heading: "Recycled-content record",
        table: {
          columns: ["Metal", "Recovered kg", "Share of content", "EU 2023/1542 Art. 8"],
          rows: recycled.map((r) => [
            METAL_LABELS[r.metal],
            gramsToKgString(r.recoveredGrams),
            formatBasisPoints(r.recoveryBp),
            r.countsUnderEuArticle8 ? "yes" : "no",
          ]),
        },
      },
      {
        heading: "Chain of custody",
        lines: [
          { label: "Chain head (SHA-256)", value: input.chainHeadHash },
          { label: "Verify", value: url },
        ],
      },
    ],
    qr: { url, caption: `Verify this certificate: ${url}` },
    footer: `Certificate ${input.certificateNumber}, issued ${isoUtcDay(input.issuedAt)} (UTC).`,
  };
  return { ok: true, paper, verifyUrl: url };
}
