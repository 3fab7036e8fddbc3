import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { FieldError, FormError, TextField } from "~/components/form.tsx";
import { FxWarning } from "~/components/fx-warning.tsx";
import {
  FACTOR_CATALOGUE,
  type FactorGroup,
  factorDefinition,
  factorProblem,
  factorProblemMessage,
} from "~/domain/logistics/factors.ts";
import { formatNumber } from "~/domain/quantity.ts";
import { addFactor, currentFactors, listFactorRows, missingExchangeRates } from "~/models/factor.server.ts";
import lotStyles from "~/styles/lots.css?url";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "Logistics and market factors · Packloop" }];
export const links = () => [{ rel: "stylesheet", href: lotStyles }];

const GROUP_LABELS: Readonly<Record<FactorGroup, string>> = {
  freight: "Freight rates",
  dangerous_goods: "Dangerous-goods surcharges",
  port: "Ports and borders",
  emission: "Emissions",
  speed: "Transit speeds",
  fx: "Exchange rates",
  co2: "CO2 price",
  primary_production: "Primary production of recovered metals (avoided emissions)",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { admin: true });
  const [history, current, missingFx] = await Promise.all([
    listFactorRows(),
    currentFactors(),
    missingExchangeRates(),
  ]);
  return {
    factors: FACTOR_CATALOGUE.map((definition) => {
      const row = current.rows.get(definition.key) ?? null;
      const applied = row !== null && !current.rejected.some((r) => r.key === definition.key);
      return {
        ...definition,
        current: applied && row ? row : null,
        history: history.filter((h) => h.key === definition.key),
      };
    }),
    // Rows in force that the catalogue refuses (a renamed key, a value now out of bounds).
    rejected: current.rejected,
    // Currencies pricing open lots or capacity windows that the rate table in force lacks.
    missingFx,
  };
}

