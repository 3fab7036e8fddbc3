/**
 * The lot side of the browse page: its filter fields (inside the shared FilterForm) and its result
 * table. Kept apart from the route so the route stays a loader plus layout.
 */

import { Link } from "@remix-run/react";
import { useDateFormat } from "~/components/date-time.tsx";
import { Money } from "~/components/money.tsx";
import {
  BATTERY_CONDITIONS,
  type BatteryCondition,
  CHEMISTRIES,
  type Chemistry,
  LOT_FORMS,
  type LotForm,
  SALE_MODES,
  type SaleMode,
} from "~/domain/codes.ts";
import { LOT_SORTS } from "~/domain/lot-filters.ts";
import { LOT_STATUSES, type LotStatus } from "~/domain/lot-lifecycle.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { CheckboxGroup, listValues, RangeFields, SearchAndSortFields } from "./browse.tsx";
import { translatedFilterErrors } from "./browse-page.tsx";
import { chemistryColour } from "./symbols.ts";

/** One row of the lot list, as the loader sends it (money as numbers, dates as ISO strings). */
export interface LotRow {
  id: string;
  reference: string;
  title: string;
  chemistry: Chemistry;
  form: LotForm;
  condition: BatteryCondition;
  count: number;
  massKg: number;
  stateOfHealthPct: number | null;
  economyCode: string;
  saleMode: SaleMode;
  status: LotStatus;
  price: { amountMinor: number; currency: string } | null;
  availableFrom: string;
  closesAt: string | null;
}

export function LotFilterFields({
  params,
  errors: serverErrors,
}: {
  params: URLSearchParams;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const statuses = listValues(params, "status");
  const errors = translatedFilterErrors(t, serverErrors);
  const codes = (group: string, values: readonly string[]) =>
    values.map((value) => [value, t(`lots.${group}.${value}`)] as const);
  return (
    <>
      <SearchAndSortFields
        idPrefix="lot"
        placeholder={t("lots.searchPlaceholder")}
        sortLabels={Object.fromEntries(codes("sort", LOT_SORTS))}
        defaultSort="newest"
        params={params}
        errors={errors}
      />
      <CheckboxGroup
        name="chemistry"
        legend={t("lots.browse.field.chemistry")}
        options={CHEMISTRIES.map((c) => [c, chemistryShortLabel(t, c)] as const)}
        selected={listValues(params, "chemistry", (v) => v.toUpperCase())}
        error={errors.chemistry}
        scroll
      />
      <CheckboxGroup
        name="form"
        legend={t("lots.browse.field.form")}
        options={codes("form", LOT_FORMS)}
        selected={listValues(params, "form")}
        error={errors.form}
      />
      <CheckboxGroup
        name="condition"
        legend={t("lots.browse.field.condition")}
        options={codes("condition", BATTERY_CONDITIONS)}
        selected={listValues(params, "condition")}
        error={errors.condition}
      />
      <RangeFields
        legend={t("lots.browse.field.mass")}
        min="minMassKg"
        max="maxMassKg"
        unit="kg"
        params={params}
        errors={errors}
      />
      <RangeFields
        legend={t("lots.browse.field.stateOfHealth")}
        min="minSohPct"
        max="maxSohPct"
        unit="%"
        params={params}
        errors={errors}
      />
      <CheckboxGroup
        name="economy"
        legend={t("lots.browse.field.economy")}
        options={economies.sorted().map((e) => [e.code, e.name] as const)}
        selected={listValues(params, "economy", (v) => v.toUpperCase())}
        error={errors.economy}
        scroll
      />
      <CheckboxGroup
        name="saleMode"
        legend={t("lots.browse.field.saleMode")}
        options={codes("saleMode", SALE_MODES)}
        selected={listValues(params, "saleMode")}
        error={errors.saleMode}
      />
      <CheckboxGroup
        name="status"
        legend={t("lots.browse.field.status")}
        options={codes("status", LOT_STATUSES)}
        selected={statuses.length > 0 ? statuses : ["open"]}
        error={errors.status}
        scroll
      />
    </>
  );
}

export function LotTable({ rows }: { rows: LotRow[] }) {
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const format = useFormat();
  const day = (iso: string) => format.date(iso, { precision: "day", timeZone: "UTC" });
  const when = useDateFormat();
  return (
    <table className="stack-table" data-testid="lot-list">
      <thead>
        <tr>
          <th>{t("lots.table.lot")}</th>
          <th>{t("lots.table.battery")}</th>
          <th className="num">{t("lots.table.mass")}</th>
          <th className="num">{t("lots.table.soh")}</th>
          <th>{t("lots.table.where")}</th>
          <th>{t("lots.table.sale")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((lot) => (
          <tr key={lot.id} data-chemistry={lot.chemistry}>
            <td>
              <Link to={`/lots/${lot.id}`}>{lot.reference}</Link>
              <div>{lot.title}</div>
              {lot.status !== "open" ? <span className="badge">{t(`lots.status.${lot.status}`)}</span> : null}
            </td>
            <td data-label={t("lots.table.battery")}>
              <span
                className="browse-swatch"
                style={{ background: chemistryColour(lot.chemistry) }}
                aria-hidden="true"
              />
              {chemistryShortLabel(t, lot.chemistry)} · {t(`lots.form.${lot.form}`)}
              <div>
                {format.number(lot.count)} × · {t(`lots.condition.${lot.condition}`)}
              </div>
            </td>
            <td className="num" data-label={t("lots.table.mass")}>
              {format.kg(lot.massKg)}
            </td>
            <td className="num" data-label={t("lots.table.soh")}>
              {lot.stateOfHealthPct === null
                ? "—"
                : format.percent(lot.stateOfHealthPct, { maxDecimals: 1, minDecimals: 0 })}
            </td>
            <td data-label={t("lots.table.where")}>
              {economies.name(lot.economyCode)}
              <div>{t("lots.table.from", { date: day(lot.availableFrom) })}</div>
            </td>
            <td data-label={t("lots.table.sale")}>
              {t(`lots.saleMode.${lot.saleMode}`)}
              {lot.price ? (
                <div>
                  <Money money={lot.price} testId="lot-price" />
                </div>
              ) : null}
              {lot.closesAt ? <div>{t("lots.table.closes", { date: when(lot.closesAt, "day") })}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
