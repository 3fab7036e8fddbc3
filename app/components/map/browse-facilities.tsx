/**
 * The facility side of the browse page: its filter fields (inside the shared FilterForm) and its
 * result table.
 */
import { Link } from "@remix-run/react";
import {
  BATTERY_CONDITIONS,
  CHEMISTRIES,
  type Chemistry,
  LOT_FORMS,
  type LotForm,
  RECYCLING_PROCESSES,
  type RecyclingProcess,
} from "~/domain/codes.ts";
import { FACILITY_SORTS } from "~/domain/facility-filters.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { CheckboxGroup, listValues, SearchAndSortFields } from "./browse.tsx";
import { translatedFilterErrors } from "./browse-page.tsx";
import { facilitySymbolSvg, mainProcess } from "./symbols.ts";

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
  errors: serverErrors,
}: {
  params: URLSearchParams;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const errors = translatedFilterErrors(t, serverErrors);
  const codes = (group: string, values: readonly string[]) =>
    values.map((value) => [value, t(`${group}.${value}`)] as const);
  return (
    <>
      <SearchAndSortFields
        idPrefix="facility"
        placeholder={t("facilities.searchPlaceholder")}
        sortLabels={Object.fromEntries(codes("facilities.sort", FACILITY_SORTS))}
        defaultSort="name"
        params={params}
        errors={errors}
      />
      <CheckboxGroup
        name="process"
        legend={t("facilities.filter.process")}
        options={codes("facilities.process", RECYCLING_PROCESSES)}
        selected={listValues(params, "process")}
        error={errors.process}
      />
      <CheckboxGroup
        name="chemistry"
        legend={t("facilities.filter.chemistry")}
        options={CHEMISTRIES.map((c) => [c, chemistryShortLabel(t, c)] as const)}
        selected={listValues(params, "chemistry", upper)}
        error={errors.chemistry}
        scroll
      />
      <CheckboxGroup
        name="form"
        legend={t("facilities.filter.form")}
        options={codes("lots.form", LOT_FORMS)}
        selected={listValues(params, "form")}
        error={errors.form}
      />
      <CheckboxGroup
        name="condition"
        legend={t("facilities.filter.condition")}
        options={codes("lots.condition", BATTERY_CONDITIONS)}
        selected={listValues(params, "condition")}
        error={errors.condition}
      />
      <div className="field">
        <label htmlFor="facility-consent">{t("facilities.filter.importConsent")}</label>
        <select
          id="facility-consent"
          name="holdsImportConsent"
          defaultValue={params.get("holdsImportConsent") ?? ""}
          aria-invalid={errors.holdsImportConsent ? true : undefined}
        >
          <option value="">{t("facilities.filter.any")}</option>
          <option value="true">{t("facilities.filter.holdsConsent")}</option>
          <option value="false">{t("facilities.filter.noConsent")}</option>
        </select>
        {errors.holdsImportConsent ? <p className="field-error">{errors.holdsImportConsent}</p> : null}
      </div>
      <CheckboxGroup
        name="economy"
        legend={t("lots.browse.field.economy")}
        options={economies.sorted().map((e) => [e.code, e.name] as const)}
        selected={listValues(params, "economy", upper)}
        error={errors.economy}
        scroll
      />
    </>
  );
}

export function FacilityTable({ rows }: { rows: FacilityRow[] }) {
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const format = useFormat();
  return (
    <table data-testid="facility-list">
      <thead>
        <tr>
          <th>{t("facilities.table.facility")}</th>
          <th>{t("facilities.table.processes")}</th>
          <th>{t("facilities.table.accepts")}</th>
          <th>{t("facilities.table.nextCapacity")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((facility) => (
          <tr key={facility.id}>
            <td>
              <Link to={`/facilities/${facility.id}`}>{facility.name}</Link>
              <div>{economies.name(facility.economy)}</div>
              {facility.holdsImportConsent ? (
                <span className="badge">{t("facilities.table.importConsent")}</span>
              ) : null}
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
              {facility.processes.map((p) => t(`facilities.processShort.${p}`)).join(", ")}
            </td>
            <td>
              {facility.acceptedChemistries.length === CHEMISTRIES.length
                ? t("facilities.table.allChemistries")
                : facility.acceptedChemistries.map((c) => chemistryShortLabel(t, c)).join(", ")}
              <div>{facility.acceptedForms.map((f) => t(`lots.form.${f}`)).join(", ")}</div>
            </td>
            <td>
              {facility.nextCapacity ? (
                <>
                  {t("facilities.table.freeIn", {
                    tonnes: format.tonnes(facility.nextCapacity.freeTonnes),
                    month: format.month(facility.nextCapacity.month),
                  })}
                  <div>
                    {t(
                      facility.nextCapacity.priceKind === "payable"
                        ? "facilities.table.pricePayable"
                        : "facilities.table.priceGateFee",
                      { price: format.money(facility.nextCapacity.pricePerTonne) },
                    )}
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
