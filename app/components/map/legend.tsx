import { RECYCLING_PROCESSES } from "~/domain/codes.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { CHEMISTRY_FAMILIES, CHEMISTRY_FAMILY_STYLE, facilitySymbolSvg } from "./symbols.ts";

/** What the map's symbols mean. Plain HTML, so it renders on the server and reads as a list. */
export function MapLegend({ show }: { show: ("lots" | "facilities")[] }) {
  const { t } = useTranslation();
  return (
    <section className="pl-map-legend" aria-label={t("lots.legend.label")}>
      {show.includes("lots") ? (
        <div>
          <strong>{t("lots.legend.lotsByChemistry")}</strong>
          <ul>
            {CHEMISTRY_FAMILIES.map((family) => (
              <li key={family}>
                <span
                  className="pl-legend-dot"
                  style={{ background: CHEMISTRY_FAMILY_STYLE[family].colour }}
                  aria-hidden="true"
                />
                {t(`lots.legend.family.${family}`)}
              </li>
            ))}
            <li>
              <span className="pl-legend-cluster" aria-hidden="true">
                12
              </span>
              {t("lots.legend.cluster")}
            </li>
          </ul>
        </div>
      ) : null}
      {show.includes("facilities") ? (
        <div>
          <strong>{t("lots.legend.facilitiesByProcess")}</strong>
          <ul>
            {RECYCLING_PROCESSES.map((process) => (
              <li key={process}>
                <span
                  className="pl-legend-shape"
                  // The same inline SVG the markers use, built from constants only.
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: static markup from symbols.ts
                  dangerouslySetInnerHTML={{ __html: facilitySymbolSvg(process, 16) }}
                />
                {t(`facilities.processShort.${process}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
