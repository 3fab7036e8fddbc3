import type { TFunction } from "i18next";
import { useEffect, useId, useRef, useState } from "react";
import type { EconomyCode } from "~/domain/economies.ts";
import { economyNameIn } from "~/domain/economy-names.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/** One suggestion of GET /places/search (ADR 039). */
export interface PlaceSuggestion {
  name: string;
  economy: EconomyCode;
  economyName: string;
  region: string;
  kind: "city" | "port";
  population: number;
  lat: number;
  lng: number;
}

/**
 * "Springfield, IL · United States · 116,000 people" / "Melbourne · Australia · port AUMEL". With the
 * page's `t` and number format the kind of place is in the page's language; names stay as they are.
 */
export function describePlace(
  place: PlaceSuggestion,
  t?: TFunction,
  formatNumber: (n: number) => string = (n) => n.toLocaleString("en"),
  /** The economy in the page's language; the endpoint's English short name without it. */
  economyName: (code: string) => string = () => place.economyName,
): string {
  // US states are letter codes people know; other economies' admin codes are GeoNames numbers.
  const name =
    place.economy === "US" && /^[A-Z]{2}$/.test(place.region) ? `${place.name}, ${place.region}` : place.name;
  const what =
    place.kind === "port"
      ? t
        ? t("listing.place.port", { code: place.region })
        : `port ${place.region}`
      : place.population > 0
        ? t
          ? t("listing.place.people", { people: formatNumber(place.population) })
          : `${formatNumber(place.population)} people`
        : t
          ? t("listing.place.town")
          : "town";
  return `${name} · ${economyName(place.economy)} · ${what}`;
}

/** Letters typed before the first search: one letter matches thousands of places. */
const MIN_LETTERS = 2;
const DEBOUNCE_MS = 150;

/**
 * "Find a place": a type-ahead over the gazetteer (an ARIA combobox). Arrow keys move through the
 * suggestions, Enter or a click picks one, Escape closes the list. Needs JavaScript, like the map.
 */
export function PlaceSearch({
  prefer,
  onPick,
}: {
  /** The economy whose places come first (the form's, else the organisation's). */
  prefer: string | null;
  onPick(place: PlaceSuggestion): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const [query, setQuery] = useState("");
  const [places, setPlaces] = useState<PlaceSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<"idle" | "loading" | "done" | "error">("idle");
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (q.length < MIN_LETTERS) {
      setPlaces([]);
      setStatus("idle");
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      setStatus("loading");
      const params = new URLSearchParams({ q });
      if (prefer) params.set("prefer", prefer);
      fetch(`/places/search?${params}`)
        .then((response) =>
          response.ok ? response.json() : Promise.reject(new Error(String(response.status))),
        )
        .then((body: { places: PlaceSuggestion[] }) => {
          if (ticket !== latest.current) return;
          setPlaces(body.places);
          setActive(body.places.length > 0 ? 0 : -1);
          setStatus("done");
        })
        .catch(() => ticket === latest.current && setStatus("error"));
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, prefer]);

  function pick(place: PlaceSuggestion) {
    setQuery(place.name);
    setOpen(false);
    setPlaces([]);
    // The typed name is now the picked place's: no new search for it.
    latest.current++;
    setStatus("idle");
    onPick(place);
  }

  const listId = `${id}-places`;
  const showList = open && query.trim().length >= MIN_LETTERS && status !== "idle";
  return (
    <div className="pl-place-search">
      <label htmlFor={`${id}-q`}>{t("listing.place.find")}</label>
      <input
        id={`${id}-q`}
        type="search"
        role="combobox"
        autoComplete="off"
        placeholder={t("listing.place.placeholder")}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(true);
            const step = event.key === "ArrowDown" ? 1 : -1;
            setActive((i) => (places.length === 0 ? -1 : (i + step + places.length) % places.length));
          } else if (event.key === "Enter") {
            // Enter picks a suggestion; it never submits the lot or facility form from here.
            event.preventDefault();
            if (showList && active >= 0 && places[active]) pick(places[active]);
          } else if (event.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      {showList && status === "loading" && places.length === 0 ? (
        <p className="hint">{t("listing.place.searching")}</p>
      ) : null}
      {showList && status === "error" ? <p className="hint">{t("listing.place.failed")}</p> : null}
      {showList && status === "done" && places.length === 0 ? (
        <p className="hint">{t("listing.place.none")}</p>
      ) : null}
      {showList && places.length > 0 ? (
        <div
          id={listId}
          role="listbox"
          className="pl-place-suggestions"
          aria-label={t("listing.place.places")}
        >
          {places.map((place, i) => (
            <div
              key={`${place.kind}-${place.name}-${place.lat}-${place.lng}`}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(place);
              }}
            >
              {describePlace(
                place,
                t,
                (n) => format.number(n),
                (code) => economyNameIn(format.language, code),
              )}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
