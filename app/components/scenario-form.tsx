import { Form } from "@remix-run/react";
import { CHEMISTRIES } from "~/domain/codes.ts";
import { SEA_PORTS } from "~/domain/logistics/sea-lanes.ts";
import type { ScenarioChange } from "~/domain/matching/scenario.ts";
import { IMPORT_RULE_ROWS, type ScenarioForm } from "~/domain/matching/scenario-form.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

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
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const v = (field: string) => values[field] ?? "";
  const invalid = (field: string) =>
    errors[field] ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {};
  return (
    <Form method="post" className="stack scenario-form" data-testid="scenario-form">
      <label>
        {t("scenarios.form.name")}
        <input name="name" defaultValue={name} required maxLength={100} {...invalid("name")} />
        <FieldError errors={errors} field="name" />
      </label>
      <fieldset>
        <legend>{t("scenarios.form.imports")}</legend>
        {IMPORT_ROWS.map((i) => (
          <div className="inline-form" key={`ban${i}`}>
            <label>
              {t("scenarios.form.economy")}
              <select
                name={`ban${i}Economy`}
                defaultValue={v(`ban${i}Economy`)}
                {...invalid(`ban${i}Economy`)}
              >
                <option value="">—</option>
                {economies.sorted("short").map((e) => (
                  <option key={e.code} value={e.code}>
                    {e.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("scenarios.form.rule")}
              <select name={`ban${i}Rule`} defaultValue={v(`ban${i}Rule`)} {...invalid(`ban${i}Rule`)}>
                <option value="">—</option>
                <option value="banned">{t("scenarios.form.banned")}</option>
                <option value="admitted">{t("scenarios.form.admitted")}</option>
              </select>
            </label>
            <FieldError errors={errors} field={`ban${i}Economy`} />
            <FieldError errors={errors} field={`ban${i}Rule`} />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("scenarios.form.hub")}</legend>
        <div className="inline-form">
          <label>
            {t("scenarios.form.port")}
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
            {t("scenarios.form.chemistry")}
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
            {t("scenarios.form.tonnesPerMonth")}
            <input
              name="hubTonnes"
              inputMode="numeric"
              defaultValue={v("hubTonnes")}
              {...invalid("hubTonnes")}
            />
          </label>
          <label>
            {t("scenarios.form.price")}
            <input
              name="hubPrice"
              inputMode="decimal"
              defaultValue={v("hubPrice") || "0"}
              {...invalid("hubPrice")}
            />
          </label>
          <label>
            {t("scenarios.form.recovery")}
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
        <legend>{t("scenarios.form.freightAndCo2")}</legend>
        <div className="inline-form">
          <label>
            {t("scenarios.form.mode")}
            <select name="freightMode" defaultValue={v("freightMode") || "sea"} {...invalid("freightMode")}>
              <option value="road">{t("scenarios.mode.road")}</option>
              <option value="rail">{t("scenarios.mode.rail")}</option>
              <option value="sea">{t("scenarios.mode.sea")}</option>
            </select>
          </label>
          <label>
            {t("scenarios.form.freightRate")}
            <input
              name="freightRate"
              inputMode="decimal"
              defaultValue={v("freightRate")}
              {...invalid("freightRate")}
            />
          </label>
          <label>
            {t("scenarios.form.co2Price")}
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

/** One change of a scenario, in the page's language (domain describeChange words it in English). */
export function ScenarioChangeLine({
  change,
  ports,
}: {
  change: ScenarioChange;
  /** Port names by UN/LOCODE (data, the same in every language). */
  ports: Readonly<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const usd = (cents: number) => format.money({ amountMinor: cents, currency: "USD" });
  switch (change.kind) {
    case "black_mass_import":
      return (
        <>
          {t(change.rule === "banned" ? "scenarios.line.banned" : "scenarios.line.admitted", {
            economy: change.economy,
          })}
        </>
      );
    case "hub":
      return (
        <>
          {t("scenarios.line.hub", {
            port: ports[change.port] ?? change.port,
            tonnes: format.tonnes(change.tonnesPerMonth),
            chemistry: change.chemistry,
            price: usd(change.priceCentsPerTonne),
            recovery: format.percent(change.recoveryPct, { maxDecimals: 1 }),
          })}
        </>
      );
    case "freight_rate":
      return (
        <>
          {t("scenarios.line.freight", {
            mode: t(`scenarios.mode.${change.mode}`),
            rate: usd(change.centsPer1000Tkm),
          })}
        </>
      );
    case "co2_price":
      return <>{t("scenarios.line.co2", { price: usd(change.centsPerTonne) })}</>;
  }
}
