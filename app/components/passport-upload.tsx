import { Form } from "@remix-run/react";

/**
 * "List from a battery passport": upload a passport JSON (Catena-X battery pass field names) and the
 * listing form below comes back pre-filled with what it holds (ADR 023). Works without JavaScript.
 */
export function PassportUpload({ readFile }: { readFile?: string }) {
  return (
    <Form method="post" encType="multipart/form-data" className="passport-upload stack" noValidate>
      <fieldset>
        <legend>List from a battery passport</legend>
        <p className="hint">
          Upload the battery's passport (JSON in the Catena-X battery passport format) to fill in the
          chemistry, mass, energy and state of health. Nothing is saved until you save the lot below.
        </p>
        <div className="field">
          <label htmlFor="field-passport">Passport file</label>
          <input id="field-passport" type="file" name="passport" accept=".json,application/json" />
        </div>
        {readFile ? (
          <p className="notice" role="status">
            Filled in from {readFile}. Check every field before saving.
          </p>
        ) : null}
        <button type="submit" name="intent" value="passport" className="button button-secondary">
          Read passport
        </button>
      </fieldset>
    </Form>
  );
}
