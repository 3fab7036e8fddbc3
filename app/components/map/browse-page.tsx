/**
 * The layout the /lots and /facilities browse pages share: filters beside the results, a count,
 * the list/map switch, the map (with its notes) and the paged list. Each route brings what differs:
 * its filter fields, map, notes under the map and table.
 */
import type { ReactNode } from "react";
import { formatNumber } from "~/domain/quantity.ts";
import { FilterForm } from "./browse.tsx";
import { BboxChip, type BrowseView, Pagination, ViewSwitch } from "./browse-nav.tsx";

export function BrowsePage({
  testId,
  title,
  action,
  filterFormId,
  filterFields,
  noun,
  errors,
  total,
  view,
  renderMap,
  mapFailed,
  mapNotes,
  table,
  pageSize,
  offset,
}: {
  testId: string;
  title: string;
  /** A link to add to the market, for organisations that may. */
  action: ReactNode;
  filterFormId: string;
  filterFields: ReactNode;
  /** What the page lists, singular and plural ("lot", "lots"), for the count and empty messages. */
  noun: { one: string; many: string };
  errors: Record<string, string>;
  total: number;
  view: BrowseView;
  /** The map at the given height: taller when it is shown without the list. */
  renderMap: (height: number) => ReactNode;
  mapFailed: boolean;
  /** Shown under the map, before the note that the map narrows the list. */
  mapNotes: ReactNode;
  /** The list's table, or null when no row matched. */
  table: ReactNode;
  pageSize: number;
  offset: number;
}) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="stack" data-testid={testId}>
      <div className="browse-head">
        <h1>{title}</h1>
        {action}
      </div>
      <div className="browse">
        <aside aria-label="Filters">
          {/* A drawer on phones, always open on wider screens (map.css); works without JavaScript. */}
          <details className="browse-drawer" open={hasErrors}>
            <summary className="browse-drawer-toggle">Filters</summary>
            <FilterForm id={filterFormId}>{filterFields}</FilterForm>
          </details>
        </aside>

        <section className="browse-results" aria-label="Results">
          <div className="browse-toolbar">
            <p role="status" data-testid="result-count">
              {hasErrors
                ? `Fix the filters to see ${noun.many}.`
                : `${formatNumber(total)} ${total === 1 ? noun.one : noun.many}`}
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
              {renderMap(view === "map" ? 620 : 400)}
              {mapFailed ? (
                <p className="field-error">The map's data could not be loaded; the list still works.</p>
              ) : null}
              {mapNotes}
              <p className="browse-map-note">
                Moving or zooming the map limits the list to the area you see.
              </p>
            </div>
          ) : null}

          {view !== "map" && !hasErrors ? (
            table === null ? (
              <p className="empty">{`No ${noun.many} match these filters. Try fewer filters, or search everywhere.`}</p>
            ) : (
              table
            )
          ) : null}
          {view !== "map" ? <Pagination total={total} limit={pageSize} offset={offset} /> : null}
        </section>
      </div>
    </div>
  );
}
