import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FilterForm } from "~/components/map/browse.tsx";
import { LotFilterFields, type LotRow, LotTable } from "~/components/map/browse-lots.tsx";
import {
  BboxChip,
  browseViewOf,
  Pagination,
  pageOffset,
  useBboxNavigation,
  useMapData,
  ViewSwitch,
} from "~/components/map/browse-nav.tsx";
import { type LotMapData, MapLegend, MarketMap } from "~/components/map/index.tsx";
import { lotReference } from "~/components/map/map-data.ts";
import { lotFiltersToParams, parseLotFilters } from "~/domain/lot-filters.ts";
import type { Lot } from "~/generated.server/prisma/client.ts";
import { browsingOrganization, searchLots } from "~/models/lot-search.server.ts";

export const meta: MetaFunction = () => [{ title: "Battery lots · Packloop" }];

const PAGE_SIZE = 25;

/** What one row of the list shows; money leaves the server as numbers, never bigint. */
function toRow(lot: Lot): LotRow {
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

export default function LotsBrowse() {
  const { errors, rows, total, offset, view, canList, mapDataUrl, bbox } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { data: mapData, failed } = useMapData<LotMapData>(mapDataUrl);
  const onViewChange = useBboxNavigation();
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
            <LotFilterFields params={params} errors={errors} />
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
              <LotTable rows={rows} />
            )
          ) : null}
          {view !== "map" ? <Pagination total={total} limit={PAGE_SIZE} offset={offset} /> : null}
        </section>
      </div>
    </div>
  );
}
