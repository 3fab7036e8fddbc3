/**
 * The page's i18next instance (ADR 062). The server has every catalogue; the browser has the one it
 * fetched before hydrating (entry.client.tsx), so the first render translates exactly as the
 * server did. When the language changes without a page load (a log-in with another saved
 * language), the page keeps its current text until the new catalogue has arrived, then re-renders.
 */
import type { i18n as I18n } from "i18next";
import { useEffect, useRef, useState } from "react";
import type { Catalogue } from "./catalogues.ts";
import { createI18n, i18nFor, loadedI18n } from "./i18n.ts";
import { isLanguageCode, type LanguageCode } from "./languages.ts";

const RETRY_MS = 2_000;

/** Fetches a catalogue (from the browser's cache once fetched: its address is fingerprinted). */
export async function fetchCatalogue(language: LanguageCode, url: string): Promise<I18n> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The ${language} catalogue could not be loaded (${response.status}).`);
  return i18nFor(language, (await response.json()) as Catalogue);
}

/** Before hydrating: the catalogue the document names (its preload link), into the cache. */
export async function loadDocumentCatalogue(document: Document): Promise<void> {
  const link = document.querySelector<HTMLLinkElement>("link[data-catalogue]");
  const language = link?.dataset.catalogue;
  if (!link || !isLanguageCode(language)) return;
  try {
    await fetchCatalogue(language, link.href);
  } catch {
    // One retry; after that the page hydrates, renders its keys where the text was, and
    // usePageI18n keeps trying.
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    await fetchCatalogue(language, link.href).catch(() => undefined);
  }
}

const empty = new Map<LanguageCode, I18n>();

export function usePageI18n(language: LanguageCode, catalogueUrl: string): I18n {
  const loaded = loadedI18n(language);
  const shown = useRef<I18n | undefined>(loaded);
  const [, rerender] = useState(0);
  useEffect(() => {
    if (loaded) return;
    let current = true;
    const load = (attempt: number) =>
      fetchCatalogue(language, catalogueUrl).then(
        () => current && rerender((n) => n + 1),
        () => {
          if (current && attempt < 3) setTimeout(() => load(attempt + 1), RETRY_MS);
        },
      );
    void load(1);
    return () => {
      current = false;
    };
  }, [loaded, language, catalogueUrl]);
  if (loaded) shown.current = loaded;
  if (shown.current) return shown.current;
  let fallback = empty.get(language);
  if (!fallback) {
    fallback = createI18n(language, {});
    empty.set(language, fallback);
  }
  return fallback;
}
