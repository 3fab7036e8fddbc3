/**
 * How flow maps draw a flow, shared by the map (a client-only module) and the /plan legend, which
 * renders on the server: the legend's colours are the arcs' own.
 */
export const CROSS_BORDER_COLOUR = "#b4462b";
export const DOMESTIC_COLOUR = "#2f6f4f";
/** The flow whose figures the page shows. */
export const SELECTED_FLOW_COLOUR = "#14202b";
