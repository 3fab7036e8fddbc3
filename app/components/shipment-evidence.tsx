import { Form } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import { FieldError, FormError, type FormFeedback, TextField } from "~/components/form.tsx";
import { MAX_DOCUMENT_BYTES } from "~/domain/lot-documents.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import type { ConsentView } from "~/domain/shipments/consent.ts";
import {
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceView,
  MAX_EVIDENCE_FILES,
} from "~/domain/shipments/evidence.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { milestoneLabel } from "./shipments.tsx";
import { SLOT, Slotted } from "./slotted.tsx";

const ACCEPT = "application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp";

/** The milestone form's evidence fields: what the files are, and the files (judged again on the server). */
export function EvidenceInputs({ feedback }: { feedback?: FormFeedback }) {
  const { t } = useTranslation();
  const errors = feedback?.errors ?? {};
  return (
    <fieldset className="evidence-inputs">
      <legend>{t("shipments.evidence.legend")}</legend>
      <p className="hint">
        {t("shipments.evidence.hint", { size: formatFileSize(MAX_DOCUMENT_BYTES), max: MAX_EVIDENCE_FILES })}
      </p>
      <div className="field">
        <label htmlFor="field-evidenceKind">{t("shipments.evidence.kindLabel")}</label>
        <select id="field-evidenceKind" name="evidenceKind" defaultValue="weighbridge_ticket">
          {EVIDENCE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`shipments.evidence.kind.${kind}`, { defaultValue: EVIDENCE_KIND_LABELS[kind] })}
            </option>
          ))}
        </select>
        <FieldError name="evidenceKind" feedback={feedback} />
      </div>
      <div className="field">
        <label htmlFor="field-evidence">{t("shipments.evidence.files")}</label>
        <input
          id="field-evidence"
          type="file"
          name="evidence"
          accept={ACCEPT}
          multiple
          aria-invalid={errors.evidence ? true : undefined}
        />
        <FieldError name="evidence" feedback={feedback} />
      </div>
    </fieldset>
  );
}

/** Every evidence file of the shipment, by milestone, each a download for the parties. */
export function EvidenceList({
  shipmentId,
  evidence,
}: {
  shipmentId: string;
  evidence: readonly EvidenceView[];
}) {
  const { t } = useTranslation();
  if (evidence.length === 0) return null;
  return (
    <section aria-label={t("shipments.evidence.heading")}>
      <h2>{t("shipments.evidence.heading")}</h2>
      <ul data-testid="milestone-evidence">
        {evidence.map((e) => (
          <li key={e.id}>
            {milestoneLabel(t, e.milestoneKind)}:{" "}
            {t(`shipments.evidence.kind.${e.kind}`, { defaultValue: e.kindLabel })} —{" "}
            <a href={`/shipments/${shipmentId}/evidence/${e.id}`}>{e.fileName}</a>{" "}
            <small>
              ({formatFileSize(e.sizeBytes)}, SHA-256 <code title={e.sha256}>{e.sha256.slice(0, 12)}…</code>)
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The consents on file and, for the seller or buyer before departure, the form to record one. */
export function ConsentSection({
  consents,
  canRecord,
  needsConsent,
  feedback,
  busy,
}: {
  consents: readonly ConsentView[];
  canRecord: boolean;
  needsConsent: boolean;
  feedback?: FormFeedback;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  if (consents.length === 0 && !canRecord) return null;
  // A consent's days are whole calendar days (UTC), not moments: no zone applies.
  const day = (iso: string) => f.date(`${iso.slice(0, 10)}T12:00:00Z`, { precision: "day", timeZone: "UTC" });
  return (
    <section aria-label={t("shipments.consent.heading")} data-testid="shipment-consents">
      <h2>{t("shipments.consent.heading")}</h2>
      {consents.length === 0 ? (
        <p>{needsConsent ? t("shipments.consent.noneBlocking") : t("shipments.consent.none")}</p>
      ) : (
        <ul>
          {consents.map((c) => (
            <li key={c.id}>
              <Slotted
                text={t("shipments.consent.item", {
                  number: SLOT,
                  authorities: c.authorities.join("; ") || "—",
                  from: day(c.validFrom),
                  to: day(c.validTo),
                  serial: f.number(c.serialNumber),
                  total: f.number(c.shipmentsConsented),
                })}
              >
                <strong>{c.notificationNumber}</strong>
              </Slotted>{" "}
              <small>
                <Slotted text={t("shipments.consent.recorded", { time: SLOT })}>
                  <DateTime value={c.recordedAt} />
                </Slotted>
              </small>
            </li>
          ))}
        </ul>
      )}
      {canRecord ? (
        <Form method="post" className="card" aria-label={t("shipments.consent.formLabel")}>
          <input type="hidden" name="intent" value="record-consent" />
          <TextField
            name="notificationNumber"
            label={t("shipments.consent.notificationNumber")}
            required
            feedback={feedback}
          />
          <div className="field">
            <label htmlFor="field-authorities">{t("shipments.consent.authorities")}</label>
            <textarea
              id="field-authorities"
              name="authorities"
              rows={3}
              required
              aria-invalid={feedback?.errors?.authorities ? true : undefined}
            />
            <FieldError name="authorities" feedback={feedback} />
          </div>
          <TextField
            name="validFrom"
            label={t("shipments.consent.validFrom")}
            type="date"
            required
            feedback={feedback}
          />
          <TextField
            name="validTo"
            label={t("shipments.consent.validTo")}
            type="date"
            required
            feedback={feedback}
          />
          <TextField
            name="shipmentsConsented"
            label={t("shipments.consent.shipmentsConsented")}
            inputMode="numeric"
            required
            feedback={feedback}
          />
          <TextField
            name="serialNumber"
            label={t("shipments.consent.serialNumber")}
            inputMode="numeric"
            required
            feedback={feedback}
          />
          <FormError feedback={feedback} />
          <button type="submit" disabled={busy}>
            {t("shipments.consent.record")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
