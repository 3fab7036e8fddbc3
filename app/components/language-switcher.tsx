import { Form, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { LANGUAGE_CODES, LANGUAGES } from "~/i18n/languages.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The header's language choice: a plain form (it works before the page's JavaScript has loaded),
 * which the select submits by itself once it has. It returns to the same page with the same query,
 * so a filtered list stays filtered in the new language.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  // data-ready: the select submits on change only once hydrated (browser tests wait for it).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <Form method="post" action="/language" className="language-switcher" data-ready={ready}>
      <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
      <label>
        <span className="visually-hidden">{t("language.label")}</span>
        <select
          name="language"
          defaultValue={i18n.language}
          aria-label={t("language.label")}
          onChange={(event) => event.currentTarget.form?.requestSubmit()}
        >
          {LANGUAGE_CODES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGES[code].nativeName}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button-link language-apply">
        {t("language.apply")}
      </button>
    </Form>
  );
}
