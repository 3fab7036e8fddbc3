import type { ActionFunctionArgs, LinksFunction, MetaFunction } from "@remix-run/node";
import { data, Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { QUOTES_PER_MINUTE, quoteKey, quoteLimiter } from "~/api/rate-limits.server.ts";
import { getActor } from "~/auth/actor.server.ts";
import {
  FieldError,
  FormError,
  type FormFeedback,
  Honeypot,
  submittedValue,
  TextField,
} from "~/components/form.tsx";
import {
  COORDINATE_PLACEHOLDER,
  CoordinateInputs,
  EconomySelect,
  typedPoint,
} from "~/components/location-field.tsx";
import { LocationPicker } from "~/components/map/index.tsx";
import { rankedRouteLines } from "~/components/map/ranked-routes.ts";
import { type RouteLine, RoutesMap } from "~/components/map/routes-map.tsx";
import { QuoteResults, type QuoteRow } from "~/components/quote-results.tsx";
import { BATTERY_CONDITIONS, CHEMISTRIES, LOT_FORMS } from "~/domain/codes.ts";
import { economyForLocation } from "~/domain/economy-for-location.ts";
import type { LatLng } from "~/domain/logistics/geo.ts";
import { listThisLotPath } from "~/domain/lot-prefill.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { quoteLotWithBreakdown } from "~/models/matching.server.ts";
import { formFieldErrors, readQuoteForm } from "~/routes/quote-form.server.ts";
import quoteStyles from "~/styles/quote.css?url";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "quote.title") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: quoteStyles }];

/** Rows shown: every feasible facility up to this many, then the blocked ones up to the same total. */
const SHOWN = 25;

interface QuoteAnswer extends FormFeedback {
  quote?: {
    origin: LatLng;
    /** The economy the lot leaves from (typed, or from the point). */
    economy: string;
    massKg: number;
    rows: QuoteRow[];
    more: number;
    routes: RouteLine[];
    /** "List this lot": the listing form prefilled with this quote's lot. */
    listing: string;
  };
}

// Public: no account. Each quote ranks every facility, so it shares the API's per-address limit.
export async function action({ request }: ActionFunctionArgs) {
  const t = pageTranslator(request, (await getActor(request))?.user.language);
  const allowance = await quoteLimiter.take(quoteKey(request));
  if (!allowance.ok) {
    return data<QuoteAnswer>(
      {
        formError: t("quote.rateLimited", { max: QUOTES_PER_MINUTE, seconds: allowance.retryAfterSeconds }),
      },
      { status: 429, headers: { "Retry-After": String(allowance.retryAfterSeconds) } },
    );
  }
  const form = readQuoteForm(await request.formData(), (key, english, values) =>
    t(`quote.errors.${key}`, { ...values, defaultValue: english }),
  );
  if (!form.ok) return data<QuoteAnswer>({ errors: form.errors, values: form.values }, { status: 400 });
  // The honeypot was filled in: a bot. Answer with nothing rather than say why.
  if (form.bot) return data<QuoteAnswer>({ values: form.values });
  const today = new Date().toISOString().slice(0, 10);
  const { result, facilities, valuations } = await quoteLotWithBreakdown(form.lot, {
    weights: form.weights,
    today,
  });
  if (!result.ok) {
    return data<QuoteAnswer>(
      { errors: formFieldErrors(result.errors), values: form.values },
      { status: 400 },
    );
  }
  const shown = result.matches.slice(0, SHOWN);
  const rows: QuoteRow[] = shown.map((m) => {
    const facility = facilities.get(m.facilityId);
    const v = valuations.get(m.facilityId);
    return {
      ...m,
      blockers: [...m.blockers],
      documents: [...m.documents],
      transport: m.transport ? { ...m.transport, legs: [...m.transport.legs] } : null,
      name: facility?.name ?? m.facilityId,
      economy: facility?.economy ?? "",
      terms: v
        ? {
            month: v.month,
            priceKind: v.priceKind,
            pricePerTonne: v.pricePerTonne,
            postedUsd: v.postedUsd,
            freight: v.costBreakdown.freight,
            dangerousGoods: v.costBreakdown.dangerousGoods,
            portHandling: v.costBreakdown.portHandling,
            logisticsCost: v.logisticsCost,
            netValue: v.netValue,
            recoverableMetalValue: v.recoverableMetalValue,
            payableShareBp: v.payableShareBp,
          }
        : null,
    };
  });
  // The five best routes on the map, numbered as their rows; more would hide each other.
  const routes = rankedRouteLines(
    rows.flatMap((row, i) =>
      row.feasible && row.transport
        ? [{ facilityId: row.facilityId, name: row.name, rank: i + 1, legs: shown[i].transport?.legs ?? [] }]
        : [],
    ),
    5,
  );
  return data<QuoteAnswer>({
    values: form.values,
    quote: {
      origin: form.lot.location,
      economy: form.lot.economy,
      massKg: form.lot.massKg,
      rows,
      more: result.matches.length - shown.length,
      routes,
      listing: listThisLotPath(form.lot),
    },
  });
}

