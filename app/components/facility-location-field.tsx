import { useState } from "react";
import { FieldError, type FormFeedback, TextField } from "~/components/form.tsx";
import { LocationPicker } from "~/components/map/index.tsx";
import { ECONOMIES } from "~/domain/economies.ts";
import { economyForLocation } from "~/domain/economy-for-location.ts";

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
  const [lat, setLat] = useState(initialLat);
  const [lng, setLng] = useState(initialLng);
  const [economy, setEconomy] = useState(initialEconomy);
  const [economyChosen, setEconomyChosen] = useState(initialEconomy !== "" && initialLat !== "");

  const latNumber = Number(lat);
  const lngNumber = Number(lng);
  const point =
    lat.trim() !== "" && lng.trim() !== "" && Math.abs(latNumber) <= 90 && Math.abs(lngNumber) <= 180
      ? { lat: latNumber, lng: lngNumber }
      : null;

  function pick(next: { lat: number; lng: number }) {
    // Five decimals is about a metre: enough for a site, without false precision.
    setLat(next.lat.toFixed(5));
    setLng(next.lng.toFixed(5));
    const derived = economyForLocation(next.lat, next.lng);
    if (derived && !economyChosen) setEconomy(derived);
  }

  return (
    <>
      <p className="hint">
        Click the map where the facility is (drag the pin to adjust), or type the coordinates.
      </p>
      <LocationPicker value={point} onChange={pick} height={300} />
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-lat">Latitude</label>
          <input
            id="field-lat"
            name="lat"
            inputMode="decimal"
            placeholder="35.6812"
            value={lat}
            onChange={(e) => setLat(e.target.value)}
            aria-invalid={feedback?.errors?.lat ? true : undefined}
          />
          <FieldError name="lat" feedback={feedback} />
        </div>
        <div className="field">
          <label htmlFor="field-lng">Longitude</label>
          <input
            id="field-lng"
            name="lng"
            inputMode="decimal"
            placeholder="139.7671"
            value={lng}
            onChange={(e) => setLng(e.target.value)}
            aria-invalid={feedback?.errors?.lng ? true : undefined}
          />
          <FieldError name="lng" feedback={feedback} />
        </div>
        <div className="field">
          <label htmlFor="field-economy">Economy</label>
          <select
            id="field-economy"
            name="economy"
            value={economy}
            onChange={(e) => {
              setEconomy(e.target.value);
              setEconomyChosen(true);
            }}
            aria-invalid={feedback?.errors?.economy ? true : undefined}
          >
            <option value="">Choose…</option>
            {ECONOMIES.map((e) => (
              <option key={e.code} value={e.code}>
                {e.name}
              </option>
            ))}
          </select>
          <FieldError name="economy" feedback={feedback} />
        </div>
      </div>
      <TextField name="address" label="Address (optional)" defaultValue={address} feedback={feedback} />
    </>
  );
}
