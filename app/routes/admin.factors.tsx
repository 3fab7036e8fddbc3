import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { FieldError, FormError, TextField } from "~/components/form.tsx";
import { FxWarning } from "~/components/fx-warning.tsx";
import { SLOT, Slotted } from "~/components/slotted.tsx";
import {
  FACTOR_CATALOGUE,
  type FactorDefinition,
  type FactorGroup,
  type FactorProblem,
  factorDefinition,
  factorProblem,
} from "~/domain/logistics/factors.ts";
import { factorLabelIn, factorUnitIn } from "~/i18n/factor-words.ts";
import { requestLanguage } from "~/i18n/i18n.server.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { addFactor, currentFactors, listFactorRows, missingExchangeRates } from "~/models/factor.server.ts";
import lotStyles from "~/styles/lots.css?url";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "admin.factors.title") },
];
export const links = () => [{ rel: "stylesheet", href: lotStyles }];

/** The group's heading, keyed by its code (`admin.factors.group.freight`). */
const groupLabel = (t: TFunction, group: FactorGroup) => t(`admin.factors.group.${group}`);

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

function factorSchema(t: TFunction) {
  const chooseFactor = t("admin.factors.errors.chooseFactor");
  const sourceUrl = t("admin.errors.sourceUrl");
  return z.object({
    key: z.string({ required_error: chooseFactor }).trim().min(1, chooseFactor),
    value: z
      .string({ required_error: t("admin.factors.errors.value") })
      .trim()
      .min(1, t("admin.factors.errors.value")),
    asOf: z
      .string({ required_error: t("admin.factors.errors.asOf") })
      .regex(/^\d{4}-\d{2}-\d{2}$/, t("admin.factors.errors.asOf")),
    sourceUrl: z
      .string({ required_error: sourceUrl })
      .trim()
      .max(500, t("admin.errors.sourceUrlTooLong"))
      .url(sourceUrl)
      .refine((url) => /^https?:\/\//i.test(url), t("admin.errors.sourceUrlScheme")),
    note: z.string().trim().max(500, t("admin.errors.noteTooLong")).optional(),
  });
}

/** factorProblemMessage's sentence in the page's language (the API keeps the English one). */
function problemMessage(
  t: TFunction,
  language: LanguageCode,
  definition: FactorDefinition,
  problem: FactorProblem,
): string {
  if (problem === "unknown_key") return t("admin.factors.errors.chooseFactor");
  if (problem === "too_precise") return t("admin.factors.errors.too_precise");
  const range = { min: definition.min, max: definition.max, unit: factorUnitIn(t, language, definition) };
  // Below or above the bounds read alike: the range is the help either way.
  const key = problem === "below_min" || problem === "above_max" ? "out_of_range" : problem;
  return t(`admin.factors.errors.${key}`, range);
}

function isRealDate(day: string): boolean {
  const date = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireActor(request, { admin: true });
  const t = pageTranslator(request, user.language);
  const language = requestLanguage(request, user.language);
  const parsed = parseForm(await request.formData(), factorSchema(t));
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  const fields = parsed.ok ? parsed.data : null;
  const key = fields?.key ?? String(parsed.values.key ?? "");
  const definition = factorDefinition(key);
  if (!errors.key && !definition) errors.key = t("admin.factors.errors.chooseFactor");
  // Thousands separators are allowed (“7,000”); anything else that is not a number is refused.
  const rawValue = String(parsed.values.value ?? "").replace(/[,\s]/g, "");
  const value = rawValue === "" ? Number.NaN : Number(rawValue);
  if (!errors.value && definition) {
    const problem = factorProblem(key, value);
    if (problem) errors.value = problemMessage(t, language, definition, problem);
  }
  if (fields && !errors.asOf) {
    if (!isRealDate(fields.asOf)) errors.asOf = t("admin.errors.realDate");
    else if (fields.asOf > new Date().toISOString().slice(0, 10))
      errors.asOf = t("admin.factors.errors.future");
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
    saved: t("admin.factors.saved", {
      label: factorLabelIn(t, definition),
      date: fields.asOf,
      value,
      unit: factorUnitIn(t, language, definition),
    }),
  };
}

export default function AdminFactors() {
  const { t } = useTranslation();
  const format = useFormat();
  const formatValue = (value: number | null) =>
    value === null ? t("admin.factors.none") : format.number(value, { maxDecimals: 6 });
  const { factors, rejected, missingFx } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = (result?.values ?? {}) as Record<string, string>;
  const groups = [...new Set(factors.map((f) => f.group))];
  return (
    <div className="stack lot-page">
      <h1>{t("admin.factors.title")}</h1>
      <p>{t("admin.factors.intro")}</p>
      {rejected.length > 0 ? (
        <p className="notice" role="alert">
          {t("admin.factors.notApplied", {
            list: rejected
              .map(
                (r) =>
                  `${r.key} = ${r.value} (${t(`admin.factors.problem.${r.problem}`, { defaultValue: r.problem.replace(/_/g, " ") })})`,
              )
              .join("; "),
          })}
        </p>
      ) : null}
      <FxWarning missing={missingFx} formHref="#add-value" />
      <table data-testid="current-factors">
        <thead>
          <tr>
            <th>{t("admin.factors.col.factor")}</th>
            <th className="num">{t("admin.factors.col.current")}</th>
            <th>{t("admin.factors.col.unit")}</th>
            <th>{t("admin.col.asOf")}</th>
            <th>{t("admin.col.source")}</th>
            <th className="num">{t("admin.factors.col.default")}</th>
            <th>{t("admin.factors.col.history")}</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group}>
            <tr>
              <th colSpan={7} scope="colgroup">
                {groupLabel(t, group)}
              </th>
            </tr>
            {factors
              .filter((f) => f.group === group)
              .map((f) => (
                <tr key={f.key} data-key={f.key}>
                  <td>
                    {factorLabelIn(t, f)}
                    <br />
                    <code>{f.key}</code>
                  </td>
                  <td className="num">{formatValue(f.current ? f.current.value : f.defaultValue)}</td>
                  <td>{factorUnitIn(t, format.language, f)}</td>
                  <td>{f.current ? f.current.asOf : null}</td>
                  <td>
                    {f.current ? (
                      <a href={f.current.sourceUrl} rel="noreferrer noopener" target="_blank">
                        {t("admin.col.source")}
                      </a>
                    ) : (
                      <>
                        <span className="badge">{t("admin.default")}</span> {f.source}
                      </>
                    )}
                  </td>
                  <td className="num">{formatValue(f.defaultValue)}</td>
                  <td>
                    {f.history.length === 0 ? (
                      "—"
                    ) : (
                      <details>
                        <summary>{t("admin.factors.values", { count: f.history.length })}</summary>
                        <ul>
                          {f.history.map((h) => (
                            <li key={h.id}>
                              <Slotted
                                text={t("admin.factors.historyLine", {
                                  value: formatValue(h.value),
                                  date: h.asOf,
                                  entered: SLOT,
                                })}
                              >
                                <DateTime value={h.createdAt} precision="day" />
                              </Slotted>{" "}
                              <a href={h.sourceUrl} rel="noreferrer noopener" target="_blank">
                                {t("admin.factors.sourceLink")}
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
        <h2>{t("admin.factors.add")}</h2>
        {result?.saved ? (
          <p className="notice" role="status">
            {result.saved}
          </p>
        ) : null}
        <FormError feedback={result ?? undefined} />
        <Form method="post" noValidate>
          <div className="field">
            <label htmlFor="field-key">{t("admin.factors.col.factor")}</label>
            <select id="field-key" name="key" defaultValue={values.key ?? ""}>
              <option value="">{t("admin.choose")}</option>
              {groups.map((group) => (
                <optgroup key={group} label={groupLabel(t, group)}>
                  {factors
                    .filter((f) => f.group === group)
                    .map((f) => (
                      <option key={f.key} value={f.key}>
                        {factorLabelIn(t, f)} ({factorUnitIn(t, format.language, f)}; {formatValue(f.min)}–
                        {formatValue(f.max)})
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
              label={t("admin.factors.value")}
              hint={t("admin.factors.valueHint")}
              inputMode="decimal"
              feedback={result}
            />
            <TextField name="asOf" label={t("admin.col.asOf")} type="date" feedback={result} />
          </div>
          <TextField name="sourceUrl" label={t("admin.sourceUrl")} type="url" feedback={result} />
          <TextField name="note" label={t("admin.note")} feedback={result} />
          <button type="submit">{t("admin.factors.addButton")}</button>
        </Form>
      </section>
    </div>
  );
}
