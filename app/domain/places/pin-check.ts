/**
 * When a pin on the location picker is questioned before the lot or facility is saved: a pin
 * dropped in the sea, in another economy, or dragged away from the place the user typed is more
 * often a slip than a fact. It is a question, not a refusal: remote mines and depots exist.
 *
 * The rule (docs/decisions/039-gazetteer.md):
 * 1. a place was chosen from the search and the pin is more than PIN_QUESTION_KM from it; or
 * 2. no gazetteer place of the economy (a town of 1,000 people or more, or a port) lies within
 *    PIN_QUESTION_KM of the pin.
 * The nearest place is looked up by the server (within NEAREST_SEARCH_KM); this decides.
 */
import { haversineKm } from "../logistics/geo.ts";

/** 50 km: beyond a town's outskirts and industrial belt, within a remote site's usual distance to a town. */
export const PIN_QUESTION_KM = 50;
/** How far the nearest-place lookup searches; further than this, "no town within 500 km". */
export const NEAREST_SEARCH_KM = 500;

export interface PinPoint {
  lat: number;
  lng: number;
}

export interface PinCheckInput {
  pin: PinPoint;
  /** The economy the pin is checked against (chosen, derived from the pin, or the organisation's). */
  economyName: string | null;
  /** The nearest gazetteer place of that economy within NEAREST_SEARCH_KM, or null for none. */
  nearest: { name: string; km: number } | null;
  /** The place picked from the search, if the pin came from one. */
  chosen: (PinPoint & { name: string }) | null;
}

export type PinQuestion =
  | { reason: "far-from-chosen-place"; km: number; placeName: string }
  | { reason: "far-from-any-place"; km: number | null; placeName: string | null; economyName: string | null };

export function questionPin(input: PinCheckInput): PinQuestion | null {
  if (input.chosen) {
    const km = haversineKm(input.pin, input.chosen);
    if (km > PIN_QUESTION_KM) return { reason: "far-from-chosen-place", km, placeName: input.chosen.name };
  }
  if (!input.nearest || input.nearest.km > PIN_QUESTION_KM) {
    return {
      reason: "far-from-any-place",
      km: input.nearest?.km ?? null,
      placeName: input.nearest?.name ?? null,
      economyName: input.economyName,
    };
  }
  return null;
}

/** The question in one sentence, for the confirmation shown before saving. */
export function pinQuestionText(question: PinQuestion): string {
  if (question.reason === "far-from-chosen-place") {
    return `The pin is ${Math.round(question.km)} km from ${question.placeName}, the place you searched for.`;
  }
  const where = question.economyName ? ` in ${question.economyName}` : "";
  if (question.km === null || question.placeName === null) {
    return `The pin is more than ${NEAREST_SEARCH_KM} km from any town or port${where}: is it in the sea?`;
  }
  return `The pin is ${Math.round(question.km)} km from the nearest town or port${where} (${question.placeName}): is it in the sea?`;
}