function Select({
  name,
  label,
  options,
  feedback,
}: {
  name: string;
  label: string;
  options: [string, string][];
  feedback?: FormFeedback;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={submittedValue(feedback, name) ?? ""}
        aria-invalid={feedback?.errors?.[name] ? true : undefined}
      >
        <option value="">{t("quote.choose")}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <FieldError name={name} feedback={feedback} />
    </div>
  );
}

function Weight({
  name,
  label,
  initial,
  feedback,
}: {
  name: string;
  label: string;
  initial: number;
  feedback?: FormFeedback;
}) {
  const [value, setValue] = useState(submittedValue(feedback, name) ?? String(initial));
  return (
    <div className="field quote-weight">
      <label htmlFor={`field-${name}`}>
        {label}: <output htmlFor={`field-${name}`}>{value}</output>
      </label>
      <input
        id={`field-${name}`}
        name={name}
        type="range"
        min={0}
        max={10}
        step={1}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <FieldError name={name} feedback={feedback} />
    </div>
  );
}

export default function QuotePage() {
  const { t } = useTranslation();
  const answer = useActionData<typeof action>() as QuoteAnswer | undefined;
  const busy = useNavigation().state === "submitting";
  const [lat, setLat] = useState(submittedValue(answer, "lat") ?? "");
  const [lng, setLng] = useState(submittedValue(answer, "lng") ?? "");
  const [economy, setEconomy] = useState(submittedValue(answer, "economy") ?? "");
  const point = typedPoint(lat, lng);
  const pick = (p: LatLng) => {
    setLat(String(p.lat));
    setLng(String(p.lng));
    setEconomy(economyForLocation(p.lat, p.lng) ?? "");
  };
  return (
    <div className="quote-page">
      <h1>{t("quote.title")}</h1>
      <p>{t("quote.intro")}</p>
      <Form method="post" className="card quote-form" noValidate>
        <FormError feedback={answer} />
        <Honeypot />
        <div className="quote-row">
          <Select
            name="chemistry"
            label={t("quote.chemistry")}
            options={CHEMISTRIES.map((c) => [c, t(`lot.chemistry.${c}`)])}
            feedback={answer}
          />
          <Select
            name="form"
            label={t("quote.form")}
            options={LOT_FORMS.map((f) => [f, t(`lots.form.${f}`)])}
            feedback={answer}
          />
          <Select
            name="condition"
            label={t("quote.condition")}
            options={BATTERY_CONDITIONS.map((c) => [c, t(`lots.condition.${c}`)])}
            feedback={answer}
          />
        </div>
        <div className="quote-row">
          <TextField name="massKg" label={t("quote.mass")} inputMode="numeric" feedback={answer} />
          <TextField
            name="stateOfHealthPct"
            label={t("quote.stateOfHealth")}
            inputMode="decimal"
            feedback={answer}
          />
          <TextField name="availableFrom" label={t("quote.availableFrom")} type="date" feedback={answer} />
        </div>
        <p className="hint" id="location-hint">
          {t("quote.locationHint")}
        </p>
        <LocationPicker value={point} onChange={pick} height={300} />
        <div className="quote-row">
          <CoordinateInputs
            lat={lat}
            lng={lng}
            onLatChange={setLat}
            onLngChange={setLng}
            placeholder={COORDINATE_PLACEHOLDER}
            describedBy="location-hint"
            feedback={answer}
          />
          <EconomySelect
            value={economy}
            onChange={setEconomy}
            blankLabel={t("quote.fromPoint")}
            feedback={answer}
          />
        </div>
        <fieldset className="quote-weights">
          <legend>{t("quote.whatMatters")}</legend>
          <Weight name="wNet" label={t("quote.weightNet")} initial={6} feedback={answer} />
          <Weight name="wCo2" label={t("quote.weightCo2")} initial={2} feedback={answer} />
          <Weight name="wTime" label={t("quote.weightTime")} initial={2} feedback={answer} />
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("quote.quoting") : t("quote.submit")}
        </button>
      </Form>
      {answer?.quote ? (
        <section aria-labelledby="quote-results-heading">
          <h2 id="quote-results-heading">{t("quote.resultsHeading")}</h2>
          <div className="card quote-list-this-lot">
            <p>{t("quote.listThisLotHint")}</p>
            <Link to={answer.quote.listing} className="button" data-testid="list-this-lot">
              {t("quote.listThisLot")}
            </Link>
          </div>
          {answer.quote.routes.length > 0 ? (
            <RoutesMap
              anchor={{ ...answer.quote.origin, label: t("quote.yourLot") }}
              routes={answer.quote.routes}
            />
          ) : null}
          <QuoteResults
            rows={answer.quote.rows}
            massKg={answer.quote.massKg}
            more={answer.quote.more}
            lotEconomy={answer.quote.economy}
          />
        </section>
      ) : null}
    </div>
  );
}
