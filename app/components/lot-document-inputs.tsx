import { FieldError, type FormFeedback } from "~/components/form.tsx";
import { MAX_DOCUMENT_BYTES, MAX_PHOTOS } from "~/domain/lot-documents.ts";

const ACCEPT_DOCUMENT = "application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp";
const ACCEPT_PHOTO = "image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp";

const SLOTS = [
  {
    name: "doc_un38_3_summary",
    label: "UN 38.3 test summary",
    hint: "Not needed for batteries sent for recycling (SP 377), but buyers of intact packs ask for it.",
  },
  {
    name: "doc_safety_data_sheet",
    label: "Safety data sheet",
    hint: "The manufacturer's SDS for the cells.",
  },
  {
    name: "doc_soh_report",
    label: "State-of-health report",
    hint: "A BMS log, capacity test or battery passport.",
  },
] as const;

/** File inputs for a lot's documents; the server checks size and real type again. */
export function LotDocumentInputs({ feedback }: { feedback?: FormFeedback }) {
  const mb = MAX_DOCUMENT_BYTES / 1024 / 1024;
  return (
    <fieldset className="lot-documents">
      <legend>Documents and photos (optional)</legend>
      <p className="hint">
        PDF, PNG, JPEG or WebP, up to {mb} MB each; up to {MAX_PHOTOS} photos.
      </p>
      {SLOTS.map((slot) => (
        <div className="field" key={slot.name}>
          <label htmlFor={`field-${slot.name}`}>{slot.label}</label>
          <p className="hint">{slot.hint}</p>
          <input
            id={`field-${slot.name}`}
            type="file"
            name={slot.name}
            accept={ACCEPT_DOCUMENT}
            aria-invalid={feedback?.errors?.[slot.name] ? true : undefined}
          />
          <FieldError name={slot.name} feedback={feedback} />
        </div>
      ))}
      <div className="field">
        <label htmlFor="field-doc_photo">Photos</label>
        <input
          id="field-doc_photo"
          type="file"
          name="doc_photo"
          accept={ACCEPT_PHOTO}
          multiple
          aria-invalid={feedback?.errors?.doc_photo ? true : undefined}
        />
        <FieldError name="doc_photo" feedback={feedback} />
      </div>
    </fieldset>
  );
}
