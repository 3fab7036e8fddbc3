import { RECYCLING_PROCESSES } from "~/domain/codes.ts";
import {
  CHEMISTRY_FAMILIES,
  CHEMISTRY_FAMILY_STYLE,
  facilitySymbolSvg,
  PROCESS_SHAPE_LABELS,
} from "./symbols.ts";

/** What the map's symbols mean. Plain HTML, so it renders on the server and reads as a list. */
export function MapLegend({ show }: { show: ("lots" | "facilities")[] }) {
  return (
    <section className="pl-map-legend" aria-label="Map legend">
      {show.includes("lots") ? (
        <div>
          <strong>Lots by chemistry</strong>
          <ul>
            {CHEMISTRY_FAMILIES.map((family) => (
              <li key={family}>
                <span
                  className="pl-legend-dot"
                  style={{ background: CHEMISTRY_FAMILY_STYLE[family].colour }}
                  aria-hidden="true"
                />
                {CHEMISTRY_FAMILY_STYLE[family].label}
              </li>
            ))}
            <li>
              <span className="pl-legend-cluster" aria-hidden="true">
                12
              </span>
              Group of nearby lots (click to zoom; colours show the mix)
            </li>
          </ul>
        </div>
      ) : null}
      {show.includes("facilities") ? (
        <div>
          <strong>Facilities by main process</strong>
          <ul>
            {RECYCLING_PROCESSES.map((process) => (
              <li key={process}>
                <span
                  className="pl-legend-shape"
                  // The same inline SVG the markers use, built from constants only.
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: static markup from symbols.ts
                  dangerouslySetInnerHTML={{ __html: facilitySymbolSvg(process, 16) }}
                />
                {PROCESS_SHAPE_LABELS[process]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
