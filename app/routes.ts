import { flatRoutes } from "@remix-run/fs-routes";
import type { RouteConfig } from "@remix-run/route-config";
import remixConfig from "../remix.config.js";

// File-system routes under app/routes (Remix's flat-routes convention), ignoring the files
// remix.config.js lists as not being routes.
export default flatRoutes({ ignoredRouteFiles: remixConfig.ignoredRouteFiles }) satisfies RouteConfig;
