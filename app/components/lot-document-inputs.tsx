import { FieldError, type FormFeedback } from "~/components/form.tsx";
import { MAX_DOCUMENT_BYTES, MAX_PHOTOS } from "~/domain/lot-documents.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

const ACCEPT_DOCUMENT = "application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp";
const ACCEPT_PHOTO = "image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp";

/** The document fields; label and hint are `listing.documents.<name>` and `<name>Hint`. */
const SLOTS = ["doc_un38_3_summary", "doc_safety_data_sheet", "doc_soh_report"] as const;

/** File inputs for a lot's documents; the server checks size and real type again. */
export function LotDocumentInputs({ feedback }: { feedback?: FormFeedback }) {
  const { t } = useTranslation();
  const mb = MAX_DOCUMENT_BYTES / 1024 / 1024;
  return (
    <fieldset className="lot-documents">
      <legend>{t("listing.documents.legend")}</legend>
      <p className="hint">{t("listing.documents.hint", { mb, photos: MAX_PHOTOS })}</p>
      {SLOTS.map((slot) => (
        <div className="field" key={slot}>
          <label htmlFor={`field-${slot}`}>{t(`listing.documents.${slot}`)}</label>
          <p className="hint">{t(`listing.documents.${slot}Hint`)}</p>
          <input
            id={`field-${slot}`}
            type="file"
            name={slot}
            accept={ACCEPT_DOCUMENT}
            aria-invalid={feedback?.errors?.[slot] ? true : undefined}
          />
          <FieldError name={slot} feedback={feedback} />
        </div>
      ))}
      <div className="field">
        <label htmlFor="field-doc_photo">{t("listing.documents.photos")}</label>
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
