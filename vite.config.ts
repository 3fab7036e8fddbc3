/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

// Under vitest, modules named *.client.* are empty, as Remix makes them on the server: route and
// component tests render on Node, where Leaflet (which touches window at import) cannot load.
const clientModulesAreEmptyOnServer: Plugin = {
  name: "packloop:client-modules-empty-in-tests",
  enforce: "pre",
  load(id) {
    return /\.client\.[jt]sx?$/.test(id.split("?")[0]) ? "export {};" : undefined;
  },
};

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022" },
  // The Remix plugin stays out of vitest runs: tests import modules directly.
  plugins: [process.env.VITEST ? clientModulesAreEmptyOnServer : remix(remixConfig), tsconfigPaths()],
  test: {
    reporters: ["default", "./tests/setup/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration:pglite",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          env: { TEST_DB_KIND: "pglite", DATABASE_URL: "memory://" },
          setupFiles: ["tests/setup/database.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(onPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: "integration:postgres",
                include: ["tests/integration/**/*.test.{ts,tsx}"],
                env: { TEST_DB_KIND: "postgres" },
                globalSetup: ["tests/setup/postgres-template.ts"],
                setupFiles: ["tests/setup/database.ts"],
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
