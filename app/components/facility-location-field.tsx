import { useState } from "react";
import { type FormFeedback, TextField } from "~/components/form.tsx";
import {
  COORDINATE_PLACEHOLDER,
  CoordinateInputs,
  EconomySelect,
  typedPoint,
} from "~/components/location-field.tsx";
import { LocationPicker } from "~/components/map/index.tsx";
import { economyForLocation } from "~/domain/economy-for-location.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * Where the facility is: click the map (or drag the pin) or type the coordinates. Picking a point
 * preselects its economy until the recycler chooses one; the choice always wins, since the
 * point-to-economy lookup is approximate near borders. Without JavaScript the typed fields work alone.
 */
export function FacilityLocationField({
  lat: initialLat,
  lng: initialLng,
  economy: initialEconomy,
  address,
  feedback,
}: {
  lat: string;
  lng: string;
  economy: string;
  address: string;
  feedback?: FormFeedback;
}) {
  const { t } = useTranslation();
  const [lat, setLat] = useState(initialLat);
  const [lng, setLng] = useState(initialLng);
  const [economy, setEconomy] = useState(initialEconomy);
  const [economyChosen, setEconomyChosen] = useState(initialEconomy !== "" && initialLat !== "");

  const point = typedPoint(lat, lng);

  function pick(next: { lat: number; lng: number }) {
    // Five decimals is about a metre: enough for a site, without false precision.
    setLat(next.lat.toFixed(5));
    setLng(next.lng.toFixed(5));
    const derived = economyForLocation(next.lat, next.lng);
    if (derived && !economyChosen) setEconomy(derived);
  }

  return (
    <>
      <p className="hint">{t("facilities.form.locationHint")}</p>
      <LocationPicker
        value={point}
        onChange={pick}
        height={300}
        economy={economy || null}
        onPlace={(place) => {
          if (!economyChosen) setEconomy(place.economy);
        }}
        checkPin
      />
      <div className="field-row">
        <CoordinateInputs
          lat={lat}
          lng={lng}
          onLatChange={setLat}
          onLngChange={setLng}
          placeholder={COORDINATE_PLACEHOLDER}
          feedback={feedback}
        />
        <EconomySelect
          value={economy}
          onChange={(code) => {
            setEconomy(code);
            setEconomyChosen(true);
          }}
          blankLabel={t("facilities.form.choose")}
          feedback={feedback}
        />
      </div>
      <TextField
        name="address"
        label={t("facilities.form.address")}
        defaultValue={address}
        feedback={feedback}
      />
    </>
  );
}
