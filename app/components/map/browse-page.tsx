/**
 * The layout the /lots and /facilities browse pages share: filters beside the results, a count,
 * the list/map switch, the map (with its notes) and the paged list. Each route brings what differs:
 * its filter fields, map, notes under the map and table.
 */

import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation.ts";
import { FilterForm } from "./browse.tsx";
import { BboxChip, type BrowseView, Pagination, ViewSwitch } from "./browse-nav.tsx";

export function BrowsePage({
  testId,
  title,
  action,
  filterFormId,
  filterFields,
  kind,
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
  /** What the page lists: the catalogue namespace of its count and empty messages. */
  kind: "lots" | "facilities";
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
  const { t } = useTranslation();
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <div className="stack" data-testid={testId}>
      <div className="browse-head">
        <h1>{title}</h1>
        {action}
      </div>
      <div className="browse">
        <aside aria-label={t("lots.browse.filters")}>
          {/* A drawer on phones, always open on wider screens (map.css); works without JavaScript. */}
          <details className="browse-drawer" open={hasErrors}>
            <summary className="browse-drawer-toggle">{t("lots.browse.filters")}</summary>
            <FilterForm id={filterFormId}>{filterFields}</FilterForm>
          </details>
        </aside>

        <section className="browse-results" aria-label={t("lots.browse.results")}>
          <div className="browse-toolbar">
            <p role="status" data-testid="result-count">
              {hasErrors ? t(`${kind}.fixFilters`) : t(`${kind}.count`, { count: total })}
            </p>
            <ViewSwitch view={view} />
          </div>
          {hasErrors ? (
            <p className="form-error" role="alert">
              {t("lots.browse.unusableFilters", { fields: filterFieldNames(t, errors) })}
            </p>
          ) : null}
          {errors.bbox ? null : <BboxChip />}

          {view !== "list" && !hasErrors ? (
            <div>
              {renderMap(view === "map" ? 620 : 400)}
              {mapFailed ? <p className="field-error">{t("lots.browse.mapFailed")}</p> : null}
              {mapNotes}
              <p className="browse-map-note">{t("lots.browse.mapNarrows")}</p>
            </div>
          ) : null}

          {view !== "map" && !hasErrors ? (
            table === null ? (
              <p className="empty">{t(`${kind}.empty`)}</p>
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

// The filters' query parameters, as the filter form names them (the parameter names themselves are
// the API's and never change with the language).
const FILTER_FIELD_KEYS: Readonly<Record<string, string>> = {
  q: "search",
  sort: "sort",
  chemistry: "chemistry",
  form: "form",
  condition: "condition",
  economy: "economy",
  status: "status",
  saleMode: "saleMode",
  minMassKg: "mass",
  maxMassKg: "mass",
  minSohPct: "stateOfHealth",
  maxSohPct: "stateOfHealth",
  process: "process",
  holdsImportConsent: "importConsent",
  bbox: "mapArea",
};

/** "Chemistry, Mass": the filters that could not be used, by their labels in the page's language. */
export function filterFieldNames(t: TFunction, errors: Record<string, string>): string {
  const names = Object.keys(errors).map((name) => {
    const key = FILTER_FIELD_KEYS[name];
    return key ? t(`lots.browse.field.${key}`) : name;
  });
  return [...new Set(names)].join(", ");
}

/** The filter fields' own messages: one sentence per unusable parameter, in the page's language. */
export function translatedFilterErrors(t: TFunction, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(errors).map((name) => [name, t("lots.browse.badValue")]));
}
