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
  useBboxNavigation,
  useMapData,
  ViewSwitch,
} from "~/components/map/browse.tsx";
import { type FacilityMapData, MapLegend, MarketMap } from "~/components/map/index.tsx";
import { facilitySymbolSvg, mainProcess, PROCESS_SHAPE_LABELS } from "~/components/map/symbols.ts";
import {
  BATTERY_CONDITION_LABELS,
  CHEMISTRIES,
  CHEMISTRY_SHORT_LABELS,
  LOT_FORM_LABELS,
  RECYCLING_PROCESS_LABELS,
  type RecyclingProcess,
} from "~/domain/codes.ts";
import { ECONOMIES, economyByCode } from "~/domain/economies.ts";
import {
  FACILITY_SORT_LABELS,
  facilityFiltersToParams,
  parseFacilityFilters,
} from "~/domain/facility-filters.ts";
import { formatMoney } from "~/domain/money.ts";
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
  const rows = facilities.map((facility) => {
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

const upper = (v: string) => v.toUpperCase();

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
            <div className="field">
              <label htmlFor="facility-q">Search</label>
              <input
                id="facility-q"
                type="search"
                name="q"
                placeholder="Name or description"
                defaultValue={params.get("q") ?? ""}
                aria-invalid={errors.q ? true : undefined}
              />
              {errors.q ? <p className="field-error">{errors.q}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="facility-sort">Sort</label>
              <select id="facility-sort" name="sort" defaultValue={params.get("sort") ?? "name"}>
                {Object.entries(FACILITY_SORT_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              {errors.sort ? <p className="field-error">{errors.sort}</p> : null}
            </div>
            <CheckboxGroup
              name="process"
              legend="Process"
              options={Object.entries(RECYCLING_PROCESS_LABELS)}
              selected={listValues(params, "process")}
              error={errors.process}
            />
            <CheckboxGroup
              name="chemistry"
              legend="Accepts chemistry"
              options={CHEMISTRIES.map((c) => [c, CHEMISTRY_SHORT_LABELS[c]] as const)}
              selected={listValues(params, "chemistry", upper)}
              error={errors.chemistry}
              scroll
            />
            <CheckboxGroup
              name="form"
              legend="Accepts form"
              options={Object.entries(LOT_FORM_LABELS)}
              selected={listValues(params, "form")}
              error={errors.form}
            />
            <CheckboxGroup
              name="condition"
              legend="Accepts condition"
              options={Object.entries(BATTERY_CONDITION_LABELS)}
              selected={listValues(params, "condition")}
              error={errors.condition}
            />
            <div className="field">
              <label htmlFor="facility-consent">Consent to import waste batteries</label>
              <select
                id="facility-consent"
                name="holdsImportConsent"
                defaultValue={params.get("holdsImportConsent") ?? ""}
                aria-invalid={errors.holdsImportConsent ? true : undefined}
              >
                <option value="">Any</option>
                <option value="true">Holds import consent</option>
                <option value="false">No import consent</option>
              </select>
              {errors.holdsImportConsent ? <p className="field-error">{errors.holdsImportConsent}</p> : null}
            </div>
            <CheckboxGroup
              name="economy"
              legend="Economy"
              options={ECONOMIES.map((e) => [e.code, e.shortName] as const)}
              selected={listValues(params, "economy", upper)}
              error={errors.economy}
              scroll
            />
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
              <table data-testid="facility-list">
                <thead>
                  <tr>
                    <th>Facility</th>
                    <th>Processes</th>
                    <th>Accepts</th>
                    <th>Next free capacity</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((facility) => (
                    <tr key={facility.id}>
                      <td>
                        <Link to={`/facilities/${facility.id}`}>{facility.name}</Link>
                        <div>{economyByCode(facility.economy)?.shortName ?? facility.economy}</div>
                        {facility.holdsImportConsent ? <span className="badge">Import consent</span> : null}
                      </td>
                      <td>
                        <span
                          className="pl-legend-shape browse-inline-symbol"
                          // Static SVG from symbols.ts: the same symbol as on the map.
                          // biome-ignore lint/security/noDangerouslySetInnerHtml: constant markup, no user input
                          dangerouslySetInnerHTML={{
                            __html: facilitySymbolSvg(mainProcess(facility.processes), 14),
                          }}
                        />
                        {facility.processes.map((p) => PROCESS_SHAPE_LABELS[p]).join(", ")}
                      </td>
                      <td>
                        {facility.acceptedChemistries.length === CHEMISTRIES.length
                          ? "All chemistries"
                          : facility.acceptedChemistries.map((c) => CHEMISTRY_SHORT_LABELS[c]).join(", ")}
                        <div>{facility.acceptedForms.map((f) => LOT_FORM_LABELS[f]).join(", ")}</div>
                      </td>
                      <td>
                        {facility.nextCapacity ? (
                          <>
                            {facility.nextCapacity.freeTonnes.toLocaleString("en")} t in{" "}
                            {facility.nextCapacity.month}
                            <div>
                              {formatMoney(facility.nextCapacity.pricePerTonne)}/t{" "}
                              {facility.nextCapacity.priceKind === "payable" ? "paid to seller" : "gate fee"}
                            </div>
                          </>
                        ) : (
                          "—"
                        )}
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
