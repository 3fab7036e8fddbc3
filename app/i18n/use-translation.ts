/**
 * `useTranslation()` for our components: the page's i18next instance (from I18nextProvider) and a
 * `t` that remembers each message asked for without options. react-i18next's own hook copies the
 * instance's property descriptors into a new wrapper object on every mount — every render on the
 * server is a mount — and a list page calls it from each row's amounts and dates: with i18next's
 * lookups it was a tenth of /lots' server CPU (ADR 063). We need none of what it adds: a page's
 * language never changes under it (a new language is a new instance, ADR 062) and catalogues are
 * complete when the page renders (no namespaces loading, no Suspense).
 */
import type { i18n as I18n, TFunction } from "i18next";
import { useContext } from "react";
import { getI18n, I18nContext } from "react-i18next";
import { createI18n, loadedI18n } from "./i18n.ts";
import { DEFAULT_LANGUAGE } from "./languages.ts";

const remembering = new WeakMap<I18n, TFunction>();

/** The instance's `t`, remembering messages asked for by key alone (a catalogue never changes). */
export function rememberingT(i18n: I18n): TFunction {
  let t = remembering.get(i18n);
  if (!t) {
    const translate = i18n.t.bind(i18n) as unknown as (...args: unknown[]) => unknown;
    const messages = new Map<string, unknown>();
    t = ((...args: unknown[]) => {
      const key = args[0];
      if (args.length !== 1 || typeof key !== "string") return translate(...args);
      let message = messages.get(key);
      if (message === undefined) {
        message = translate(key);
        messages.set(key, message);
      }
      return message;
    }) as unknown as TFunction;
    remembering.set(i18n, t);
  }
  return t;
}

export function useTranslation(): { t: TFunction; i18n: I18n } {
  const context = useContext(I18nContext);
  // Outside a provider (a component rendered alone in a test): react-i18next's global instance,
  // else English where the catalogues are at hand (the server), else message keys.
  const i18n = context?.i18n ?? getI18n() ?? loadedI18n(DEFAULT_LANGUAGE) ?? keysOnly();
  return { t: rememberingT(i18n), i18n };
}

let keys: I18n | undefined;
function keysOnly(): I18n {
  keys ??= createI18n(DEFAULT_LANGUAGE, {});
  return keys;
}
