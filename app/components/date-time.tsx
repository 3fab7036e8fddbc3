import { useCallback } from "react";
import { type DateOptions, formatDateIn } from "~/i18n/format.ts";
import { usePageLanguage } from "~/i18n/use-format.ts";
import { useTimeZone } from "~/utils/use-time-zone.ts";

/**
 * The one way a page shows a moment (issue 15 item 4; ADR 040, ADR 050): in the viewer's time zone
 * with the zone named ("8 Dec 2026, 14:05 GMT+9"), written the way the chosen language writes dates
 * (ADR 046, app/i18n/format.ts). The zone is the one the root loader read from the viewer's `tz`
 * cookie or profile, and the language the page's, so the server's HTML and the hydrated page write
 * the same text. Documents with legal weight (PDFs, certificates, dangerous-goods papers) keep
 * Gregorian UTC dates and do not use this.
 */

export type DatePrecision = NonNullable<DateOptions["precision"]>;

/** A formatter bound to the viewer's zone and language, for text that is not a lone <time>. */
export function useDateFormat(): (value: Date | string, precision?: DatePrecision) => string {
  const language = usePageLanguage();
  const timeZone = useTimeZone();
  return useCallback(
    (value: Date | string, precision: DatePrecision = "minute") =>
      formatDateIn(language, value, { timeZone, precision }),
    [language, timeZone],
  );
}

/** A moment as a <time> element: the instant in `dateTime`, the viewer's local text inside. */
export function DateTime({
  value,
  precision = "minute",
  testId,
}: {
  value: Date | string;
  precision?: DatePrecision;
  testId?: string;
}) {
  const format = useDateFormat();
  const iso = typeof value === "string" ? value : value.toISOString();
  return (
    <time dateTime={iso} data-testid={testId}>
      {format(value, precision)}
    </time>
  );
}
