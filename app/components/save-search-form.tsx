import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.ts";

type SaveFeedback = { done: string | null; formError: string | null; errors: Record<string, string> };

/**
 * "Save this search" on /lots: names the current filters (the page's query string) and saves them
 * at /searches, staying on the page.
 */
export function SaveSearchForm({ query }: { query: string }) {
  const fetcher = useFetcher<SaveFeedback>();
  const { t } = useTranslation();
  const feedback = fetcher.state === "idle" ? fetcher.data : undefined;
  const nameError = feedback?.errors.name;
  const otherError = feedback?.formError && !nameError ? (feedback.errors.query ?? feedback.formError) : null;
  return (
    <fetcher.Form method="post" action="/searches" className="save-search" data-testid="save-search">
      <input type="hidden" name="query" value={query} />
      <div className="field">
        <label htmlFor="field-search-name">{t("lots.saveSearch.label")}</label>
        <input
          id="field-search-name"
          name="name"
          placeholder={t("lots.saveSearch.placeholder")}
          maxLength={100}
          required
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "search-name-error" : undefined}
        />
      </div>
      <button type="submit" name="intent" value="save" className="button-secondary">
        {t("lots.saveSearch.save")}
      </button>
      {nameError ? (
        <p className="field-error" id="search-name-error" role="alert">
          {nameError}
        </p>
      ) : null}
      {otherError ? (
        <p className="field-error" role="alert">
          {otherError}
        </p>
      ) : null}
      {feedback?.done ? (
        <p className="notice" role="status">
          {feedback.done} <Link to="/searches">{t("lots.saveSearch.yours")}</Link>
        </p>
      ) : null}
    </fetcher.Form>
  );
}
