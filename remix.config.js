// The single source of the Remix options. vite.config.ts imports this object and hands it to the
// Remix Vite plugin (the plugin does not read this file by itself); app/routes.ts reads
// `ignoredRouteFiles` from here too, so every option below changes the build.

/** @type {import("@remix-run/dev").VitePluginConfig} */
export default {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  // Files inside app/routes that are not routes: tests, styles and helpers kept beside a route.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/*.css", "**/*.server.ts", "**/*.client.tsx"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};
