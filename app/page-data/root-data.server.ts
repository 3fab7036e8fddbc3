import { getActor } from "~/auth/actor.server.ts";
import { mapTilesFromEnv } from "~/components/map/tiles.server.ts";
import { catalogueUrl, requestLanguage } from "~/i18n/i18n.server.ts";
import { displayFor } from "~/models/display-currency.server.ts";
import { rememberTimeZone } from "~/models/user.server.ts";
import { headerViewer } from "~/models/viewer.server.ts";
import { requestMemo } from "~/utils/request-memo.server.ts";
import { cookieTimeZone, viewerTimeZone } from "~/utils/time-zone.server.ts";
import { hole } from "~/utils/viewer-holes.server.ts";

export interface RootDataOptions {
  /**
   * A render shared among members (ADR 072): the member's name, email and organisation's name are
   * holes the page cache fills in per answer; everything else here is the same for every member who
   * shares the render, and the cache's key is made of it.
   */
  holes?: boolean;
}

/**
 * What every page's frame shows (the root loader's data): who is looking and the bell, the page's
 * language and catalogue, the viewer's time zone, the display currency and the map's base layer.
 * Read once per page request (the page cache's key for members reads it before the render).
 */
export function rootData(request: Request, options: RootDataOptions = {}) {
  return requestMemo(`root data ${options.holes === true}`, () => readRootData(request, options));
}

async function readRootData(request: Request, { holes = false }: RootDataOptions) {
  const actor = await getActor(request);
  const viewer = actor
    ? await headerViewer({
        userId: actor.userId,
        name: holes ? hole("name") : actor.user.name,
        email: holes ? hole("email") : actor.user.email,
        isPlatformAdmin: actor.isPlatformAdmin,
        organizationName: actor.organization
          ? holes
            ? hole("organizationName")
            : actor.organization.name
          : null,
        capabilities: actor.capabilities,
      })
    : null;
  // The page's language and where its catalogue is: the browser fetches that one catalogue (cached
  // for a year) before hydrating and translates with exactly what the server rendered with (ADR 062).
  const language = requestLanguage(request, actor?.user?.language);
  // timeZone: the viewer's zone (ADR 040), for times rendered alike on the server and the client;
  // a user's is kept for its notifications and emails.
  const reported = cookieTimeZone(request);
  if (actor?.user && reported) await rememberTimeZone(actor.user, reported);
  const timeZone = viewerTimeZone(request, actor?.user?.timeZone);
  // The location picker opens on the viewer's organisation's economy (ADR 039).
  const organizationEconomy = actor?.organization?.economyCode ?? null;
  // The organisation's display currency and the dated rates to convert into it (ADR 051).
  const display = await displayFor(actor?.organization ?? null);
  return {
    display,
    viewer,
    // Every map on every page uses the same base layer (null = the bundled world map).
    mapTiles: mapTilesFromEnv(),
    timeZone,
    organizationEconomy,
    language,
    catalogueUrl: catalogueUrl(language),
  };
}
