/**
 * The pieces the /lots and /facilities browse pages share: a filter form kept in the URL, the
 * list/map switch, pagination, the "within the map area" chip, and the hooks that load the map's
 * data and write the map's view back into the URL.
 */
import { Form, Link, useNavigate, useSearchParams, useSubmit } from "@remix-run/react";
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import type { BBox } from "~/domain/lot-filters.ts";

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

function withParams(params: URLSearchParams, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  const query = next.toString();
  return query ? `?${query}` : "?";
}

/** Form values → query parameters, leaving out blanks so URLs stay readable. */
function compactQuery(form: HTMLFormElement): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
  }
  return params;
}

/**
 * A GET form over the filters. Without JavaScript it submits like any form; with it, checkboxes
 * and selects apply at once, text after a pause, and blank fields stay out of the URL. The map's
 * bbox and the view ride along as hidden fields; the page number resets.
 */
export function FilterForm({ children, id }: { children: ReactNode; id: string }) {
  const [params] = useSearchParams();
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  // The inputs are uncontrolled. When the filters change from outside the form ("Clear all",
  // back/forward, a link) the form is remounted to show them; when the form itself changed them
  // it is not, so typing in the search box never loses focus.
  const filters = filterQuery(params, ["bbox"]).toString();
  const submitted = useRef<string | null>(null);
  const seen = useRef(filters);
  const generation = useRef(0);
  if (filters !== seen.current) {
    if (filters !== submitted.current) generation.current++;
    seen.current = filters;
  }
  const apply = (form: HTMLFormElement, delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const query = compactQuery(form);
      submitted.current = filterQuery(query, ["bbox"]).toString();
      submit(query, { method: "get", replace: true, preventScrollReset: true });
    }, delay);
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    apply(
      event.currentTarget,
      target.type === "text" || target.type === "number" || target.type === "search" ? 600 : 0,
    );
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(event.currentTarget, 0);
  };
  const bbox = params.get("bbox");
  const view = params.get("view");
  return (
    <Form
      key={generation.current}
      method="get"
      id={id}
      className="browse-filters"
      onChange={onChange}
      onSubmit={onSubmit}
    >
      {bbox ? <input type="hidden" name="bbox" value={bbox} /> : null}
      {view ? <input type="hidden" name="view" value={view} /> : null}
      {children}
      <div className="browse-filter-actions">
        <button type="submit" className="button button-small">
          Apply filters
        </button>
        <Link to={view ? `?view=${view}` : "?"} className="button-link">
          Clear all
        </Link>
      </div>
    </Form>
  );
}

export function CheckboxGroup({
  name,
  legend,
  options,
  selected,
  error,
  scroll = false,
}: {
  name: string;
  legend: string;
  options: readonly (readonly [string, string])[];
  selected: readonly string[];
  error?: string;
  scroll?: boolean;
}) {
  return (
    <fieldset className="browse-group" aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <div className={scroll ? "browse-options browse-options-scroll" : "browse-options"}>
        {options.map(([value, label]) => (
          <label key={value}>
            <input type="checkbox" name={name} value={value} defaultChecked={selected.includes(value)} />{" "}
            {label}
          </label>
        ))}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

/** Values of a repeatable parameter as the parser reads them (repeated or comma-separated). */
export function listValues(params: URLSearchParams, name: string, normalise = (v: string) => v): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => normalise(v.trim()))
    .filter(Boolean);
}

export function RangeFields({
  legend,
  min,
  max,
  params,
  errors,
  step = "any",
  unit,
}: {
  legend: string;
  min: string;
  max: string;
  params: URLSearchParams;
  errors: Record<string, string>;
  step?: string;
  unit: string;
}) {
  const error = errors[min] ?? errors[max];
  return (
    <fieldset className="browse-group">
      <legend>{legend}</legend>
      <div className="browse-range">
        <label>
          <span className="visually-hidden">Minimum {unit}</span>
          <input
            type="number"
            name={min}
            min={0}
            step={step}
            placeholder="min"
            defaultValue={params.get(min) ?? ""}
            aria-invalid={errors[min] ? true : undefined}
          />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="visually-hidden">Maximum {unit}</span>
          <input
            type="number"
            name={max}
            min={0}
            step={step}
            placeholder="max"
            defaultValue={params.get(max) ?? ""}
            aria-invalid={errors[max] ? true : undefined}
          />
        </label>
        <span className="browse-unit">{unit}</span>
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

export function ViewSwitch({ view }: { view: BrowseView }) {
  const [params] = useSearchParams();
  const labels: Record<BrowseView, string> = { both: "Map and list", list: "List", map: "Map" };
  return (
    <nav className="browse-views" aria-label="View">
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
  if (!params.get("bbox")) return null;
  return (
    <p className="browse-chip" data-testid="bbox-chip">
      Showing only the map area.{" "}
      <Link to={withParams(params, { bbox: null, page: null })} replace preventScrollReset>
        Search everywhere
      </Link>
    </p>
  );
}

export function Pagination({ total, limit, offset }: { total: number; limit: number; offset: number }) {
  const [params] = useSearchParams();
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  const to = (p: number) => withParams(params, { page: p === 1 ? null : String(p) });
  return (
    <nav className="browse-pages" aria-label="Pages">
      {page > 1 ? <Link to={to(page - 1)}>← Previous</Link> : <span />}
      <span>
        Page {page} of {pages.toLocaleString("en")}
      </span>
      {page < pages ? <Link to={to(page + 1)}>Next →</Link> : <span />}
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
      const value = [bbox.minLng, bbox.minLat, bbox.maxLng, bbox.maxLat].join(",");
      if (paramsRef.current.get("bbox") === value) return;
      navigate(withParams(paramsRef.current, { bbox: value, page: null }), {
        replace: true,
        preventScrollReset: true,
      });
    },
    [navigate],
  );
}
