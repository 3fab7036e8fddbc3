/**
 * The facility side of the browse page: its filter fields (inside the shared FilterForm) and its
 * result table.
 */
import { Link } from "@remix-run/react";
import {
  BATTERY_CONDITION_LABELS,
  CHEMISTRIES,
  CHEMISTRY_SHORT_LABELS,
  type Chemistry,
  LOT_FORM_LABELS,
  type LotForm,
  RECYCLING_PROCESS_LABELS,
  type RecyclingProcess,
} from "~/domain/codes.ts";
import { ECONOMIES, economyByCode } from "~/domain/economies.ts";
import { FACILITY_SORT_LABELS } from "~/domain/facility-filters.ts";
import { formatMoney } from "~/domain/money.ts";
import { formatTonnes } from "~/domain/quantity.ts";
import { CheckboxGroup, listValues, SearchAndSortFields } from "./browse.tsx";
import { facilitySymbolSvg, mainProcess, PROCESS_SHAPE_LABELS } from "./symbols.ts";

/** One row of the facility list, as the loader sends it. */
export interface FacilityRow {
  id: string;
  name: string;
  economy: string;
  processes: RecyclingProcess[];
  acceptedChemistries: Chemistry[];
  acceptedForms: LotForm[];
  holdsImportConsent: boolean;
  /** The next month with capacity left. */
  nextCapacity: {
    month: string;
    freeTonnes: number;
    pricePerTonne: { amountMinor: number; currency: string };
    priceKind: "payable" | "gate_fee";
  } | null;
}

const upper = (v: string) => v.toUpperCase();

export function FacilityFilterFields({
  params,
  errors,
}: {
  params: URLSearchParams;
  errors: Record<string, string>;
}) {
  return (
    <>
      <SearchAndSortFields
        idPrefix="facility"
        placeholder="Name or description"
        sortLabels={FACILITY_SORT_LABELS}
        defaultSort="name"
        params={params}
        errors={errors}
      />
      <CheckboxGroup
        name="process"
        legend="Process"
        options={Object.entries(RECYCLING_PROCESS_LABELS)}
        selected={listValues(params, "process")}
        error={errors.process}
      />
      <CheckboxGroup
        name="chemistry"
        legend="Accepts chemistry"
        options={CHEMISTRIES.map((c) => [c, CHEMISTRY_SHORT_LABELS[c]] as const)}
        selected={listValues(params, "chemistry", upper)}
        error={errors.chemistry}
        scroll
      />
      <CheckboxGroup
        name="form"
        legend="Accepts form"
        options={Object.entries(LOT_FORM_LABELS)}
        selected={listValues(params, "form")}
        error={errors.form}
      />
      <CheckboxGroup
        name="condition"
        legend="Accepts condition"
        options={Object.entries(BATTERY_CONDITION_LABELS)}
        selected={listValues(params, "condition")}
        error={errors.condition}
      />
      <div className="field">
        <label htmlFor="facility-consent">Consent to import waste batteries</label>
        <select
          id="facility-consent"
          name="holdsImportConsent"
          defaultValue={params.get("holdsImportConsent") ?? ""}
          aria-invalid={errors.holdsImportConsent ? true : undefined}
        >
          <option value="">Any</option>
          <option value="true">Holds import consent</option>
          <option value="false">No import consent</option>
        </select>
        {errors.holdsImportConsent ? <p className="field-error">{errors.holdsImportConsent}</p> : null}
      </div>
      <CheckboxGroup
        name="economy"
        legend="Economy"
        options={ECONOMIES.map((e) => [e.code, e.shortName] as const)}
        selected={listValues(params, "economy", upper)}
        error={errors.economy}
        scroll
      />
    </>
  );
}

export function FacilityTable({ rows }: { rows: FacilityRow[] }) {
  return (
    <table data-testid="facility-list">
      <thead>
        <tr>
          <th>Facility</th>
          <th>Processes</th>
          <th>Accepts</th>
          <th>Next free capacity</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((facility) => (
          <tr key={facility.id}>
            <td>
              <Link to={`/facilities/${facility.id}`}>{facility.name}</Link>
              <div>{economyByCode(facility.economy)?.shortName ?? facility.economy}</div>
              {facility.holdsImportConsent ? <span className="badge">Import consent</span> : null}
            </td>
            <td>
              <span
                className="pl-legend-shape browse-inline-symbol"
                // Static SVG from symbols.ts: the same symbol as on the map.
                // biome-ignore lint/security/noDangerouslySetInnerHtml: constant markup, no user input
                dangerouslySetInnerHTML={{
                  __html: facilitySymbolSvg(mainProcess(facility.processes), 14),
                }}
              />
              {facility.processes.map((p) => PROCESS_SHAPE_LABELS[p]).join(", ")}
            </td>
            <td>
              {facility.acceptedChemistries.length === CHEMISTRIES.length
                ? "All chemistries"
                : facility.acceptedChemistries.map((c) => CHEMISTRY_SHORT_LABELS[c]).join(", ")}
              <div>{facility.acceptedForms.map((f) => LOT_FORM_LABELS[f]).join(", ")}</div>
            </td>
            <td>
              {facility.nextCapacity ? (
                <>
                  {formatTonnes(facility.nextCapacity.freeTonnes)} in {facility.nextCapacity.month}
                  <div>
                    {formatMoney(facility.nextCapacity.pricePerTonne)}/t{" "}
                    {facility.nextCapacity.priceKind === "payable" ? "paid to seller" : "gate fee"}
                  </div>
                </>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
