import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  BboxChip,
  browseViewOf,
  CheckboxGroup,
  FilterForm,
  listValues,
  Pagination,
  pageOffset,
  RangeFields,
  useBboxNavigation,
  useMapData,
  ViewSwitch,
} from "~/components/map/browse.tsx";
import { chemistryColour, type LotMapData, MapLegend, MarketMap } from "~/components/map/index.tsx";
import { lotReference } from "~/components/map/map-data.ts";
import {
  BATTERY_CONDITION_LABELS,
  CHEMISTRIES,
  CHEMISTRY_SHORT_LABELS,
  LOT_FORM_LABELS,
  SALE_MODE_LABELS,
} from "~/domain/codes.ts";
import { ECONOMIES, economyByCode } from "~/domain/economies.ts";
import {
  LOT_SORT_LABELS,
  LOT_STATUS_LABELS,
  lotFiltersToParams,
  parseLotFilters,
} from "~/domain/lot-filters.ts";
import { formatMoney } from "~/domain/money.ts";
import type { Lot } from "~/generated.server/prisma/client.ts";
import { browsingOrganization, searchLots } from "~/models/lot-search.server.ts";

export const meta: MetaFunction = () => [{ title: "Battery lots · Packloop" }];

const PAGE_SIZE = 25;

/** What one row of the list shows; money leaves the server as numbers, never bigint. */
function toRow(lot: Lot) {
  const priceMinor =
    lot.saleMode === "fixed" ? lot.askingPriceMinor : (lot.currentPriceMinor ?? lot.startingPriceMinor);
  return {
    id: lot.id,
    reference: lotReference(lot.number),
    title: lot.title,
    chemistry: lot.chemistry,
    form: lot.form,
    condition: lot.condition,
    count: lot.count,
    massKg: lot.massKg,
    stateOfHealthPct: lot.stateOfHealthPct,
    economyCode: lot.economyCode,
    saleMode: lot.saleMode,
    status: lot.status,
    // Sealed tenders keep their prices hidden until the award.
    price:
      priceMinor !== null && lot.saleMode !== "sealed"
        ? { amountMinor: Number(priceMinor), currency: lot.currency }
        : null,
    availableFrom: lot.availableFrom.toISOString().slice(0, 10),
    closesAt: lot.closesAt?.toISOString() ?? null,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const view = browseViewOf(params);
  const offset = pageOffset(params, PAGE_SIZE);
  const organization = await browsingOrganization(request);
  const canList = organization?.capabilities.includes("seller") ?? false;
  const parsed = parseLotFilters(params);
  if (!parsed.ok) {
    return data(
      { errors: parsed.errors, rows: [], total: 0, offset, view, canList, mapDataUrl: null, bbox: null },
      { status: 400 },
    );
  }
  const filters = parsed.filters;
  // The map view shows no rows but still reports how many lots match.
  const limit = view === "map" ? 0 : PAGE_SIZE;
  const { lots, total } = await searchLots(filters, { limit, offset }, organization?.id ?? null);
  const mapQuery = lotFiltersToParams({ ...filters, bbox: null, sort: "newest" }).toString();
  return {
    errors: {} as Record<string, string>,
    rows: lots.map(toRow),
    total,
    offset,
    view,
    canList,
    mapDataUrl: view === "list" ? null : `/lots/map-data${mapQuery ? `?${mapQuery}` : ""}`,
    bbox: filters.bbox,
  };
}

const massFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

export default function LotsBrowse() {
  const { errors, rows, total, offset, view, canList, mapDataUrl, bbox } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { data: mapData, failed } = useMapData<LotMapData>(mapDataUrl);
  const onViewChange = useBboxNavigation();
  const statuses = listValues(params, "status");
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="stack" data-testid="lots-browse">
      <div className="browse-head">
        <h1>Battery lots</h1>
        {canList ? (
          <Link to="/lots/new" className="button">
            List a lot
          </Link>
        ) : null}
      </div>
      <div className="browse">
        <aside aria-label="Filters">
          <FilterForm id="lot-filters">
            <div className="field">
              <label htmlFor="lot-q">Search</label>
              <input
                id="lot-q"
                type="search"
                name="q"
                placeholder="Title, OEM, vehicle, place, PL-000123"
                defaultValue={params.get("q") ?? ""}
                aria-invalid={errors.q ? true : undefined}
              />
              {errors.q ? <p className="field-error">{errors.q}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="lot-sort">Sort</label>
              <select id="lot-sort" name="sort" defaultValue={params.get("sort") ?? "newest"}>
                {Object.entries(LOT_SORT_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              {errors.sort ? <p className="field-error">{errors.sort}</p> : null}
            </div>
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
            <RangeFields
              legend="Mass"
              min="minMassKg"
              max="maxMassKg"
              unit="kg"
              params={params}
              errors={errors}
            />
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
          </FilterForm>
        </aside>

        <section className="browse-results" aria-label="Results">
          <div className="browse-toolbar">
            <p role="status" data-testid="result-count">
              {hasErrors
                ? "Fix the filters to see lots."
                : `${total.toLocaleString("en")} ${total === 1 ? "lot" : "lots"}`}
            </p>
            <ViewSwitch view={view} />
          </div>
          {hasErrors ? (
            <p className="form-error" role="alert">
              Some filters could not be used: {Object.values(errors).join(" ")}
            </p>
          ) : null}
          {errors.bbox ? null : <BboxChip />}

          {view !== "list" && !hasErrors ? (
            <div>
              <MarketMap
                lots={mapData}
                initialBbox={bbox}
                onViewChange={onViewChange}
                height={view === "map" ? 620 : 400}
              />
              {failed ? (
                <p className="field-error">The map's data could not be loaded; the list still works.</p>
              ) : null}
              {mapData?.truncated ? (
                <p className="browse-map-note">
                  The map shows the newest {mapData.id.length.toLocaleString("en")} matching lots; narrow the
                  filters to see the rest.
                </p>
              ) : null}
              <MapLegend show={["lots"]} />
              <p className="browse-map-note">
                Moving or zooming the map limits the list to the area you see.
              </p>
            </div>
          ) : null}

          {view !== "map" && !hasErrors ? (
            rows.length === 0 ? (
              <p className="empty">No lots match these filters. Try fewer filters, or search everywhere.</p>
            ) : (
              <table data-testid="lot-list">
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
                        {lot.status !== "open" ? (
                          <span className="badge">{LOT_STATUS_LABELS[lot.status]}</span>
                        ) : null}
                      </td>
                      <td>
                        <span
                          className="browse-swatch"
                          style={{ background: chemistryColour(lot.chemistry) }}
                          aria-hidden="true"
                        />
                        {CHEMISTRY_SHORT_LABELS[lot.chemistry]} · {LOT_FORM_LABELS[lot.form]}
                        <div>
                          {lot.count.toLocaleString("en")} × · {BATTERY_CONDITION_LABELS[lot.condition]}
                        </div>
                      </td>
                      <td className="num">{massFormat.format(lot.massKg)} kg</td>
                      <td className="num">
                        {lot.stateOfHealthPct === null ? "—" : `${lot.stateOfHealthPct} %`}
                      </td>
                      <td>
                        {economyByCode(lot.economyCode)?.shortName ?? lot.economyCode}
                        <div>from {dateFormat.format(new Date(lot.availableFrom))}</div>
                      </td>
                      <td>
                        {SALE_MODE_LABELS[lot.saleMode]}
                        {lot.price ? <div>{formatMoney(lot.price)}</div> : null}
                        {lot.closesAt ? <div>closes {dateFormat.format(new Date(lot.closesAt))}</div> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : null}
          {view !== "map" ? <Pagination total={total} limit={PAGE_SIZE} offset={offset} /> : null}
        </section>
      </div>
    </div>
  );
}
