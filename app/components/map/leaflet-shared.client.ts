import L from "leaflet";
import type { RecyclingProcess } from "~/domain/codes.ts";
import type { ReliabilityBadge } from "~/domain/reputation/reliability.ts";
import { facilitySymbolSvg, pinSvg } from "./symbols.ts";

/** The draggable pin of pickers and detail maps, drawn inline (no image URL to fetch or break). */
export function pinIcon(colour?: string): L.DivIcon {
  return L.divIcon({
    html: pinSvg(colour),
    className: "pl-pin",
    iconSize: [24, 36],
    iconAnchor: [12, 35],
    popupAnchor: [0, -30],
  });
}

export function facilityIcon(
  process: RecyclingProcess | null,
  size = 20,
  badge: ReliabilityBadge | null = null,
): L.DivIcon {
  // The reliability badge (ADR 036) is a dot on the symbol's corner; "new" facilities get none.
  const dot =
    badge && badge !== "new"
      ? `<span class="pl-reliability-dot pl-reliability-${badge}" data-badge="${badge}"></span>`
      : "";
  return L.divIcon({
    html: facilitySymbolSvg(process, size) + dot,
    className: "pl-facility-marker",
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    popupAnchor: [0, -size / 2],
  });
}

/** A popup body built from DOM nodes, so names typed by users can never become markup. */
export function popupContent(lines: { text: string; href?: string; strong?: boolean }[]): HTMLElement {
  const root = document.createElement("div");
  root.className = "pl-popup";
  for (const line of lines) {
    const p = document.createElement("div");
    const inner = line.href
      ? document.createElement("a")
      : document.createElement(line.strong ? "strong" : "span");
    inner.textContent = line.text;
    if (line.href && inner instanceof HTMLAnchorElement) inner.href = line.href;
    p.append(inner);
    root.append(p);
  }
  return root;
}
