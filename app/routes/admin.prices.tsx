import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { FieldError, FormError, TextField } from "~/components/form.tsx";
import { METALS, type Metal } from "~/domain/metal-content.ts";
import { parseMoneyInput } from "~/domain/money.ts";
import { DEFAULT_REFERENCE_PRICES, PRICE_UNITS, referencePriceProblem } from "~/domain/reference-prices.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  addReferencePrice,
  currentReferencePrices,
  listReferencePriceRows,
  toReferencePrice,
} from "~/models/reference-price.server.ts";
import lotStyles from "~/styles/lots.css?url";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "admin.prices.title") },
];
export const links = () => [{ rel: "stylesheet", href: lotStyles }];

// Lot values are estimated in USD (the payable ranges and gate fees are USD figures), so prices are
// entered in USD; a quote in another currency must be converted at its date first.
const CURRENCY = "USD";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request, { admin: true });
  const [rows, current] = await Promise.all([listReferencePriceRows(), currentReferencePrices()]);
  return {
    current: current.prices.map((p) => ({ ...p, fromDatabase: current.fromDatabase.includes(p.metal) })),
    history: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      ...toReferencePrice(row),
    })),
    defaultsCount: DEFAULT_REFERENCE_PRICES.length,
  };
}

function priceSchema(t: TFunction) {
  return z.object({
    metal: z.enum(METALS, { errorMap: () => ({ message: t("admin.prices.errors.metal") }) }),
    commodity: z.string().trim().min(3, t("admin.prices.errors.commodity")).max(200),
    unit: z.enum(PRICE_UNITS, { errorMap: () => ({ message: t("admin.prices.errors.unit") }) }),
    price: z.string().trim().min(1, t("admin.prices.errors.priceRequired")),
    compoundPerMetal: z.string().trim().optional(),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t("admin.prices.errors.asOf")),
    sourceUrl: z.string().trim().url(t("admin.errors.sourceUrl")).max(500),
    note: z.string().trim().max(500, t("admin.errors.noteTooLong")).optional(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireActor(request, { admin: true });
  const t = pageTranslator(request, user.language);
  const parsed = parseForm(await request.formData(), priceSchema(t));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, saved: null }, { status: 400 });
  const errors: Record<string, string> = {};
  const { metal, commodity, unit, price, compoundPerMetal, asOf, sourceUrl, note } = parsed.data;
  const amount = parseMoneyInput(price, CURRENCY);
  if (!amount.ok) errors.price = t("admin.prices.errors.price");
  const factor = unit === "per_tonne_metal" ? 1 : Number(compoundPerMetal);
  if (unit === "per_tonne_compound" && !(Number.isFinite(factor) && factor >= 1 && factor <= 100))
    errors.compoundPerMetal = t("admin.prices.errors.compoundPerMetal");
  const candidate = {
    metal: metal as Metal,
    commodity,
    unit,
    priceMinorPerTonne: amount.ok ? amount.amountMinor : 0,
    currency: CURRENCY,
    compoundPerMetalMilli: Math.round(factor * 1000),
    asOf,
    sourceUrl,
    ...(note ? { note } : {}),
  };
  if (!errors.asOf && referencePriceProblem(candidate) === "invalid_date")
    errors.asOf = t("admin.errors.realDate");
  if (asOf > new Date().toISOString().slice(0, 10)) errors.asOf = t("admin.prices.errors.future");
  if (Object.keys(errors).length > 0)
    return data({ errors, values: parsed.values, saved: null }, { status: 400 });
  await addReferencePrice(user.id, candidate);
  return {
    errors: {},
    values: {},
    saved: t("admin.prices.saved", { metal: t(`admin.metal.${candidate.metal}`), date: asOf }),
  };
}

