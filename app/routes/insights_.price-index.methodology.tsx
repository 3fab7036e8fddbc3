import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { CHEMISTRIES, CHEMISTRY_SHORT_LABELS } from "~/domain/codes.ts";
import { ECONOMIES } from "~/domain/economies.ts";
import {
  FAMILIES,
  FAMILY_LABELS,
  FAMILY_OF,
  REGION_LABELS,
  REGION_OF,
  REGIONS,
} from "~/domain/price-index/cells.ts";
import {
  MAX_PARTICIPANT_SHARE_BP,
  METHODOLOGY_VERSION,
  MIN_BUYERS,
  MIN_DEALS,
  MIN_SELLERS,
  OUTLIER_MADS,
  ROLL_WEEKS,
} from "~/domain/price-index/methodology.ts";

export const meta: MetaFunction = () => [{ title: "Price index methodology · Packloop" }];

/** /insights/price-index/methodology (public): the rules, from the constants the index is computed with. */
export default function PriceIndexMethodology() {
  return (
    <div className="stack prose" data-testid="price-index-methodology">
      <h1>How the price index is made</h1>
      <p>
        Methodology version <strong>{METHODOLOGY_VERSION}</strong>. Every value carries the version it was
        computed under; a change of method is a new version, and values it changes are listed as corrections
        on the <Link to="/insights/price-index">index page</Link>.
      </p>
      <h2>What counts</h2>
      <p>
        Deals on Packloop that the payer has paid (funded, in transit, received, released, in final assessment
        or settled). Deals awaiting payment, lapsed, cancelled, refunded or under dispute do not count;
        production scrap is not indexed. A deal falls in the ISO week (Monday to Sunday, UTC) in which its
        price was agreed.
      </p>
      <h2>Cells</h2>
      <p>Chemistry family × form (packs, modules and cells together; black mass) × region × week.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Family</th>
            <th scope="col">Chemistries</th>
          </tr>
        </thead>
        <tbody>
          {FAMILIES.map((family) => (
            <tr key={family}>
              <td>{FAMILY_LABELS[family]}</td>
              <td>
                {CHEMISTRIES.filter((c) => FAMILY_OF[c] === family)
                  .map((c) => CHEMISTRY_SHORT_LABELS[c])
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col">Economies (where the lot was sold from)</th>
          </tr>
        </thead>
        <tbody>
          {REGIONS.map((region) => (
            <tr key={region}>
              <td>{REGION_LABELS[region]}</td>
              <td>
                {ECONOMIES.filter((e) => REGION_OF[e.code] === region)
                  .map((e) => e.shortName)
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>One basis for every deal</h2>
      <ul>
        <li>
          Batteries: US dollars per tonne at the seller's location. A payable counts as positive, a gate fee
          the seller pays as negative. On delivered (DAP) terms the freight and dangerous-goods cost of the
          route Packloop planned for the deal is subtracted per tonne; collected (EXW) prices are already at
          the seller's location.
        </li>
        <li>
          Black mass: that value as a percentage of the reference value of the nickel, cobalt and lithium in a
          tonne (lithium as lithium carbonate), at the reference metal prices in force at the end of the week
          — from the assay once the deal settled on one, else from the chemistry's typical content.
        </li>
        <li>
          Amounts in other currencies are converted at the exchange rates in force on the week's Sunday (the
          dated table admins keep; the Federal Reserve G.5 and central-bank rates otherwise).
        </li>
        <li>
          Provisional values use the contracted price and weight; when a deal settles, its final weight or
          assay value replaces them and the value is marked final once every deal behind it has settled.
        </li>
      </ul>
      <h2>Outliers</h2>
      <p>
        Within a cell-week, a deal further from the median than {OUTLIER_MADS} × 1.4826 × the median absolute
        deviation (never less than one rounding step) is dropped, once there are at least 3 deals. Dropped
        deals are logged for Packloop's administrators.
      </p>
      <h2>Publication</h2>
      <ol>
        <li>
          At least {MIN_DEALS} deals from at least {MIN_SELLERS} sellers and {MIN_BUYERS} buyers remain after
          outliers.
        </li>
        <li>
          No seller and no buyer holds more than {MAX_PARTICIPANT_SHARE_BP / 100} % of the cell's tonnes.
        </li>
        <li>
          Taking out any one participant's deals moves the value by at most half a rounding step, so no
          published value can be traced to one organisation.
        </li>
        <li>
          The value is the tonne-weighted mean, rounded to USD 50 per tonne for batteries and to one
          percentage point for black mass.
        </li>
      </ol>
      <p>
        A cell that fails shows its last published value, marked <em>rolled</em>, for up to {ROLL_WEEKS}{" "}
        weeks, then "insufficient data". The index never shows a deal, an organisation or either's identifier.
      </p>
      <h2>Freshness and corrections</h2>
      <p>
        The index is recomputed within five minutes of a deal being paid, settled, disputed or cancelled, and
        over the last year when exchange rates or reference prices are entered. A published value that changes
        is listed with its old and new value, the reason and the date.
      </p>
    </div>
  );
}
