import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_TIME_ZONE } from "~/domain/time-zone.ts";

/**
 * The viewer's time zone as the server read it (root loader, app/utils/time-zone.server.ts): the
 * same on the server and in the first client render, so a time formatted with it hydrates cleanly.
 */
export function useTimeZone(): string {
  const root = useRouteLoaderData("root") as { timeZone?: string } | undefined;
  return root?.timeZone ?? DEFAULT_TIME_ZONE;
}

/**
 * Sets the `tz` cookie to the browser's zone when it is missing or different: inlined in <head>
 * (root.tsx), before anything else runs, so the next request carries it. A year, this site only.
 */
export const TIME_ZONE_COOKIE_SCRIPT = `(function(){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(!z)return;var v=encodeURIComponent(z);if(document.cookie.split("; ").indexOf("tz="+v)<0)document.cookie="tz="+v+"; path=/; max-age=31536000; samesite=lax"}catch(e){}})();`;
