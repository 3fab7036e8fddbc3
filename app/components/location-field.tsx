import type { TFunction } from "i18next";
import { FieldError, type FormFeedback } from "~/components/form.tsx";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The pieces the lot and facility location fields share: typed coordinates that drive the map
 * picker, and the economy list. Each form keeps its own layout and what a pick does (a lot can come
 * from a port, a facility's economy is preselected from the point), so these stay controlled parts.
 */

export interface MapPoint {
  lat: number;
  lng: number;
}

/** The typed coordinates as a map point, or null while one is blank, not a number or off the globe. */
export function typedPoint(lat: string, lng: string): MapPoint | null {
  if (lat.trim() === "" || lng.trim() === "") return null;
  const point = { lat: Number(lat), lng: Number(lng) };
  // NaN fails both comparisons, so text that is not a number gives no point.
  return Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180 ? point : null;
}

/**
 * The coordinate fields' placeholders say the format, not a place: a city's coordinates as an
 * example were taken for a default and saved as the lot's location (issue 15).
 */
export const COORDINATE_PLACEHOLDER = { lat: "Decimal, −90 to 90", lng: "Decimal, −180 to 180" } as const;

/** COORDINATE_PLACEHOLDER in the page's language. */
export function coordinatePlaceholder(t: TFunction): { lat: string; lng: string } {
  return { lat: t("listing.location.latPlaceholder"), lng: t("listing.location.lngPlaceholder") };
}

/** Latitude and longitude inputs (`lat`, `lng`; ids `field-lat`, `field-lng`), for a `.field-row`. */
export function CoordinateInputs({
  lat,
  lng,
  onLatChange,
  onLngChange,
  placeholder,
  describedBy,
  feedback,
}: {
  lat: string;
  lng: string;
  onLatChange: (value: string) => void;
  onLngChange: (value: string) => void;
  /** What to type (COORDINATE_PLACEHOLDER); never a real place's coordinates. */
  placeholder: { lat: string; lng: string };
  /** The id of the hint that explains the ways to set a location, read with the latitude. */
  describedBy?: string;
  feedback?: FormFeedback;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor="field-lat">{t("listing.location.latitude")}</label>
        <input
          id="field-lat"
          name="lat"
          inputMode="decimal"
          placeholder={placeholder.lat}
          value={lat}
          onChange={(e) => onLatChange(e.target.value)}
          aria-invalid={feedback?.errors?.lat ? true : undefined}
          aria-describedby={describedBy}
        />
        <FieldError name="lat" feedback={feedback} />
      </div>
      <div className="field">
        <label htmlFor="field-lng">{t("listing.location.longitude")}</label>
        <input
          id="field-lng"
          name="lng"
          inputMode="decimal"
          placeholder={placeholder.lng}
          value={lng}
          onChange={(e) => onLngChange(e.target.value)}
          aria-invalid={feedback?.errors?.lng ? true : undefined}
        />
        <FieldError name="lng" feedback={feedback} />
      </div>
    </>
  );
}

/** The economy select (`economy`, id `field-economy`); the blank option says what an empty choice means. */
export function EconomySelect({
  value,
  onChange,
  blankLabel,
  feedback,
}: {
  value: string;
  onChange: (code: string) => void;
  blankLabel: string;
  feedback?: FormFeedback;
}) {
  const { t } = useTranslation();
  const economies = useEconomyNames();
  return (
    <div className="field">
      <label htmlFor="field-economy">{t("listing.location.economy")}</label>
      <select
        id="field-economy"
        name="economy"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={feedback?.errors?.economy ? true : undefined}
      >
        <option value="">{blankLabel}</option>
        {economies.sorted("name").map((e) => (
          <option key={e.code} value={e.code}>
            {e.name}
          </option>
        ))}
      </select>
      <FieldError name="economy" feedback={feedback} />
    </div>
  );
}