const FactorSchema = z.object({
  key: z
    .string({ required_error: "Choose a factor from the list." })
    .trim()
    .min(1, "Choose a factor from the list."),
  value: z.string({ required_error: "Enter the value." }).trim().min(1, "Enter the value."),
  asOf: z
    .string({ required_error: "Enter the date of the value." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date of the value."),
  sourceUrl: z
    .string({ required_error: "Enter the web address of the source, starting with https://." })
    .trim()
    .max(500, "Keep the web address to 500 characters.")
    .url("Enter the web address of the source, starting with https://.")
    .refine((url) => /^https?:\/\//i.test(url), "Enter a web address starting with http:// or https://."),
  note: z.string().trim().max(500, "Keep the note to 500 characters.").optional(),
});

function isRealDate(day: string): boolean {
  const date = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireActor(request, { admin: true });
  const parsed = parseForm(await request.formData(), FactorSchema);
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  const fields = parsed.ok ? parsed.data : null;
  const key = fields?.key ?? String(parsed.values.key ?? "");
  const definition = factorDefinition(key);
  if (!errors.key && !definition) errors.key = "Choose a factor from the list.";
  // Thousands separators are allowed (“7,000”); anything else that is not a number is refused.
  const rawValue = String(parsed.values.value ?? "").replace(/[,\s]/g, "");
  const value = rawValue === "" ? Number.NaN : Number(rawValue);
  if (!errors.value && definition) {
    const problem = factorProblem(key, value);
    if (problem) errors.value = factorProblemMessage(definition, problem);
  }
  if (fields && !errors.asOf) {
    if (!isRealDate(fields.asOf)) errors.asOf = "Enter a real date.";
    else if (fields.asOf > new Date().toISOString().slice(0, 10))
      errors.asOf = "A value cannot be dated in the future.";
  }
  if (!fields || !definition || Object.keys(errors).length > 0)
    return data({ errors, values: parsed.values, saved: null }, { status: 400 });
  await addFactor(user.id, {
    key,
    value,
    asOf: fields.asOf,
    sourceUrl: fields.sourceUrl,
    ...(fields.note ? { note: fields.note } : {}),
  });
  return {
    errors: {},
    values: {},
    saved: `${definition.label} as of ${fields.asOf} saved: ${formatNumber(value, { maxDecimals: 3 })} ${definition.unit}.`,
  };
}

function formatValue(value: number | null): string {
  return value === null ? "none" : formatNumber(value, { maxDecimals: 6 });
}

export default function AdminFactors() {
  const { factors, rejected, missingFx } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = (result?.values ?? {}) as Record<string, string>;
  const groups = [...new Set(factors.map((f) => f.group))];
  return (
    <div className="stack lot-page">
      <h1>Logistics and market factors</h1>
      <p>
        Quotes, lot matches and the allocation plan price freight, surcharges, emissions, transit times and
        currencies with the newest value per factor below (by as-of date); factors without one use the
        defaults shipped with Packloop. A new value adds a row, so the history stays. Changes apply to new
        quotes at once, and to a cached allocation plan within a minute.
      </p>
      {rejected.length > 0 ? (
        <p className="notice" role="alert">
          Not applied (the default is used instead):{" "}
          {rejected.map((r) => `${r.key} = ${r.value} (${r.problem.replace(/_/g, " ")})`).join("; ")}.
        </p>
      ) : null}
      <FxWarning missing={missingFx} formHref="#add-value" />
      <table data-testid="current-factors">
        <thead>
          <tr>
            <th>Factor</th>
            <th className="num">Current</th>
            <th>Unit</th>
            <th>As of</th>
            <th>Source</th>
            <th className="num">Default</th>
            <th>History</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group}>
            <tr>
              <th colSpan={7} scope="colgroup">
                {GROUP_LABELS[group]}
              </th>
            </tr>
            {factors
              .filter((f) => f.group === group)
              .map((f) => (
                <tr key={f.key} data-key={f.key}>
                  <td>
                    {f.label}
                    <br />
                    <code>{f.key}</code>
                  </td>
                  <td className="num">{formatValue(f.current ? f.current.value : f.defaultValue)}</td>
                  <td>{f.unit}</td>
                  <td>{f.current ? f.current.asOf : null}</td>
                  <td>
                    {f.current ? (
                      <a href={f.current.sourceUrl} rel="noreferrer noopener" target="_blank">
                        Source
                      </a>
                    ) : (
                      <>
                        <span className="badge">default</span> {f.source}
                      </>
                    )}
                  </td>
                  <td className="num">{formatValue(f.defaultValue)}</td>
                  <td>
                    {f.history.length === 0 ? (
                      "—"
                    ) : (
                      <details>
                        <summary>
                          {f.history.length} {f.history.length === 1 ? "value" : "values"}
                        </summary>
                        <ul>
                          {f.history.map((h) => (
                            <li key={h.id}>
                              {formatValue(h.value)} as of {h.asOf} (entered{" "}
                              <DateTime value={h.createdAt} precision="day" />
                              ),{" "}
                              <a href={h.sourceUrl} rel="noreferrer noopener" target="_blank">
                                source
                              </a>
                              {h.note ? `: ${h.note}` : null}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
      <section className="card" id="add-value">
        <h2>Add a value</h2>
        {result?.saved ? (
          <p className="notice" role="status">
            {result.saved}
          </p>
        ) : null}
        <FormError feedback={result ?? undefined} />
        <Form method="post" noValidate>
          <div className="field">
            <label htmlFor="field-key">Factor</label>
            <select id="field-key" name="key" defaultValue={values.key ?? ""}>
              <option value="">Choose…</option>
              {groups.map((group) => (
                <optgroup key={group} label={GROUP_LABELS[group]}>
                  {factors
                    .filter((f) => f.group === group)
                    .map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label} ({f.unit}; {formatValue(f.min)}–{formatValue(f.max)})
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <FieldError name="key" feedback={result} />
          </div>
          <div className="field-row">
            <TextField
              name="value"
              label="Value"
              hint="In the factor's unit, within the range shown"
              inputMode="decimal"
              feedback={result}
            />
            <TextField name="asOf" label="As of" type="date" feedback={result} />
          </div>
          <TextField name="sourceUrl" label="Source (web address)" type="url" feedback={result} />
          <TextField name="note" label="Note (optional)" feedback={result} />
          <button type="submit">Add value</button>
        </Form>
      </section>
    </div>
  );
}
