import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Trans } from "react-i18next";
import { CHEMISTRIES } from "~/domain/codes.ts";
import { FAMILIES, FAMILY_OF, REGION_OF, REGIONS } from "~/domain/price-index/cells.ts";
import {
  MAX_PARTICIPANT_SHARE_BP,
  METHODOLOGY_VERSION,
  MIN_BUYERS,
  MIN_DEALS,
  MIN_SELLERS,
  OUTLIER_MADS,
  ROLL_WEEKS,
} from "~/domain/price-index/methodology.ts";
import { chemistryShortLabel } from "~/i18n/chemistry-label.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { useEconomyNames } from "~/i18n/use-economy-names.ts";
import { useTranslation } from "~/i18n/use-translation.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "priceIndex.methodology.title") },
];

/**
 * /insights/price-index/methodology (public): the rules, from the constants the index is computed
 * with. The prose is the catalogue's (priceIndex.methodology.*), the figures these constants.
 */
export default function PriceIndexMethodology() {
  const { t } = useTranslation();
  const economies = useEconomyNames();
  const m = (key: string) => `priceIndex.methodology.${key}`;
  return (
    <div className="stack prose" data-testid="price-index-methodology">
      <h1>{t(m("heading"))}</h1>
      <p>
        <Trans
          i18nKey={m("version")}
          values={{ version: METHODOLOGY_VERSION }}
          components={{ strong: <strong />, index: <Link to="/insights/price-index" /> }}
        />
      </p>
      <h2>{t(m("counts.title"))}</h2>
      <p>{t(m("counts.text"))}</p>
      <h2>{t(m("cells.title"))}</h2>
      <p>{t(m("cells.text"))}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t(m("cells.family"))}</th>
            <th scope="col">{t(m("cells.chemistries"))}</th>
          </tr>
        </thead>
        <tbody>
          {FAMILIES.map((family) => (
            <tr key={family}>
              <td>{t(`priceIndex.family.${family}`)}</td>
              <td>
                {CHEMISTRIES.filter((c) => FAMILY_OF[c] === family)
                  .map((c) => chemistryShortLabel(t, c))
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <thead>
          <tr>
            <th scope="col">{t(m("cells.region"))}</th>
            <th scope="col">{t(m("cells.economies"))}</th>
          </tr>
        </thead>
        <tbody>
          {REGIONS.map((region) => (
            <tr key={region}>
              <td>{t(`priceIndex.region.${region}`)}</td>
              <td>
                {economies
                  .sorted()
                  .filter((e) => REGION_OF[e.code] === region)
                  .map((e) => e.name)
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t(m("basis.title"))}</h2>
      <ul>
        <li>{t(m("basis.batteries"))}</li>
        <li>{t(m("basis.blackMass"))}</li>
        <li>{t(m("basis.currencies"))}</li>
        <li>{t(m("basis.provisional"))}</li>
      </ul>
      <h2>{t(m("outliers.title"))}</h2>
      <p>{t(m("outliers.text"), { mads: OUTLIER_MADS })}</p>
      <h2>{t(m("publication.title"))}</h2>
      <ol>
        <li>{t(m("publication.deals"), { deals: MIN_DEALS, sellers: MIN_SELLERS, buyers: MIN_BUYERS })}</li>
        <li>{t(m("publication.share"), { share: MAX_PARTICIPANT_SHARE_BP / 100 })}</li>
        <li>{t(m("publication.leaveOneOut"))}</li>
        <li>{t(m("publication.rounding"))}</li>
      </ol>
      <p>
        <Trans i18nKey={m("publication.rolled")} values={{ weeks: ROLL_WEEKS }} components={{ em: <em /> }} />
      </p>
      <h2>{t(m("freshness.title"))}</h2>
      <p>{t(m("freshness.text"))}</p>
    </div>
  );
}
