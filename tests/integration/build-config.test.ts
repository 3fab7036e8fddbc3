// remix.config.js is the single source of the Remix options: the production build must carry
// exactly its future flags, and its routes must leave out the files it says are not routes.
import { readdirSync } from "node:fs";
import path from "node:path";
import { minimatch } from "minimatch";
import { beforeAll, describe, expect, test } from "vitest";
import remixConfig from "../../remix.config.js";
import { loadProductionBuild } from "../setup/production-build.ts";

// The build does not depend on the database; one run is enough.
describe.skipIf(process.env.TEST_DB_KIND === "postgres")(
  "the production build follows remix.config.js",
  () => {
    let build: Awaited<ReturnType<typeof loadProductionBuild>>;
    beforeAll(async () => {
      build = await loadProductionBuild();
    }, 180_000);

    test("every future flag in remix.config.js is in the build, with its value", () => {
      const flags = Object.entries(remixConfig.future ?? {});
      expect(flags).toHaveLength(6);
      for (const [flag, value] of flags) expect(build.future, flag).toHaveProperty(flag, value);
    });

    test("files matched by ignoredRouteFiles are not routes, and every other route file is", () => {
      const routesDir = path.resolve("app/routes");
      const files = readdirSync(routesDir, { recursive: true, encoding: "utf8" });
      const ignored = (file: string) =>
        (remixConfig.ignoredRouteFiles ?? []).some((glob) => minimatch(file, glob, { dot: true }));
      // Route ids are the file's path under app/ without its extension.
      const routeIds = new Set(Object.keys(build.routes));
      const candidates = files.filter((f) => /\.(tsx?|jsx?)$/.test(f));
      expect(candidates.length).toBeGreaterThan(5);
      for (const file of candidates) {
        const id = `routes/${file.replace(/\.[jt]sx?$/, "")}`;
        expect(routeIds.has(id), `${file} ${ignored(file) ? "is ignored" : "is a route"}`).toBe(
          !ignored(file),
        );
      }
    });
  },
);
