/**
 * The lot side of the browse page: its filter fields (inside the shared FilterForm) and its result
 * table. Kept apart from the route so the route stays a loader plus layout.
 */
import { Link } from "@remix-run/react";
import { DateTime } from "~/components/date-time.tsx";
import {
  BATTERY_CONDITION_LABELS,
  type BatteryCondition,
  CHEMISTRIES,
  CHEMISTRY_SHORT_LABELS,
  type Chemistry,
  LOT_FORM_LABELS,
  type LotForm,
  SALE_MODE_LABELS,
  type SaleMode,
} from "~/domain/codes.ts";
import { formatDateTime } from "~/domain/date-time.ts";
import { ECONOMIES, economyByCode } from "~/domain/economies.ts";
import { LOT_SORT_LABELS } from "~/domain/lot-filters.ts";
import { LOT_STATUS_LABELS, type LotStatus } from "~/domain/lot-lifecycle.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatKg, formatNumber } from "~/domain/quantity.ts";
import { CheckboxGroup, listValues, RangeFields, SearchAndSortFields } from "./browse.tsx";
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
  errors,
}: {
  params: URLSearchParams;
  errors: Record<string, string>;
}) {
  const statuses = listValues(params, "status");
  return (
    <>
      <SearchAndSortFields
        idPrefix="lot"
        placeholder="Title, OEM, vehicle, place, PL-000123"
        sortLabels={LOT_SORT_LABELS}
        defaultSort="newest"
        params={params}
        errors={errors}
      />
      <CheckboxGroup
        name="chemistry"
        legend="Chemistry"
        options={CHEMISTRIES.map((c) => [c, CHEMISTRY_SHORT_LABELS[c]] as const)}
        selected={listValues(params, "chemistry", (v) => v.toUpperCase())}
        error={errors.chemistry}
        scroll
      />
      <CheckboxGroup
        name="form"
        legend="Form"
        options={Object.entries(LOT_FORM_LABELS)}
        selected={listValues(params, "form")}
        error={errors.form}
      />
      <CheckboxGroup
        name="condition"
        legend="Condition"
        options={Object.entries(BATTERY_CONDITION_LABELS)}
        selected={listValues(params, "condition")}
        error={errors.condition}
      />
      <RangeFields legend="Mass" min="minMassKg" max="maxMassKg" unit="kg" params={params} errors={errors} />
      <RangeFields
        legend="State of health"
        min="minSohPct"
        max="maxSohPct"
        unit="%"
        params={params}
        errors={errors}
      />
      <CheckboxGroup
        name="economy"
        legend="Economy"
        options={ECONOMIES.map((e) => [e.code, e.shortName] as const)}
        selected={listValues(params, "economy", (v) => v.toUpperCase())}
        error={errors.economy}
        scroll
      />
      <CheckboxGroup
        name="saleMode"
        legend="Sale mode"
        options={Object.entries(SALE_MODE_LABELS)}
        selected={listValues(params, "saleMode")}
        error={errors.saleMode}
      />
      <CheckboxGroup
        name="status"
        legend="Status"
        options={Object.entries(LOT_STATUS_LABELS)}
        selected={statuses.length > 0 ? statuses : ["open"]}
        error={errors.status}
        scroll
      />
    </>
  );
}

export function LotTable({ rows }: { rows: LotRow[] }) {
  return (
    <table className="stack-table" data-testid="lot-list">
      <thead>
        <tr>
          <th>Lot</th>
          <th>Battery</th>
          <th className="num">Mass</th>
          <th className="num">SoH</th>
          <th>Where</th>
          <th>Sale</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((lot) => (
          <tr key={lot.id} data-chemistry={lot.chemistry}>
            <td>
              <Link to={`/lots/${lot.id}`}>{lot.reference}</Link>
              <div>{lot.title}</div>
              {lot.status !== "open" ? <span className="badge">{LOT_STATUS_LABELS[lot.status]}</span> : null}
            </td>
            <td data-label="Battery">
              <span
                className="browse-swatch"
                style={{ background: chemistryColour(lot.chemistry) }}
                aria-hidden="true"
              />
              {CHEMISTRY_SHORT_LABELS[lot.chemistry]} · {LOT_FORM_LABELS[lot.form]}
              <div>
                {formatNumber(lot.count)} × · {BATTERY_CONDITION_LABELS[lot.condition]}
              </div>
            </td>
            <td className="num" data-label="Mass">
              {formatKg(lot.massKg)}
            </td>
            <td className="num" data-label="SoH">
              {lot.stateOfHealthPct === null ? "—" : `${lot.stateOfHealthPct} %`}
            </td>
            <td data-label="Where">
              {economyByCode(lot.economyCode)?.shortName ?? lot.economyCode}
              <div>from {formatDateTime(lot.availableFrom, "utcDay")}</div>
            </td>
            <td data-label="Sale">
              {SALE_MODE_LABELS[lot.saleMode]}
              {lot.price ? <div>{formatMoney(lot.price)}</div> : null}
              {lot.closesAt ? (
                <div>
                  closes <DateTime value={lot.closesAt} precision="day" />
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
