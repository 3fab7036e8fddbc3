import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * "List from a battery passport": upload a passport JSON (Catena-X battery pass field names) and the
 * listing form below comes back pre-filled with what it holds (ADR 023). Works without JavaScript.
 */
export function PassportUpload({ readFile }: { readFile?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" encType="multipart/form-data" className="passport-upload stack" noValidate>
      <fieldset>
        <legend>{t("listing.passport.legend")}</legend>
        <p className="hint">{t("listing.passport.hint")}</p>
        <div className="field">
          <label htmlFor="field-passport">{t("listing.passport.file")}</label>
          <input id="field-passport" type="file" name="passport" accept=".json,application/json" />
        </div>
        {readFile ? (
          <p className="notice" role="status">
            {t("listing.passport.filledFrom", { file: readFile })}
          </p>
        ) : null}
        <button type="submit" name="intent" value="passport" className="button button-secondary">
          {t("listing.passport.read")}
        </button>
      </fieldset>
    </Form>
  );
}
