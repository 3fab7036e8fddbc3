// PostgreSQL going away and coming back. The app reaches the test database through a small TCP
// proxy that the test can cut: while it is down, Prisma queries throw a 503 Response (the
// availability guard in db.server.ts) and /healthz answers 503, the process keeps running, and
// once the proxy is back the same Database serves queries again without a restart.
// PGlite runs in-process and cannot become unreachable, so this file runs on PostgreSQL only.
import type { Server } from "node:http";
import { type AddressInfo, connect, createServer, type Server as NetServer, type Socket } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Database, openDatabase } from "~/utils/db.server.ts";
import { readEnv } from "~/utils/env.server.ts";
import { createApp } from "~/utils/express-app.server.ts";

/** A TCP proxy to host:port that can be stopped (every connection cut) and started again. */
class CuttableProxy {
  private server: NetServer | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  connections = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = this.port): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      this.connections += 1;
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail, but it succeeded");
}

describe.runIf(process.env.TEST_DB_KIND === "postgres")("when PostgreSQL becomes unreachable", () => {
  let proxy: CuttableProxy;
  let database: Database;
  let http: Server;
  let base: string;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    process.on("uncaughtException", onUncaught);
    process.on("unhandledRejection", onUncaught);
    // DATABASE_URL is this file's own clone of the migrated template (tests/setup/database.ts).
    const direct = new URL(process.env.DATABASE_URL!);
    proxy = new CuttableProxy(direct.hostname, Number(direct.port || 5432));
    await proxy.start(0);
    const viaProxy = new URL(direct);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    database = openDatabase({ kind: "postgres", connectionString: viaProxy.toString() });

    const app = createApp({
      env: readEnv({ NODE_ENV: "production", LOG_LEVEL: "silent", RATE_LIMIT_DISABLED: "true" }),
      logger: pino({ level: "silent" }),
      database: () => database,
      // /healthz answers before the Remix handler, which loads its build only on a request.
      build: () => Promise.reject(new Error("the Remix build is not used by these tests")),
    });
    http = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    http?.closeAllConnections();
    await new Promise((resolve) => http?.close(resolve));
    await proxy?.start().catch(() => {});
    await database?.close().catch(() => {});
    await proxy?.stop();
    process.off("uncaughtException", onUncaught);
    process.off("unhandledRejection", onUncaught);
  });

  test("queries work, fail with a 503 Response while the database is unreachable, and work again after", async () => {
    // Up: several queries at once, so the pool holds more than one open connection to cut.
    const counts = await Promise.all([
      database.prisma.economy.count(),
      database.prisma.user.count(),
      database.prisma.session.count(),
    ]);
    expect(counts).toEqual([0, 0, 0]);
    expect(proxy.connections).toBeGreaterThan(0);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "postgres" });

    // Down: every open connection is cut and nothing listens on the port.
    await proxy.stop();
    for (const query of [
      () => database.prisma.user.count(),
      () => database.prisma.user.findMany({ take: 1 }),
      () =>
        database.prisma.economy.create({
          data: {
            code: "AU",
            name: "Australia",
            portName: "Melbourne",
            portLat: -37.83,
            portLng: 144.92,
            baselParty: true,
            oecdMember: true,
            currency: "AUD",
          },
        }),
    ]) {
      const error = await caught(query());
      expect(error).toBeInstanceOf(Response);
      const response = error as Response;
      expect(response.status).toBe(503);
      expect(await response.text()).toMatch(/database is unavailable/i);
    }
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", database: "postgres" });
    // Raw connections fail too, and the failure is a driver error, not a crash.
    await expect(database.withConnection((sql) => sql.query("SELECT 1"))).rejects.toThrow();

    // Back: same port, same Database object, no restart.
    await proxy.start();
    await expect(database.prisma.user.count()).resolves.toBe(0);
    const created = await database.prisma.economy.create({
      data: {
        code: "NZ",
        name: "New Zealand",
        portName: "Auckland",
        portLat: -36.84,
        portLng: 174.77,
        baselParty: true,
        oecdMember: true,
        currency: "NZD",
      },
    });
    expect(created.code).toBe("NZ");
    // The insert attempted while the database was down never happened.
    expect(await database.prisma.economy.count({ where: { code: "AU" } })).toBe(0);
    const up = await fetch(`${base}/healthz`);
    expect(up.status).toBe(200);

    // The process survived the cut connections without an uncaught error.
    expect(uncaught).toEqual([]);
  });

  test("a query whose connection is cut while it runs fails with a 503 Response, and the next one works", async () => {
    await proxy.start();
    await expect(database.prisma.user.count()).resolves.toBe(0);
    const slow = database.prisma.$queryRaw`SELECT pg_sleep(2)`;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.stop();
    const error = await caught(slow);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(503);
    await proxy.start();
    await expect(database.prisma.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
    expect(uncaught).toEqual([]);
  });
});
