/**
 * The filter form the /lots and /facilities browse pages share: its fields live in the URL, so the
 * list, the map and a copied link all show the same search. Navigation pieces (views, pages, the
 * map area, the map's data) are in browse-nav.tsx.
 */
import { Form, Link, useSearchParams, useSubmit } from "@remix-run/react";
import { type FormEvent, type ReactNode, useEffect, useRef } from "react";
import { listParam } from "~/domain/query-params.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { filterQuery } from "./browse-nav.tsx";

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
  const { t } = useTranslation();
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
          {t("lots.browse.applyFilters")}
        </button>
        <Link to={view ? `?view=${view}` : "?"} className="button-link">
          {t("lots.browse.clearAll")}
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
  return listParam(params, name).map(normalise);
}

/**
 * The free-text search (`q`) and the sort order (`sort`), first among every browse page's filters;
 * ids are `${idPrefix}-q` and `${idPrefix}-sort`.
 */
export function SearchAndSortFields({
  idPrefix,
  placeholder,
  sortLabels,
  defaultSort,
  params,
  errors,
}: {
  idPrefix: string;
  placeholder: string;
  sortLabels: Readonly<Record<string, string>>;
  defaultSort: string;
  params: URLSearchParams;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-q`}>{t("lots.browse.search")}</label>
        <input
          id={`${idPrefix}-q`}
          type="search"
          name="q"
          placeholder={placeholder}
          defaultValue={params.get("q") ?? ""}
          aria-invalid={errors.q ? true : undefined}
        />
        {errors.q ? <p className="field-error">{errors.q}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-sort`}>{t("lots.browse.sort")}</label>
        <select id={`${idPrefix}-sort`} name="sort" defaultValue={params.get("sort") ?? defaultSort}>
          {Object.entries(sortLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {errors.sort ? <p className="field-error">{errors.sort}</p> : null}
      </div>
    </>
  );
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
  const { t } = useTranslation();
  const error = errors[min] ?? errors[max];
  return (
    <fieldset className="browse-group">
      <legend>{legend}</legend>
      <div className="browse-range">
        <label>
          <span className="visually-hidden">{t("lots.browse.minimum", { unit })}</span>
          <input
            type="number"
            name={min}
            min={0}
            step={step}
            placeholder={t("lots.browse.min")}
            defaultValue={params.get(min) ?? ""}
            aria-invalid={errors[min] ? true : undefined}
          />
        </label>
        <span aria-hidden="true">–</span>
        <label>
          <span className="visually-hidden">{t("lots.browse.maximum", { unit })}</span>
          <input
            type="number"
            name={max}
            min={0}
            step={step}
            placeholder={t("lots.browse.max")}
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
