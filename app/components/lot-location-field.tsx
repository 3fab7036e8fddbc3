import { useState } from "react";
import { FieldError, type FormFeedback } from "~/components/form.tsx";
import {
  CoordinateInputs,
  coordinatePlaceholder,
  EconomySelect,
  typedPoint,
} from "~/components/location-field.tsx";
import { LocationPicker } from "~/components/map/index.tsx";
import { economyByCode } from "~/domain/economies.ts";
import { economyForLocation } from "~/domain/economy-for-location.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * A port's place name. It is the lot's data once saved, so it stays English in every language, as
 * the server writes it when a port stands in for the coordinates (rawLotFromForm).
 */
const portLabel = (name: string) => `Port of ${name}`;
const isPortLabel = (label: string) => label.startsWith("Port of ");

/**
 * Where the lot is: click the map, type coordinates, or choose a main port; the economy follows the
 * location (economyForLocation, approximate) unless the seller picks one. Without JavaScript the
 * coordinates and the port list still work: the server fills an empty location from the port.
 */
export function LotLocationField({
  values,
  feedback,
}: {
  values: Record<string, string>;
  feedback?: FormFeedback;
}) {
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const [lat, setLat] = useState(values.lat ?? "");
  const [lng, setLng] = useState(values.lng ?? "");
  const [port, setPort] = useState(values.port ?? "");
  const [label, setLabel] = useState(values.locationLabel ?? "");
  const [economy, setEconomy] = useState(values.economy ?? "");

  // Off-globe coordinates give no point: economyForLocation answers null for them anyway.
  const point = typedPoint(lat, lng);
  const derived = point ? economyForLocation(point.lat, point.lng) : null;
  const derivedName = derived ? economies.name(derived, "name") : null;

  function choosePort(code: string) {
    setPort(code);
    const found = economyByCode(code);
    if (!found) return;
    setLat(String(found.portLat));
    setLng(String(found.portLng));
    if (label.trim() === "" || isPortLabel(label)) setLabel(portLabel(found.portName));
  }

  return (
    <fieldset className="lot-location">
      <legend>{t("listing.location.legend")}</legend>
      <p className="hint" id="location-hint">
        {t("listing.location.hint")}
      </p>
      <LocationPicker
        value={point}
        onChange={(p) => {
          setLat(String(p.lat));
          setLng(String(p.lng));
          setPort("");
        }}
        economy={economy || derived}
        onPlace={(place) => {
          if (label.trim() === "" || isPortLabel(label)) {
            setLabel(place.kind === "port" ? portLabel(place.name) : place.name);
          }
        }}
        checkPin
      />
      <div className="field-row">
        <CoordinateInputs
          lat={lat}
          lng={lng}
          onLatChange={setLat}
          onLngChange={setLng}
          placeholder={coordinatePlaceholder(t)}
          describedBy="location-hint"
          feedback={feedback}
        />
        <div className="field">
          <label htmlFor="field-port">{t("listing.location.port")}</label>
          <select id="field-port" name="port" value={port} onChange={(e) => choosePort(e.target.value)}>
            <option value="">—</option>
            {economies.sorted("short").map((e) => (
              <option key={e.code} value={e.code}>
                {economyByCode(e.code)?.portName} ({e.name})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-locationLabel">{t("listing.location.placeName")}</label>
          <input
            id="field-locationLabel"
            name="locationLabel"
            placeholder={t("listing.location.placeNamePlaceholder")}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={200}
          />
          <FieldError name="locationLabel" feedback={feedback} />
        </div>
        <EconomySelect
          value={economy}
          onChange={setEconomy}
          blankLabel={
            derivedName
              ? t("listing.location.fromLocationNamed", { economy: derivedName })
              : t("listing.location.fromLocation")
          }
          feedback={feedback}
        />
      </div>
    </fieldset>
  );
}
