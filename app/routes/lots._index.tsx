import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getActor } from "~/auth/actor.server.ts";
import { LotFilterFields, type LotRow, LotTable } from "~/components/map/browse-lots.tsx";
import {
  browseMapDataUrl,
  browseViewOf,
  pageOffset,
  useBboxNavigation,
  useMapData,
} from "~/components/map/browse-nav.tsx";
import { BrowsePage } from "~/components/map/browse-page.tsx";
import { type LotMapData, MapLegend, MarketMap } from "~/components/map/index.tsx";
import { lotReference } from "~/components/map/map-data.ts";
import { SaveSearchForm } from "~/components/save-search-form.tsx";
import { lotFiltersToParams, parseLotFilters } from "~/domain/lot-filters.ts";
import type { LotRecord } from "~/domain/lot-json.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { searchingOrganization, searchLots } from "~/models/lot-search.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "lots.title") }];

const PAGE_SIZE = 25;

/** The lot's columns one row of the list reads: only these are selected (ADR 053). */
const ROW_COLUMNS = [
  "id",
  "number",
  "title",
  "chemistry",
  "form",
  "condition",
  "count",
  "massKg",
  "stateOfHealthPct",
  "economyCode",
  "saleMode",
  "status",
  "askingPriceMinor",
  "currentPriceMinor",
  "startingPriceMinor",
  "currency",
  "availableFrom",
  "closesAt",
] as const satisfies readonly (keyof LotRecord)[];

/** What one row of the list shows; money leaves the server as numbers, never bigint. */
function toRow(lot: Pick<LotRecord, (typeof ROW_COLUMNS)[number]>): LotRow {
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
  const organization = (await getActor(request))?.organization ?? null;
  const canList = organization?.capabilities.includes("seller") ?? false;
  const parsed = parseLotFilters(params);
  if (!parsed.ok) {
    return data(
      {
        errors: parsed.errors,
        rows: [],
        total: 0,
        offset,
        view,
        canList,
        mapDataUrl: null,
        bbox: null,
        savedQuery: null,
      },
      { status: 400 },
    );
  }
  const filters = parsed.filters;
  // The map view shows no rows but still reports how many lots match.
  const limit = view === "map" ? 0 : PAGE_SIZE;
  const { lots, total } = await searchLots(
    filters,
    { limit, offset },
    searchingOrganization(filters, organization?.id ?? null),
    ROW_COLUMNS,
  );
  const mapQuery = lotFiltersToParams({ ...filters, bbox: null, sort: "newest" });
  return {
    errors: {} as Record<string, string>,
    rows: lots.map(toRow),
    total,
    offset,
    view,
    canList,
    mapDataUrl: browseMapDataUrl("/lots/map-data", view, mapQuery),
    bbox: filters.bbox,
    // Members may save these filters (sort and paging left out) as a saved search.
    savedQuery: organization ? lotFiltersToParams({ ...filters, sort: "newest" }).toString() : null,
  };
}

export default function LotsBrowse() {
  const { errors, rows, total, offset, view, canList, mapDataUrl, bbox, savedQuery } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { data: mapData, failed } = useMapData<LotMapData>(mapDataUrl);
  const onViewChange = useBboxNavigation();
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <BrowsePage
      testId="lots-browse"
      title={t("lots.title")}
      action={
        <>
          {savedQuery !== null ? <SaveSearchForm query={savedQuery} /> : null}
          {canList ? (
            <Link to="/lots/new" className="button">
              {t("lots.listLot")}
            </Link>
          ) : null}
        </>
      }
      filterFormId="lot-filters"
      filterFields={<LotFilterFields params={params} errors={errors} />}
      kind="lots"
      errors={errors}
      total={total}
      view={view}
      renderMap={(height) => (
        <MarketMap lots={mapData} initialBbox={bbox} onViewChange={onViewChange} height={height} />
      )}
      mapFailed={failed}
      mapNotes={
        <>
          {mapData?.truncated ? (
            <p className="browse-map-note">
              {t("lots.mapTruncated", { count: mapData.id.length, shown: format.number(mapData.id.length) })}
            </p>
          ) : null}
          <MapLegend show={["lots"]} />
        </>
      }
      table={rows.length === 0 ? null : <LotTable rows={rows} />}
      pageSize={PAGE_SIZE}
      offset={offset}
    />
  );
}
