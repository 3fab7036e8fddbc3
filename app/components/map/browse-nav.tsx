/**
 * Navigation on the browse pages: list/map views, pages, the "map area only" chip, and the hooks
 * that load the map's data and write the map's view into the URL's bbox parameter.
 */
import { Link, useNavigate, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { type BBox, formatBbox } from "~/domain/bounding-box.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

export const BROWSE_VIEWS = ["both", "list", "map"] as const;
export type BrowseView = (typeof BROWSE_VIEWS)[number];

export function browseViewOf(params: URLSearchParams): BrowseView {
  const view = params.get("view");
  return (BROWSE_VIEWS as readonly string[]).includes(view ?? "") ? (view as BrowseView) : "both";
}

/** The current query without the parameters that only page or lay out the results. */
export function filterQuery(params: URLSearchParams, drop: string[] = []): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ["page", "view", ...drop]) next.delete(name);
  return next;
}

/**
 * Where the map loads its data, or null when only the list is shown. The query is the search
 * without bbox (the map shows every match and moving it narrows only the list) and sort.
 */
export function browseMapDataUrl(path: string, view: BrowseView, query: URLSearchParams): string | null {
  if (view === "list") return null;
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

export function withParams(params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  const query = next.toString();
  return query ? `?${query}` : "?";
}

/** Form values → query parameters, leaving out blanks so URLs stay readable. */
export function ViewSwitch({ view }: { view: BrowseView }) {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const labels: Record<BrowseView, string> = {
    both: t("lots.browse.viewBoth"),
    list: t("lots.browse.viewList"),
    map: t("lots.browse.viewMap"),
  };
  return (
    <nav className="browse-views" aria-label={t("lots.browse.view")}>
      {BROWSE_VIEWS.map((v) => (
        <Link
          key={v}
          to={withParams(params, { view: v === "both" ? null : v })}
          aria-current={v === view ? "page" : undefined}
          preventScrollReset
          replace
        >
          {labels[v]}
        </Link>
      ))}
    </nav>
  );
}

export function BboxChip() {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  if (!params.get("bbox")) return null;
  return (
    <p className="browse-chip" data-testid="bbox-chip">
      {t("lots.browse.mapAreaOnly")}{" "}
      <Link to={withParams(params, { bbox: null, page: null })} replace preventScrollReset>
        {t("lots.browse.searchEverywhere")}
      </Link>
    </p>
  );
}

export function Pagination({ total, limit, offset }: { total: number; limit: number; offset: number }) {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const format = useFormat();
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  const to = (p: number) => withParams(params, { page: p === 1 ? null : String(p) });
  return (
    <nav className="browse-pages" aria-label={t("lots.browse.pages")}>
      {page > 1 ? <Link to={to(page - 1)}>{t("lots.browse.previous")}</Link> : <span />}
      <span>{t("lots.browse.pageOf", { page: format.number(page), pages: format.number(pages) })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t("lots.browse.next")}</Link> : <span />}
    </nav>
  );
}

/** `page` (1-based) → offset; anything unusable is page 1. */
export function pageOffset(params: URLSearchParams, limit: number): number {
  const page = Number(params.get("page") ?? "1");
  return Number.isInteger(page) && page > 1 ? (page - 1) * limit : 0;
}

/** Loads the map's data from a resource route; keeps the last data while the next loads. */
export function useMapData<T>(url: string | null): { data: T | null; failed: boolean } {
  const [state, setState] = useState<{ data: T | null; failed: boolean }>({ data: null, failed: false });
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<T>;
      })
      .then(
        (data) => setState({ data, failed: false }),
        (error: unknown) => {
          if (!controller.signal.aborted) {
            console.warn("Map data failed to load", error);
            setState((s) => ({ ...s, failed: true }));
          }
        },
      );
    return () => controller.abort();
  }, [url]);
  return state;
}

/** Writes a map view into the URL's bbox (resetting the page) without adding history entries. */
export function useBboxNavigation(): (bbox: BBox) => void {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const paramsRef = useRef(params);
  paramsRef.current = params;
  return useCallback(
    (bbox: BBox) => {
      const value = formatBbox(bbox);
      if (paramsRef.current.get("bbox") === value) return;
      navigate(withParams(paramsRef.current, { bbox: value, page: null }), {
        replace: true,
        preventScrollReset: true,
      });
    },
    [navigate],
  );
}
