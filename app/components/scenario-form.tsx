import { Form } from "@remix-run/react";
import { CHEMISTRIES } from "~/domain/codes.ts";
import { ECONOMIES } from "~/domain/economies.ts";
import { SEA_PORTS } from "~/domain/logistics/sea-lanes.ts";
import { IMPORT_RULE_ROWS, type ScenarioForm } from "~/domain/matching/scenario-form.ts";

const IMPORT_ROWS = Array.from({ length: IMPORT_RULE_ROWS }, (_, i) => i);

interface Props {
  name: string;
  values: ScenarioForm;
  errors: Record<string, string>;
  submitLabel: string;
}

function FieldError({ errors, field }: { errors: Record<string, string>; field: string }) {
  return errors[field] ? (
    <span className="field-error" id={`${field}-error`}>
      {errors[field]}
    </span>
  ) : null;
}

/** The changes of a "what if": each group is optional; blank groups change nothing. */
export function ScenarioChangesForm({ name, values, errors, submitLabel }: Props) {
  const v = (field: string) => values[field] ?? "";
  const invalid = (field: string) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {};
  return (
    <Form method="post" className="stack scenario-form" data-testid="scenario-form">
      <label>
        Name
        <input name="name" defaultValue={name} required maxLength={100} {...invalid("name")} />
        <FieldError errors={errors} field="name" />
      </label>
      <fieldset>
        <legend>Black mass imports</legend>
        {IMPORT_ROWS.map((i) => (
          <div className="inline-form" key={`ban${i}`}>
            <label>
              Economy
              <select
                name={`ban${i}Economy`}
                defaultValue={v(`ban${i}Economy`)}
                {...invalid(`ban${i}Economy`)}
              >
                <option value="">—</option>
                {ECONOMIES.map((e) => (
                  <option key={e.code} value={e.code}>
                    {e.shortName}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Rule
              <select name={`ban${i}Rule`} defaultValue={v(`ban${i}Rule`)} {...invalid(`ban${i}Rule`)}>
                <option value="">—</option>
                <option value="banned">bans black mass imports</option>
                <option value="admitted">lifts its ban</option>
              </select>
            </label>
            <FieldError errors={errors} field={`ban${i}Economy`} />
            <FieldError errors={errors} field={`ban${i}Rule`} />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Joint recycling hub at a port</legend>
        <div className="inline-form">
          <label>
            Port
            <select name="hubPort" defaultValue={v("hubPort")} {...invalid("hubPort")}>
              <option value="">—</option>
              {SEA_PORTS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.economy})
                </option>
              ))}
            </select>
          </label>
          <label>
            Chemistry
            <select
              name="hubChemistry"
              defaultValue={v("hubChemistry") || "LFP"}
              {...invalid("hubChemistry")}
            >
              {CHEMISTRIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            t/month
            <input
              name="hubTonnes"
              inputMode="numeric"
              defaultValue={v("hubTonnes")}
              {...invalid("hubTonnes")}
            />
          </label>
          <label>
            Pays USD/t
            <input
              name="hubPrice"
              inputMode="decimal"
              defaultValue={v("hubPrice") || "0"}
              {...invalid("hubPrice")}
            />
          </label>
          <label>
            Recovery %
            <input
              name="hubRecovery"
              inputMode="numeric"
              defaultValue={v("hubRecovery") || "90"}
              {...invalid("hubRecovery")}
            />
          </label>
        </div>
        {["hubPort", "hubChemistry", "hubTonnes", "hubPrice", "hubRecovery"].map((f) => (
          <FieldError key={f} errors={errors} field={f} />
        ))}
      </fieldset>
      <fieldset>
        <legend>Freight and CO2</legend>
        <div className="inline-form">
          <label>
            Mode
            <select name="freightMode" defaultValue={v("freightMode") || "sea"} {...invalid("freightMode")}>
              <option value="road">road</option>
              <option value="rail">rail</option>
              <option value="sea">sea</option>
            </select>
          </label>
          <label>
            USD per 1,000 t-km
            <input
              name="freightRate"
              inputMode="decimal"
              defaultValue={v("freightRate")}
              {...invalid("freightRate")}
            />
          </label>
          <label>
            CO2 price, USD/t
            <input
              name="co2Price"
              inputMode="decimal"
              defaultValue={v("co2Price")}
              {...invalid("co2Price")}
            />
          </label>
        </div>
        {["freightMode", "freightRate", "co2Price", "changes"].map((f) => (
          <FieldError key={f} errors={errors} field={f} />
        ))}
      </fieldset>
      <button type="submit" name="intent" value="save" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
