import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FilterForm } from "~/components/map/browse.tsx";
import {
  FacilityFilterFields,
  type FacilityRow,
  FacilityTable,
} from "~/components/map/browse-facilities.tsx";
import {
  BboxChip,
  browseViewOf,
  Pagination,
  pageOffset,
  useBboxNavigation,
  useMapData,
  ViewSwitch,
} from "~/components/map/browse-nav.tsx";
import { type FacilityMapData, MapLegend, MarketMap } from "~/components/map/index.tsx";
import type { RecyclingProcess } from "~/domain/codes.ts";
import { facilityFiltersToParams, parseFacilityFilters } from "~/domain/facility-filters.ts";
import { toFacilityJson } from "~/models/facility.server.ts";
import { searchFacilities } from "~/models/facility-search.server.ts";
import { browsingOrganization } from "~/models/lot-search.server.ts";

export const meta: MetaFunction = () => [{ title: "Recycling facilities · Packloop" }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const view = browseViewOf(params);
  const offset = pageOffset(params, PAGE_SIZE);
  const organization = await browsingOrganization(request);
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
  const mapQuery = facilityFiltersToParams({ ...filters, bbox: null, sort: "name" }).toString();
  return {
    errors: {} as Record<string, string>,
    rows,
    total,
    offset,
    view,
    canPublish,
    mapDataUrl: view === "list" ? null : `/facilities/map-data${mapQuery ? `?${mapQuery}` : ""}`,
    bbox: filters.bbox,
  };
}

export default function FacilitiesBrowse() {
  const { errors, rows, total, offset, view, canPublish, mapDataUrl, bbox } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { data: mapData, failed } = useMapData<FacilityMapData>(mapDataUrl);
  const onViewChange = useBboxNavigation();
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="stack" data-testid="facilities-browse">
      <div className="browse-head">
        <h1>Recycling facilities</h1>
        {canPublish ? (
          <Link to="/facilities/new" className="button">
            Publish a facility
          </Link>
        ) : null}
      </div>
      <div className="browse">
        <aside aria-label="Filters">
          <FilterForm id="facility-filters">
            <FacilityFilterFields params={params} errors={errors} />
          </FilterForm>
        </aside>

        <section className="browse-results" aria-label="Results">
          <div className="browse-toolbar">
            <p role="status" data-testid="result-count">
              {hasErrors
                ? "Fix the filters to see facilities."
                : `${total.toLocaleString("en")} ${total === 1 ? "facility" : "facilities"}`}
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
                facilities={mapData}
                initialBbox={bbox}
                onViewChange={onViewChange}
                height={view === "map" ? 620 : 400}
              />
              {failed ? (
                <p className="field-error">The map's data could not be loaded; the list still works.</p>
              ) : null}
              <MapLegend show={["facilities"]} />
              <p className="browse-map-note">
                Moving or zooming the map limits the list to the area you see.
              </p>
            </div>
          ) : null}

          {view !== "map" && !hasErrors ? (
            rows.length === 0 ? (
              <p className="empty">
                No facilities match these filters. Try fewer filters, or search everywhere.
              </p>
            ) : (
              <FacilityTable rows={rows} />
            )
          ) : null}
          {view !== "map" ? <Pagination total={total} limit={PAGE_SIZE} offset={offset} /> : null}
        </section>
      </div>
    </div>
  );
}
