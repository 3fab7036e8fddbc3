import type { TFunction } from "i18next";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { economyByCode } from "~/domain/economies.ts";
import { economyForLocation } from "~/domain/economy-for-location.ts";
import { economyNameIn } from "~/domain/economy-names.ts";
import { NEAREST_SEARCH_KM, type PinQuestion, questionPin } from "~/domain/places/pin-check.ts";
import { usePageLanguage } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import type { LatLng } from "./location-picker.client.tsx";
import type { PlaceSuggestion } from "./place-search.tsx";

interface Nearest {
  name: string;
  economy: string;
  km: number;
}

/** The economy a pin is checked against: the form's, else the one the pin lies in (approximate). */
function checkedEconomy(value: LatLng, economy: string | null): string | null {
  return economy || economyForLocation(value.lat, value.lng);
}

const keyOf = (value: LatLng, economy: string | null) => `${value.lat},${value.lng},${economy ?? ""}`;

async function fetchNearest(value: LatLng, economy: string | null): Promise<Nearest | null> {
  const params = new URLSearchParams({ lat: String(value.lat), lng: String(value.lng) });
  if (economy) params.set("economy", economy);
  const response = await fetch(`/places/nearest?${params}`);
  if (!response.ok) throw new Error(`Nearest place: HTTP ${response.status}`);
  return ((await response.json()) as { nearest: Nearest | null }).nearest;
}

/**
 * Wraps the place search and the map: says which town the pin is near, and questions a pin far from
 * any town or port of its economy, or from the place searched for (questionPin, > 50 km), when the
 * enclosing form is submitted. "Save with this pin" submits it as the user meant to; moving the pin
 * asks again. Without JavaScript nothing is questioned: the server takes any valid coordinates.
 */
export function PinCheck({
  value,
  economy,
  chosen,
  ask: asking,
  children,
}: {
  value: LatLng | null;
  economy: string | null;
  chosen: PlaceSuggestion | null;
  /** Question the pin on submit; otherwise only the nearest town is shown. */
  ask: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const language = usePageLanguage();
  const root = useRef<HTMLDivElement>(null);
  const [nearest, setNearest] = useState<{ key: string; found: Nearest | null } | null>(null);
  const [question, setQuestion] = useState<{
    key: string;
    question: PinQuestion;
    submitter: HTMLElement | null;
  } | null>(null);
  const confirmed = useRef<string | null>(null);
  const checkEconomy = value ? checkedEconomy(value, economy) : null;
  const key = value ? keyOf(value, checkEconomy) : null;

  // The nearest town, shown under the map as soon as the pin rests.
  useEffect(() => {
    if (!value || !key) return;
    let live = true;
    const timer = setTimeout(() => {
      fetchNearest(value, checkEconomy).then(
        (found) => live && setNearest({ key, found }),
        () => undefined,
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value, key, checkEconomy]);

  const ask = useCallback(
    (point: LatLng, found: Nearest | null, pointKey: string): PinQuestion | null => {
      if (confirmed.current === pointKey) return null;
      return questionPin({
        pin: point,
        economyName: economyByCode(checkedEconomy(point, economy) ?? "")
          ? economyNameIn(language, checkedEconomy(point, economy) ?? "")
          : null,
        nearest: found,
        chosen: chosen ? { name: chosen.name, lat: chosen.lat, lng: chosen.lng } : null,
      });
    },
    [economy, chosen, language],
  );

  // The question, asked when the form is submitted. A native listener on the form runs before
  // Remix's <Form> handler, which submits nothing once the event's default is prevented.
  useEffect(() => {
    const form = root.current?.closest("form");
    if (!form || !asking) return;
    const onSubmit = (event: SubmitEvent) => {
      if (!value || !key || confirmed.current === key) return;
      const submitter = event.submitter;
      if (nearest?.key === key) {
        const found = ask(value, nearest.found, key);
        if (!found) return;
        event.preventDefault();
        setQuestion({ key, question: found, submitter });
        return;
      }
      // The nearest town is not known yet for this pin: look it up, then decide.
      event.preventDefault();
      fetchNearest(value, checkEconomy).then(
        (found) => {
          setNearest({ key, found });
          const asked = ask(value, found, key);
          if (asked) setQuestion({ key, question: asked, submitter });
          else {
            confirmed.current = key;
            form.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : undefined);
          }
        },
        () => {
          // No answer: the pin is not questioned rather than the form blocked.
          confirmed.current = key;
          form.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : undefined);
        },
      );
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [value, key, nearest, ask, checkEconomy, asking]);

  const open = question && question.key === key ? question : null;
  const shown = nearest && nearest.key === key ? nearest.found : undefined;
  return (
    <div ref={root} className="pl-pin-check">
      {children}
      {value && shown !== undefined ? (
        <p className="hint pl-nearest-place" data-testid="nearest-place">
          {shown
            ? checkEconomy
              ? t("listing.pin.nearestIn", {
                  economy: economyNameIn(language, checkEconomy),
                  place: shown.name,
                  distance: formatKm(t, shown.km),
                })
              : t("listing.pin.nearest", { place: shown.name, distance: formatKm(t, shown.km) })
            : t("listing.pin.none", { km: NEAREST_SEARCH_KM })}
        </p>
      ) : null}
      {open ? (
        <div className="pl-pin-question" role="alertdialog" aria-labelledby="pin-question-text">
          <p id="pin-question-text">
            <strong>{t("listing.pin.check")}</strong> {pinQuestionWords(t, open.question)}
          </p>
          <div className="pl-pin-question-actions">
            <button
              type="button"
              onClick={() => {
                confirmed.current = open.key;
                setQuestion(null);
                const form = root.current?.closest("form");
                form?.requestSubmit(open.submitter instanceof HTMLButtonElement ? open.submitter : undefined);
              }}
            >
              {t("listing.pin.save")}
            </button>
            <button type="button" className="button-secondary" onClick={() => setQuestion(null)}>
              {t("listing.pin.move")}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function formatKm(t: TFunction, km: number): string {
  return km < 1 ? t("listing.pin.underOneKm") : t("listing.pin.km", { km: Math.round(km) });
}

/** pinQuestionText's sentence in the page's language (economy and place names stay as they are). */
function pinQuestionWords(t: TFunction, question: PinQuestion): string {
  if (question.reason === "far-from-chosen-place")
    return t("listing.pin.farFromChosen", { km: Math.round(question.km), place: question.placeName });
  const economy = question.economyName;
  if (question.km === null || question.placeName === null)
    return economy
      ? t("listing.pin.seaIn", { km: NEAREST_SEARCH_KM, economy })
      : t("listing.pin.sea", { km: NEAREST_SEARCH_KM });
  const values = { km: Math.round(question.km), place: question.placeName };
  return economy ? t("listing.pin.farIn", { ...values, economy }) : t("listing.pin.far", values);
}
