import { timingSafeEqual } from "node:crypto";
import type express from "express";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { getDatabase } from "./db.server.ts";

/**
 * /metrics in the Prometheus text format (prom-client): request latency by route id, the size of
 * bid groups (ADR 014), the lag of the payments and email outboxes and of unprocessed webhooks,
 * open live-event streams, database pool use, and Node's own process metrics (memory, event loop,
 * GC). One registry per process, kept on globalThis: the server's modules and the Remix build's
 * copy of this module (bids, event streams) must count into the same one (ADR 028 on the two copies).
 *
 * Who may read it (ADR 033): a scraper with `Authorization: Bearer <METRICS_TOKEN>`, or a platform
 * administrator's session. A wrong bearer token is 401; anyone else gets 404, as for a page that
 * does not exist — the endpoint tells visitors nothing about the server.
 */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<"route" | "method" | "status">;
  bidGroupSize: Histogram;
  liveStreams: Gauge;
}

const holder = globalThis as { packloopMetrics?: Metrics };

export function metrics(): Metrics {
  holder.packloopMetrics ??= createMetrics();
  return holder.packloopMetrics;
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to answer an HTTP request, by Remix route id (not the raw URL), method and status class",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const bidGroupSize = new Histogram({
    name: "bid_group_size",
    help: "Bids on one lot written in one transaction (group commit, ADR 014)",
    buckets: [1, 2, 5, 10, 20, 50, 100, 200],
    registers: [registry],
  });
  const liveStreams = new Gauge({
    name: "sse_clients",
    help: "Open Server-Sent Events streams (live lot and shipment pages)",
    registers: [registry],
  });
  new Gauge({
    name: "outbox_lag_seconds",
    help: "Age of the oldest work waiting in an outbox (payments: Stripe commands due; email: unsent mail), 0 when empty",
    labelNames: ["outbox"] as const,
    registers: [registry],
    async collect() {
      const [row] = await getDatabase().prisma.$queryRawUnsafe<{ payments: number; email: number }[]>(
        `SELECT
           (SELECT coalesce(extract(epoch FROM now() - min("nextAttemptAt")), 0)::float8 FROM "PaymentCommand"
             WHERE status = 'pending' AND "nextAttemptAt" <= now()) AS payments,
           (SELECT coalesce(extract(epoch FROM now() - min("createdAt")), 0)::float8 FROM "OutboxEmail"
             WHERE status = 'pending') AS email`,
      );
      this.set({ outbox: "payments" }, Math.max(0, row?.payments ?? 0));
      this.set({ outbox: "email" }, Math.max(0, row?.email ?? 0));
    },
  });
  new Gauge({
    name: "webhook_lag_seconds",
    help: "Age of the oldest received Stripe webhook event not yet processed, 0 when none waits",
    registers: [registry],
    async collect() {
      const [row] = await getDatabase().prisma.$queryRawUnsafe<{ lag: number }[]>(
        `SELECT coalesce(extract(epoch FROM now() - min("receivedAt")), 0)::float8 AS lag FROM "WebhookEvent" WHERE "processedAt" IS NULL`,
      );
      this.set(Math.max(0, row?.lag ?? 0));
    },
  });
  new Gauge({
    name: "db_pool_connections",
    help: "Database connections by state: in use, idle, requests waiting for one, and the pool's maximum (PGlite: one connection)",
    labelNames: ["state"] as const,
    registers: [registry],
    collect() {
      const use = getDatabase().poolUse();
      for (const [state, value] of Object.entries(use)) this.set({ state }, value);
    },
  });
  return { registry, requestDuration, bidGroupSize, liveStreams };
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Observes every request's time under the route id `routeOf` names (bounded labels only). */
export function requestMetrics(routeOf: (path: string) => string): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics().requestDuration.observe(
        {
          route: routeOf(req.path),
          method: METHODS.has(req.method) ? req.method : "other",
          status: `${Math.floor(res.statusCode / 100)}xx`,
        },
        seconds,
      );
    });
    next();
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics: METRICS_TOKEN as a bearer token, or a platform administrator's session. */
export function metricsEndpoint(options: {
  token: string | undefined;
  isPlatformAdmin: (req: express.Request) => Promise<boolean>;
}): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.get("Authorization") ?? "")?.[1];
      if (bearer !== undefined) {
        if (!options.token || !sameSecret(bearer, options.token)) {
          res
            .status(401)
            .set("WWW-Authenticate", 'Bearer realm="metrics"')
            .type("text/plain")
            .send("Unauthorized\n");
          return;
        }
      } else if (!(await options.isPlatformAdmin(req))) {
        res.status(404).type("text/plain").send("Not Found\n");
        return;
      }
      const { registry } = metrics();
      res.set("Content-Type", registry.contentType).set("Cache-Control", "no-store");
      res.send(await registry.metrics());
    } catch (error) {
      next(error);
    }
  };
}
