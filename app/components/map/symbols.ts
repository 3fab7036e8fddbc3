/**
 * What lots and facilities look like on the maps: lots are circles coloured by chemistry family
 * (what a recycler sorts by first: nickel-rich cathodes pay for cobalt and nickel, phosphates and
 * manganese-rich cathodes mostly for lithium), facilities are shapes by their main process. All
 * symbols are drawn in code (canvas circles, inline SVG), so nothing is fetched from elsewhere.
 */
import type { Chemistry, RecyclingProcess } from "~/domain/codes.ts";

export const CHEMISTRY_FAMILIES = ["nickel", "phosphate", "manganese", "cobalt", "sodium", "mixed"] as const;
export type ChemistryFamily = (typeof CHEMISTRY_FAMILIES)[number];

export const CHEMISTRY_FAMILY_OF: Readonly<Record<Chemistry, ChemistryFamily>> = {
  NMC111: "nickel",
  NMC532: "nickel",
  NMC622: "nickel",
  NMC811: "nickel",
  NCA: "nickel",
  LFP: "phosphate",
  LMFP: "phosphate",
  LMO: "manganese",
  LCO: "cobalt",
  SODIUM_ION: "sodium",
  MIXED: "mixed",
};

// Colour-blind-safe (Okabe–Ito) hues, distinguishable on the pale base map.
export const CHEMISTRY_FAMILY_STYLE: Readonly<Record<ChemistryFamily, { colour: string; label: string }>> = {
  nickel: { colour: "#0072B2", label: "Nickel-rich (NMC, NCA)" },
  phosphate: { colour: "#009E73", label: "Phosphate (LFP, LMFP)" },
  manganese: { colour: "#CC79A7", label: "Manganese (LMO)" },
  cobalt: { colour: "#D55E00", label: "Cobalt (LCO)" },
  sodium: { colour: "#E69F00", label: "Sodium-ion" },
  mixed: { colour: "#555555", label: "Mixed / unsorted" },
};

export function chemistryColour(chemistry: Chemistry): string {
  return CHEMISTRY_FAMILY_STYLE[CHEMISTRY_FAMILY_OF[chemistry]].colour;
}

/** Which process names a facility on the map when it runs several: the deepest recovery step. */
export const PROCESS_PRIORITY: readonly RecyclingProcess[] = [
  "hydrometallurgy",
  "direct_recycling",
  "pyrometallurgy",
  "mechanical",
  "second_life",
];

export function mainProcess(processes: readonly RecyclingProcess[]): RecyclingProcess | null {
  return PROCESS_PRIORITY.find((p) => processes.includes(p)) ?? null;
}

const FACILITY_COLOUR = "#14202b";

// 20×20 SVG shapes; one per process so the legend and the markers match exactly.
const SHAPES: Readonly<Record<RecyclingProcess | "other", string>> = {
  hydrometallurgy: `<path d="M10 2 C10 2 4 9 4 13 a6 6 0 0 0 12 0 C16 9 10 2 10 2Z"/>`,
  direct_recycling: `<path d="M10 2 L18 10 L10 18 L2 10Z"/>`,
  pyrometallurgy: `<path d="M10 2 L18 17 L2 17Z"/>`,
  mechanical: `<rect x="3" y="3" width="14" height="14" rx="1"/>`,
  second_life: `<path d="M10 1.5 l2.5 5.5 6 .6 -4.5 4 1.3 6 -5.3 -3.1 -5.3 3.1 1.3 -6 -4.5 -4 6 -.6Z"/>`,
  other: `<circle cx="10" cy="10" r="7"/>`,
};

export const PROCESS_SHAPE_LABELS: Readonly<Record<RecyclingProcess, string>> = {
  hydrometallurgy: "Hydrometallurgy",
  direct_recycling: "Direct recycling",
  pyrometallurgy: "Pyrometallurgy",
  mechanical: "Mechanical pre-treatment",
  second_life: "Second-life repurposing",
};

/** Inline SVG markup of a facility symbol (markers and legend share it). */
export function facilitySymbolSvg(process: RecyclingProcess | null, size = 20): string {
  const shape = SHAPES[process ?? "other"];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" width="${size}" height="${size}" fill="${FACILITY_COLOUR}" stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round" aria-hidden="true">${shape}</svg>`;
}

/** The lot pin used by pickers and detail maps: a teardrop in the brand colour. */
export function pinSvg(colour = "#0f7a5c"): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 36" width="24" height="36" aria-hidden="true"><path d="M12 1C5.9 1 1 5.9 1 12c0 8.3 11 23 11 23s11-14.7 11-23C23 5.9 18.1 1 12 1Z" fill="${colour}" stroke="#ffffff" stroke-width="2"/><circle cx="12" cy="12" r="4.5" fill="#ffffff"/></svg>`;
}
