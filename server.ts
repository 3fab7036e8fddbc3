// Packloop's HTTP server. `npm start` (production) and `npm run dev` (Vite middleware with hot
// reload) both run this file. Start-up order: resolve the session secret, open the database,
// migrate, seed demo data when appropriate, build if stale (production), then listen.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { getActor } from "./app/auth/actor.server.ts";
import { startSaleSweep } from "./app/models/bidding/sale-sweep.server.ts";
import { startAnchorLoop } from "./app/models/custody/anchors.server.ts";
import { startPaymentOutbox } from "./app/models/deals/payment-outbox.server.ts";
import { startInsightsLoop } from "./app/models/insights/insight-refresh.server.ts";
import { startPriceIndexLoop } from "./app/models/price-index/loop.server.ts";
import { deliverPendingEmails } from "./app/services/email.server.ts";
import { closeLotEvents } from "./app/services/lot-events.server.ts";
import { serveBackups } from "./app/utils/backup-control.server.ts";
import { acquireDataDirLock } from "./app/utils/data-dir-lock.server.ts";
import { closeDatabase, dataDirectory, getDatabase, resolveDatabaseTarget } from "./app/utils/db.server.ts";
import { readEnv } from "./app/utils/env.server.ts";
import { createApp } from "./app/utils/express-app.server.ts";
import { migrate } from "./app/utils/migrate.server.ts";
import { setListeningUrl } from "./app/utils/public-url.server.ts";
import { resolveSessionSecret } from "./app/utils/session-secret.server.ts";
import { BUILD_SERVER_ENTRY, ensureFreshBuild } from "./app/utils/startup.server.ts";
import { seedOnStart } from "./prisma/seed/on-start.ts";

const dev = process.argv.includes("--dev");
if (dev) process.env.NODE_ENV = "development";
const env = readEnv();
const logger = pino({ level: env.LOG_LEVEL, base: undefined });
const log = (line: string) => logger.info(line);

async function main() {
  const target = resolveDatabaseTarget();
  process.env.SESSION_SECRET = resolveSessionSecret(target, dataDirectory(), env.SESSION_SECRET, log);

  // The app's modules (and the Remix build's own copy of them) share this one database handle
  // through globalThis, so the embedded database is opened exactly once per process.
  const database = getDatabase();
  log(
    `database: ${target.kind === "pglite" ? `embedded PGlite (${target.dataDir ?? "in memory"})` : "PostgreSQL"}`,
  );
  await database.withConnection((sql) => migrate(sql, { log }));
  await seedOnStart(database, { target, seedDemo: env.SEED_DEMO, log });
  // `npm run db:backup` asks this process for a consistent copy of the embedded database (ADR 024).
  const stopBackups =
    target.kind === "pglite" && target.dataDir && database.dumpDataDir
      ? await serveBackups(acquireDataDirLock(target.dataDir), database.dumpDataDir, (err) =>
          logger.warn({ err }, "backup failed"),
        )
      : async () => {};

  let build: ServerBuild | (() => Promise<ServerBuild>);
  let devMiddleware: import("express").RequestHandler | undefined;
  if (dev) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    devMiddleware = viteServer.middlewares;
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    ensureFreshBuild(log);
    build = (await import(pathToFileURL(path.resolve(BUILD_SERVER_ENTRY)).href)) as ServerBuild;
  }

  // /metrics is also open to a platform administrator's session (ADR 033).
  const isPlatformAdmin = async (req: import("express").Request) => {
    const cookie = req.get("Cookie");
    if (!cookie) return false;
    const actor = await getActor(
      new Request(`http://localhost${req.originalUrl}`, { headers: { Cookie: cookie } }),
    );
    return actor?.isPlatformAdmin ?? false;
  };
  const app = createApp({ env, logger, database: getDatabase, build, devMiddleware, isPlatformAdmin });
  const server = app.listen(env.PORT, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    // Links in emails never follow a request's Host header: APP_URL, ALLOWED_HOSTS, or this address.
    setListeningUrl(`http://localhost:${port}`);
    log(`Packloop listening on http://localhost:${port}`);
    if (!env.APP_URL && target.kind !== "pglite") {
      logger.warn(`APP_URL is unset: links in emails point at http://localhost:${port}. Set APP_URL.`);
    }
  });

  const emailTimer = env.SMTP_URL
    ? setInterval(
        () => void deliverPendingEmails().catch((err) => logger.warn({ err }, "email delivery failed")),
        15_000,
      )
    : null;
  // Closes due lots, lapses unconfirmed awards and sends ending-soon notices every 5 s.
  const stopSaleSweep = startSaleSweep((err) => logger.error({ err }, "sale sweep failed"));
  // Sends the payments outbox to Stripe every 2 s (idle while STRIPE_SECRET_KEY is unset).
  const stopPaymentOutbox = startPaymentOutbox((err) => logger.error({ err }, "payments outbox failed"));
  // Publishes the day's custody anchor (/transparency/anchors) once per UTC day (ADR 021).
  const stopAnchors = startAnchorLoop((err) => logger.error({ err }, "custody anchor failed"));
  // Rebuilds the /insights aggregates when their source tables changed, checked every minute (ADR 034).
  const stopInsights = startInsightsLoop((err) => logger.error({ err }, "insights refresh failed"));
  // Recomputes the weeks of the price index that changed deals, rates or prices touch (ADR 035).
  const stopPriceIndex = startPriceIndexLoop((err) => logger.error({ err }, "price index refresh failed"));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: closing connections`);
    if (emailTimer) clearInterval(emailTimer);
    stopSaleSweep();
    stopPaymentOutbox();
    stopAnchors();
    stopInsights();
    stopPriceIndex();
    // Stop accepting connections, let in-flight requests finish, then close the database so the
    // embedded one is flushed cleanly. A hard deadline guards against hung keep-alive sockets.
    const deadline = setTimeout(() => process.exit(1), 10_000);
    deadline.unref();
    // Open event streams would keep the server from closing: end them (and the LISTEN) first.
    void closeLotEvents().catch((err) => logger.warn({ err }, "closing live lot updates failed"));
    void stopBackups().catch(() => {});
    server.close(async () => {
      await closeDatabase().catch((err) => logger.error({ err }, "closing the database failed"));
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  logger.fatal(error instanceof Error ? error.message : error);
  process.exit(1);
});
