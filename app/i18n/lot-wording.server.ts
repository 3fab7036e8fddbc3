/**
 * The JSON API's English for the derived values' sentences (ADR 066): the English catalogue's
 * `lotWords.*`, with the state of health written as the API always wrote it ("79.9").
 */
import type { DerivedWording } from "~/domain/lot-derived.ts";
import { translatorFor } from "./i18n.server.ts";
import { derivedWording } from "./lot-wording.ts";

let english: DerivedWording | null = null;

export function englishDerivedWording(): DerivedWording {
  english ??= derivedWording(translatorFor("en"), { number: (value) => String(value) });
  return english;
}
