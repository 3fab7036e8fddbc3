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
import { MILESTONE_LABELS, type MilestoneKind } from "~/domain/shipments/milestones.ts";

const ACCEPT = "application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp";

/** The milestone form's evidence fields: what the files are, and the files (judged again on the server). */
export function EvidenceInputs({ feedback }: { feedback?: FormFeedback }) {
  const errors = feedback?.errors ?? {};
  return (
    <fieldset className="evidence-inputs">
      <legend>Evidence (optional)</legend>
      <p className="hint">
        PDF, PNG, JPEG or WebP, up to {formatFileSize(MAX_DOCUMENT_BYTES)} each, at most {MAX_EVIDENCE_FILES}{" "}
        files; only the organisations on this shipment can open them.
      </p>
      <div className="field">
        <label htmlFor="field-evidenceKind">The files are</label>
        <select id="field-evidenceKind" name="evidenceKind" defaultValue="weighbridge_ticket">
          {EVIDENCE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {EVIDENCE_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        <FieldError name="evidenceKind" feedback={feedback} />
      </div>
      <div className="field">
        <label htmlFor="field-evidence">Files</label>
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
  if (evidence.length === 0) return null;
  return (
    <section aria-label="Evidence">
      <h2>Evidence</h2>
      <ul data-testid="milestone-evidence">
        {evidence.map((e) => (
          <li key={e.id}>
            {MILESTONE_LABELS[e.milestoneKind as MilestoneKind] ?? e.milestoneKind}: {e.kindLabel} —{" "}
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
  if (consents.length === 0 && !canRecord) return null;
  const day = (iso: string) => iso.slice(0, 10);
  return (
    <section aria-label="Transboundary consent" data-testid="shipment-consents">
      <h2>Transboundary consent</h2>
      {consents.length === 0 ? (
        <p>
          {needsConsent
            ? "No consent recorded: the shipment cannot depart until the consent of the competent authorities is recorded."
            : "No consent recorded."}
        </p>
      ) : (
        <ul>
          {consents.map((c) => (
            <li key={c.id}>
              Notification <strong>{c.notificationNumber}</strong>, consented by{" "}
              {c.authorities.join("; ") || "—"}, valid {day(c.validFrom)} to {day(c.validTo)}; this shipment
              is {c.serialNumber} of {c.shipmentsConsented}{" "}
              <small>
                (recorded <DateTime value={c.recordedAt} />)
              </small>
            </li>
          ))}
        </ul>
      )}
      {canRecord ? (
        <Form method="post" className="card" aria-label="Record the consent">
          <input type="hidden" name="intent" value="record-consent" />
          <TextField name="notificationNumber" label="Notification number" required feedback={feedback} />
          <div className="field">
            <label htmlFor="field-authorities">Consenting authorities (one a line)</label>
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
            label="Valid from (first day)"
            type="date"
            required
            feedback={feedback}
          />
          <TextField name="validTo" label="Valid to (last day)" type="date" required feedback={feedback} />
          <TextField
            name="shipmentsConsented"
            label="Shipments consented"
            inputMode="numeric"
            required
            feedback={feedback}
          />
          <TextField
            name="serialNumber"
            label="This shipment's serial number"
            inputMode="numeric"
            required
            feedback={feedback}
          />
          <FormError feedback={feedback} />
          <button type="submit" disabled={busy}>
            Record consent
          </button>
        </Form>
      ) : null}
    </section>
  );
}
