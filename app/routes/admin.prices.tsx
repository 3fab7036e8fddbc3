import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireActor } from "~/auth/actor.server.ts";
import { DateTime } from "~/components/date-time.tsx";
import { FieldError, FormError, TextField } from "~/components/form.tsx";
import { METAL_LABELS, METALS, type Metal } from "~/domain/metal-content.ts";
import { formatMoney, parseMoneyInput } from "~/domain/money.ts";
import { DEFAULT_REFERENCE_PRICES, PRICE_UNITS, referencePriceProblem } from "~/domain/reference-prices.ts";
import {
  addReferencePrice,
  currentReferencePrices,
  listReferencePriceRows,
  toReferencePrice,
} from "~/models/reference-price.server.ts";
import lotStyles from "~/styles/lots.css?url";
import { parseForm } from "~/utils/validation.ts";

export const meta: MetaFunction = () => [{ title: "Reference prices · Packloop" }];
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

const PriceSchema = z.object({
  metal: z.enum(METALS, { errorMap: () => ({ message: "Choose the metal." }) }),
  commodity: z.string().trim().min(3, "Name what is quoted, e.g. “Nickel, LME cash”.").max(200),
  unit: z.enum(PRICE_UNITS, { errorMap: () => ({ message: "Choose what the price is per tonne of." }) }),
  price: z.string().trim().min(1, "Enter the price per tonne in USD."),
  compoundPerMetal: z.string().trim().optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date of the quote."),
  sourceUrl: z.string().trim().url("Enter the web address of the source, starting with https://.").max(500),
  note: z.string().trim().max(500, "Keep the note to 500 characters.").optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireActor(request, { admin: true });
  const parsed = parseForm(await request.formData(), PriceSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, saved: null }, { status: 400 });
  const errors: Record<string, string> = {};
  const { metal, commodity, unit, price, compoundPerMetal, asOf, sourceUrl, note } = parsed.data;
  const amount = parseMoneyInput(price, CURRENCY);
  if (!amount.ok) errors.price = "Enter the price per tonne in USD, such as 16,250.00.";
  const factor = unit === "per_tonne_metal" ? 1 : Number(compoundPerMetal);
  if (unit === "per_tonne_compound" && !(Number.isFinite(factor) && factor >= 1 && factor <= 100))
    errors.compoundPerMetal = "Enter how many kg of the compound hold 1 kg of the metal, such as 5.32.";
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
  if (!errors.asOf && referencePriceProblem(candidate) === "invalid_date") errors.asOf = "Enter a real date.";
  if (asOf > new Date().toISOString().slice(0, 10)) errors.asOf = "A quote cannot be dated in the future.";
  if (Object.keys(errors).length > 0)
    return data({ errors, values: parsed.values, saved: null }, { status: 400 });
  await addReferencePrice(user.id, candidate);
  return { errors: {}, values: {}, saved: `${METAL_LABELS[candidate.metal]} price as of ${asOf} saved.` };
}

export default function AdminPrices() {
  const { current, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = (result?.values ?? {}) as Record<string, string>;
  return (
    <div className="stack lot-page">
      <h1>Reference prices</h1>
      <p>
        Lot value ranges use the newest price per metal below; metals without one use the defaults shipped
        with Packloop. New prices add a row, so the history stays.
      </p>
      <table data-testid="current-prices">
        <thead>
          <tr>
            <th>Metal</th>
            <th>Quote</th>
            <th className="num">Price per tonne</th>
            <th>As of</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {current.map((p) => (
            <tr key={p.metal}>
              <td>{METAL_LABELS[p.metal]}</td>
              <td>
                {p.commodity}
                {p.unit === "per_tonne_compound"
                  ? ` (${p.compoundPerMetalMilli / 1000} t per t of metal)`
                  : ""}
              </td>
              <td className="num">
                {formatMoney({ amountMinor: p.priceMinorPerTonne, currency: p.currency })}
              </td>
              <td>{p.asOf}</td>
              <td>
                <a href={p.sourceUrl} rel="noreferrer noopener" target="_blank">
                  Source of the {METAL_LABELS[p.metal].toLowerCase()} price
                </a>{" "}
                {p.fromDatabase ? null : <span className="badge">default</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="card">
        <h2>Add a price</h2>
        {result?.saved ? (
          <p className="notice" role="status">
            {result.saved}
          </p>
        ) : null}
        <FormError feedback={result ?? undefined} />
        <Form method="post" noValidate>
          <div className="field-row">
            <div className="field">
              <label htmlFor="field-metal">Metal</label>
              <select id="field-metal" name="metal" defaultValue={values.metal ?? ""}>
                <option value="">Choose…</option>
                {METALS.map((m) => (
                  <option key={m} value={m}>
                    {METAL_LABELS[m]}
                  </option>
                ))}
              </select>
              <FieldError name="metal" feedback={result} />
            </div>
            <div className="field">
              <label htmlFor="field-unit">Quoted per tonne of</label>
              <select id="field-unit" name="unit" defaultValue={values.unit ?? "per_tonne_metal"}>
                <option value="per_tonne_metal">the metal</option>
                <option value="per_tonne_compound">a compound (e.g. lithium carbonate)</option>
              </select>
              <FieldError name="unit" feedback={result} />
            </div>
            <TextField
              name="compoundPerMetal"
              label="kg of compound per kg of metal"
              hint="Compounds only: 5.32 for Li₂CO₃"
              feedback={result}
            />
          </div>
          <TextField name="commodity" label="Commodity quoted" feedback={result} />
          <div className="field-row">
            <TextField name="price" label="Price per tonne (USD)" inputMode="decimal" feedback={result} />
            <TextField name="asOf" label="As of" type="date" feedback={result} />
          </div>
          <TextField name="sourceUrl" label="Source (web address)" type="url" feedback={result} />
          <TextField name="note" label="Note (optional)" feedback={result} />
          <button type="submit">Add price</button>
        </Form>
      </section>
      <section>
        <h2>History</h2>
        {history.length === 0 ? (
          <p className="empty">No prices entered yet: the defaults apply.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Metal</th>
                <th>Quote</th>
                <th className="num">Price per tonne</th>
                <th>As of</th>
                <th>Entered</th>
              </tr>
            </thead>
            <tbody>
              {history.map((p) => (
                <tr key={p.id}>
                  <td>{METAL_LABELS[p.metal]}</td>
                  <td>{p.commodity}</td>
                  <td className="num">
                    {formatMoney({ amountMinor: p.priceMinorPerTonne, currency: p.currency })}
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
