// Time left before a sale closes, as the bid panel and "Lots you can take" show it.

/** The parts of time left before a close: 2 d 3 h, 2 h 05 min, 4 min 09 s. */
export function timeLeftParts(
  closesAt: string,
  now: Date,
): { unit: "days" | "hours" | "minutes"; d: number; h: number; m: string | number; s: string } {
  const seconds = Math.max(0, Math.floor((Date.parse(closesAt) - now.getTime()) / 1000));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  if (d > 0) return { unit: "days", d, h, m, s };
  if (h > 0) return { unit: "hours", d, h, m: String(m).padStart(2, "0"), s };
  return { unit: "minutes", d, h, m, s };
}

/** Time left before a close in the page's language ("2 d 4 h"); in English without a `t`. */
export function timeLeft(
  closesAt: string,
  now: Date,
  t?: (key: string, values: Record<string, string | number>) => string,
): string {
  const { unit, d, h, m, s } = timeLeftParts(closesAt, now);
  if (t) return t(`bidPanel.duration.${unit}`, { d, h, m, s });
  if (unit === "days") return `${d} d ${h} h`;
  if (unit === "hours") return `${h} h ${m} min`;
  return `${m} min ${s} s`;
}
