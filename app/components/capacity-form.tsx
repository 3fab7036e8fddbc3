import { Form, Link } from "@remix-run/react";
import { FieldError, type FormFeedback, TextField } from "~/components/form.tsx";
import { PRICE_KIND_LABELS, PRICE_KINDS } from "~/domain/capacity.ts";
import { CHEMISTRY_SHORT_LABELS, type Chemistry } from "~/domain/codes.ts";
import { SUPPORTED_CURRENCIES } from "~/domain/money.ts";

/** Add or edit one month's capacity window of a facility. */
export function CapacityForm({
  editingId,
  bookedTonnes,
  defaults,
  feedback,
  facilityChemistries,
  minMonth,
  maxRepeatMonths,
}: {
  maxRepeatMonths: number;
  editingId: string | null;
  bookedTonnes: number;
  defaults: Record<string, string | string[]>;
  feedback?: FormFeedback;
  facilityChemistries: readonly Chemistry[];
  minMonth: string;
}) {
  const values = feedback?.values ?? defaults;
  const text = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  };
  const chosen = new Set(Array.isArray(values.acceptedChemistries) ? values.acceptedChemistries : []);
  return (
    <Form method="post" noValidate className="capacity-form">
      <input type="hidden" name="intent" value={editingId ? "update" : "add"} />
      {editingId ? <input type="hidden" name="windowId" value={editingId} /> : null}
      <div className="field-row">
        <TextField
          name="month"
          label="Month"
          type="month"
          min={minMonth}
          defaultValue={text("month")}
          feedback={feedback}
        />
        <TextField
          name="tonnes"
          label="Tonnes offered"
          inputMode="decimal"
          hint={
            bookedTonnes > 0 ? `${bookedTonnes} t already booked: offer at least that.` : "Up to 3 decimals."
          }
          defaultValue={text("tonnes")}
          feedback={feedback}
        />
      </div>
      <div className="field-row">
        <TextField
          name="price"
          label="Price per tonne"
          inputMode="decimal"
          hint="In major units, e.g. 1250 or 1,250.50. 0 is allowed."
          defaultValue={text("price")}
          feedback={feedback}
        />
        <div className="field">
          <label htmlFor="field-currency">Currency</label>
          <select id="field-currency" name="currency" defaultValue={text("currency")}>
            {SUPPORTED_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <FieldError name="currency" feedback={feedback} />
        </div>
      </div>
      <fieldset className="field">
        <legend>Who pays</legend>
        <div className="checks">
          {PRICE_KINDS.map((kind) => (
            <label key={kind}>
              <input type="radio" name="priceKind" value={kind} defaultChecked={text("priceKind") === kind} />
              {PRICE_KIND_LABELS[kind]}
            </label>
          ))}
        </div>
        <FieldError name="priceKind" feedback={feedback} />
      </fieldset>
      <fieldset className="field">
        <legend>Chemistries for this window</legend>
        <p className="hint">Leave all unticked to take every chemistry the facility accepts.</p>
        <div className="checks">
          {facilityChemistries.map((c) => (
            <label key={c}>
              <input type="checkbox" name="acceptedChemistries" value={c} defaultChecked={chosen.has(c)} />
              {CHEMISTRY_SHORT_LABELS[c]}
            </label>
          ))}
        </div>
        <FieldError name="acceptedChemistries" feedback={feedback} />
      </fieldset>
      <TextField name="note" label="Note (optional)" defaultValue={text("note")} feedback={feedback} />
      {editingId ? null : (
        <TextField
          name="repeatMonths"
          label="Repeat for the next N months"
          type="number"
          min={1}
          max={maxRepeatMonths}
          inputMode="numeric"
          hint={`How many months, starting with the month above, get this same window (1–${maxRepeatMonths}). Months that already have a window are refused: edit those instead.`}
          defaultValue={text("repeatMonths") || "1"}
          feedback={feedback}
        />
      )}
      <p>
        <button type="submit">{editingId ? "Save window" : "Post capacity"}</button>{" "}
        {editingId ? (
          <Link to="." className="button button-secondary">
            Cancel
          </Link>
        ) : null}
      </p>
    </Form>
  );
}
