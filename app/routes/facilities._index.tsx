import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getActor } from "~/auth/actor.server.ts";
import {
  FacilityFilterFields,
  type FacilityRow,
  FacilityTable,
} from "~/components/map/browse-facilities.tsx";
import {
  browseMapDataUrl,
  browseViewOf,
  pageOffset,
  useBboxNavigation,
  useMapData,
} from "~/components/map/browse-nav.tsx";
import { BrowsePage } from "~/components/map/browse-page.tsx";
import { type FacilityMapData, MapLegend, MarketMap } from "~/components/map/index.tsx";
import type { RecyclingProcess } from "~/domain/codes.ts";
import { facilityFiltersToParams, parseFacilityFilters } from "~/domain/facility-filters.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { toFacilityJson } from "~/models/facility.server.ts";
import { searchFacilities } from "~/models/facility-search.server.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, "facilities.title") }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const view = browseViewOf(params);
  const offset = pageOffset(params, PAGE_SIZE);
  const organization = (await getActor(request))?.organization ?? null;
  const canPublish = organization?.capabilities.includes("recycler") ?? false;
  const parsed = parseFacilityFilters(params);
  if (!parsed.ok) {
    return data(
      { errors: parsed.errors, rows: [], total: 0, offset, view, canPublish, mapDataUrl: null, bbox: null },
      { status: 400 },
    );
  }
  const filters = parsed.filters;
  const today = new Date();
  const { facilities, total } = await searchFacilities(
    filters,
    { limit: view === "map" ? 0 : PAGE_SIZE, offset },
    today,
  );
  const rows = facilities.map((facility): FacilityRow => {
    const json = toFacilityJson(facility, today);
    return {
      id: json.id,
      name: json.name,
      economy: json.economy,
      processes: json.processes as RecyclingProcess[],
      acceptedChemistries: json.acceptedChemistries,
      acceptedForms: json.acceptedForms,
      holdsImportConsent: json.holdsImportConsent,
      // The next month with room left is what a seller looks for first.
      nextCapacity: json.capacity.find((c) => c.freeTonnes > 0) ?? null,
    };
  });
  const mapQuery = facilityFiltersToParams({ ...filters, bbox: null, sort: "name" });
  return {
    errors: {} as Record<string, string>,
    rows,
    total,
    offset,
    view,
    canPublish,
    mapDataUrl: browseMapDataUrl("/facilities/map-data", view, mapQuery),
    bbox: filters.bbox,
  };
}

export default function FacilitiesBrowse() {
  const { errors, rows, total, offset, view, canPublish, mapDataUrl, bbox } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { data: mapData, failed } = useMapData<FacilityMapData>(mapDataUrl);
  const onViewChange = useBboxNavigation();
  const { t } = useTranslation();
  return (
    <BrowsePage
      testId="facilities-browse"
      title={t("facilities.title")}
      action={
        canPublish ? (
          <Link to="/facilities/new" className="button">
            {t("facilities.publish")}
          </Link>
        ) : null
      }
      filterFormId="facility-filters"
      filterFields={<FacilityFilterFields params={params} errors={errors} />}
      kind="facilities"
      errors={errors}
      total={total}
      view={view}
      renderMap={(height) => (
        <MarketMap facilities={mapData} initialBbox={bbox} onViewChange={onViewChange} height={height} />
      )}
      mapFailed={failed}
      mapNotes={<MapLegend show={["facilities"]} />}
      table={rows.length === 0 ? null : <FacilityTable rows={rows} />}
      pageSize={PAGE_SIZE}
      offset={offset}
    />
  );
}
