import { DEFAULT_TIME_ZONE, isTimeZone } from "~/domain/time-zone.ts";

/**
 * The viewer's time zone (ADR 040): the `tz` cookie that root.tsx's tiny script sets from the
 * browser's own zone (Intl), so the server renders times in the zone the browser shows and the
 * first client render agrees. Without it (the very first page, no JavaScript) a user's stored zone
 * (User.timeZone, the cookie's last value) stands in, else UTC; every time says which zone it is in.
 */
export const TIME_ZONE_COOKIE = "tz";

export function viewerTimeZone(request: Request, stored?: string | null): string {
  return cookieTimeZone(request) ?? (isTimeZone(stored) ? stored : DEFAULT_TIME_ZONE);
}

/** The zone the browser reported in its `tz` cookie, or null without a valid one. */
export function cookieTimeZone(request: Request): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== TIME_ZONE_COOKIE) continue;
    try {
      const zone = decodeURIComponent(rest.join("="));
      if (isTimeZone(zone)) return zone;
    } catch {
      // A malformed cookie is ignored like a missing one.
    }
  }
  return null;
}

/**
 * A zone a form says it was filled in (its hidden `timeZone` field: the zone its label named), else
 * the viewer's: a close time is read in the zone the person saw, even if the cookie changed since.
 */
export function formTimeZone(form: FormData, request: Request): string {
  const stated = form.get("timeZone");
  return isTimeZone(stated) ? stated : viewerTimeZone(request);
}