export default function AdminPrices() {
  const { current, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = (result?.values ?? {}) as Record<string, string>;
  const { t } = useTranslation();
  const format = useFormat();
  const metal = (m: Metal) => t(`admin.metal.${m}`);
  return (
    <div className="stack lot-page">
      <h1>{t("admin.prices.title")}</h1>
      <p>{t("admin.prices.intro")}</p>
      <table data-testid="current-prices">
        <thead>
          <tr>
            <th>{t("admin.prices.metal")}</th>
            <th>{t("admin.prices.quote")}</th>
            <th className="num">{t("admin.prices.pricePerTonne")}</th>
            <th>{t("admin.col.asOf")}</th>
            <th>{t("admin.col.source")}</th>
          </tr>
        </thead>
        <tbody>
          {current.map((p) => (
            <tr key={p.metal}>
              <td>{metal(p.metal)}</td>
              <td>
                {p.commodity}
                {p.unit === "per_tonne_compound"
                  ? ` (${t("admin.prices.compoundRatio", { ratio: format.number(p.compoundPerMetalMilli / 1000, { maxDecimals: 3 }) })})`
                  : ""}
              </td>
              <td className="num">
                {format.money({ amountMinor: p.priceMinorPerTonne, currency: p.currency })}
              </td>
              <td>{p.asOf}</td>
              <td>
                <a href={p.sourceUrl} rel="noreferrer noopener" target="_blank">
                  {t(`admin.prices.sourceOf.${p.metal}`)}
                </a>{" "}
                {p.fromDatabase ? null : <span className="badge">{t("admin.default")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="card">
        <h2>{t("admin.prices.add")}</h2>
        {result?.saved ? (
          <p className="notice" role="status">
            {result.saved}
          </p>
        ) : null}
        <FormError feedback={result ?? undefined} />
        <Form method="post" noValidate>
          <div className="field-row">
            <div className="field">
              <label htmlFor="field-metal">{t("admin.prices.metal")}</label>
              <select id="field-metal" name="metal" defaultValue={values.metal ?? ""}>
                <option value="">{t("admin.choose")}</option>
                {METALS.map((m) => (
                  <option key={m} value={m}>
                    {metal(m)}
                  </option>
                ))}
              </select>
              <FieldError name="metal" feedback={result} />
            </div>
            <div className="field">
              <label htmlFor="field-unit">{t("admin.prices.unit")}</label>
              <select id="field-unit" name="unit" defaultValue={values.unit ?? "per_tonne_metal"}>
                <option value="per_tonne_metal">{t("admin.prices.perMetal")}</option>
                <option value="per_tonne_compound">{t("admin.prices.perCompound")}</option>
              </select>
              <FieldError name="unit" feedback={result} />
            </div>
            <TextField
              name="compoundPerMetal"
              label={t("admin.prices.compoundPerMetal")}
              hint={t("admin.prices.compoundHint")}
              feedback={result}
            />
          </div>
          <TextField name="commodity" label={t("admin.prices.commodity")} feedback={result} />
          <div className="field-row">
            <TextField
              name="price"
              label={t("admin.prices.priceUsd")}
              inputMode="decimal"
              feedback={result}
            />
            <TextField name="asOf" label={t("admin.col.asOf")} type="date" feedback={result} />
          </div>
          <TextField name="sourceUrl" label={t("admin.sourceUrl")} type="url" feedback={result} />
          <TextField name="note" label={t("admin.note")} feedback={result} />
          <button type="submit">{t("admin.prices.addButton")}</button>
        </Form>
      </section>
      <section>
        <h2>{t("admin.factors.col.history")}</h2>
        {history.length === 0 ? (
          <p className="empty">{t("admin.prices.noHistory")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t("admin.prices.metal")}</th>
                <th>{t("admin.prices.quote")}</th>
                <th className="num">{t("admin.prices.pricePerTonne")}</th>
                <th>{t("admin.col.asOf")}</th>
                <th>{t("admin.prices.entered")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((p) => (
                <tr key={p.id}>
                  <td>{metal(p.metal)}</td>
                  <td>{p.commodity}</td>
                  <td className="num">
                    {format.money({ amountMinor: p.priceMinorPerTonne, currency: p.currency })}
                  </td>
                  <td>{p.asOf}</td>
                  <td>
                    <DateTime value={p.createdAt} precision="day" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
