// Reads kept between writes (ADR 070): a session's actor and the header's unread count, on the
// embedded database, served again while nothing was written and read again after any write — a
// revoked session, a membership ended, a new notice — or once the session is due its touch; on
// PostgreSQL (other instances write unseen) only within a request that has read the database's
// version (a member's shared page, ADR 072), under that reading.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getActor } from "~/auth/actor.server.ts";
import { headerViewer } from "~/models/viewer.server.ts";
import { betweenWrites } from "~/utils/between-writes.server.ts";
import { requestVersion } from "~/utils/data-version.server.ts";
import { db, getDatabase } from "~/utils/db.server.ts";
import { withRequestMemo } from "~/utils/request-memo.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

const embedded = process.env.TEST_DB_KIND !== "postgres";
const requestWith = (cookie: string) => new Request("http://localhost/lots", { headers: { Cookie: cookie } });

async function member() {
  await insertEconomies(db());
  return accountWith(["buyer"]);
}

describe.runIf(embedded)("on the embedded database", () => {
  it("loads once while nothing is written, again after a write, and never keeps what a writing load read", async () => {
    const kept = betweenWrites<{ n: number }>({ until: () => Number.POSITIVE_INFINITY, maxEntries: 10 });
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await kept.get("k", load)).toEqual({ n: 1 });
    expect(await kept.get("k", load)).toEqual({ n: 1 });
    expect(loads).toBe(1);

    await db().economy.updateMany({ where: { code: "XX-none" }, data: { name: "nothing" } });
    expect(await kept.get("k", load)).toEqual({ n: 2 });

    // A load that writes (a session's touch) is not kept: the next get loads again.
    const writingLoad = async () => {
      await db().economy.updateMany({ where: { code: "XX-none" }, data: { name: "nothing" } });
      return { n: ++loads };
    };
    expect(await kept.get("w", writingLoad)).toEqual({ n: 3 });
    expect(await kept.get("w", load)).toEqual({ n: 4 });
    expect(await kept.get("w", load)).toEqual({ n: 4 });
  });

  it("loads again once `until` has passed, and freezes what it keeps", async () => {
    let clock = 1_000;
    const kept = betweenWrites<{ list: number[] }>({ until: () => 2_000, maxEntries: 10, now: () => clock });
    let loads = 0;
    const load = async () => ({ list: [++loads] });
    const first = await kept.get("k", load);
    expect(await kept.get("k", load)).toBe(first);
    expect(() => first?.list.push(9)).toThrow(TypeError);
    clock = 2_000;
    expect(await kept.get("k", load)).toEqual({ list: [2] });
  });

  it("keeps no more than maxEntries values", async () => {
    const kept = betweenWrites<{ key: string }>({ until: () => Number.POSITIVE_INFINITY, maxEntries: 2 });
    let loads = 0;
    const load = (key: string) => async () => {
      loads++;
      return { key };
    };
    for (const key of ["a", "b", "c"]) await kept.get(key, load(key));
    expect(loads).toBe(3);
    await kept.get("c", load("c"));
    await kept.get("b", load("b"));
    expect(loads).toBe(3);
    await kept.get("a", load("a"));
    expect(loads).toBe(4);
  });

  it("serves a session's actor between writes and sees a revoked session on the next request", async () => {
    const account = await member();
    const first = await getActor(requestWith(account.cookie));
    const second = await getActor(requestWith(account.cookie));
    expect(second?.userId).toBe(account.userId);
    expect(second).toBe(first);

    await db().session.updateMany({ where: { userId: account.userId }, data: { revokedAt: new Date() } });
    expect(await getActor(requestWith(account.cookie))).toBeNull();
  });

  it("sees a membership ended and a capability added on the next request", async () => {
    const account = await member();
    expect((await getActor(requestWith(account.cookie)))?.capabilities).toEqual(["buyer"]);
    await db().organization.update({
      where: { id: account.organizationId },
      data: { capabilities: ["buyer", "seller"] },
    });
    expect((await getActor(requestWith(account.cookie)))?.capabilities).toEqual(["buyer", "seller"]);
    await db().membership.deleteMany({ where: { userId: account.userId } });
    const actor = await getActor(requestWith(account.cookie));
    expect(actor?.organizationId).toBeNull();
    expect(actor?.capabilities).toEqual([]);
  });

  it("reads the session again when it is due its hourly touch or has expired", async () => {
    const account = await member();
    expect(await getActor(requestWith(account.cookie))).not.toBeNull();
    // Changed under the kept actor without a write the counter sees would be a test of nothing:
    // these are writes, and the next request must read the new times.
    const hourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await db().session.updateMany({ where: { userId: account.userId }, data: { lastSeenAt: hourAgo } });
    expect(await getActor(requestWith(account.cookie))).not.toBeNull();
    // Read again, so touched: the session's lastSeenAt moved on.
    const [stored] = await db().session.findMany({ where: { userId: account.userId } });
    expect(stored.lastSeenAt.getTime()).toBeGreaterThan(hourAgo.getTime());
    await db().session.updateMany({
      where: { userId: account.userId },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await getActor(requestWith(account.cookie))).toBeNull();
  });

  it("counts a new unread notice on the next header", async () => {
    const account = await member();
    const person = {
      userId: account.userId,
      name: "Tester",
      email: "t@example.com",
      isPlatformAdmin: false,
      organizationName: null,
      capabilities: [],
    };
    const before = (await headerViewer(person)).unreadNotifications;
    expect((await headerViewer(person)).unreadNotifications).toBe(before);
    await db().notification.create({
      data: {
        userId: account.userId,
        kind: "outbid",
        title: "Outbid",
        body: "Someone bid more.",
        link: "/lots",
      },
    });
    expect((await headerViewer(person)).unreadNotifications).toBe(before + 1);
  });
});

describe.runIf(!embedded)("on PostgreSQL", () => {
  it("loads on every get of a request that has not read the version: other instances write unseen", async () => {
    const kept = betweenWrites<{ n: number }>({ until: () => Number.POSITIVE_INFINITY, maxEntries: 10 });
    let loads = 0;
    const load = async () => ({ n: ++loads });
    await kept.get("k", load);
    await kept.get("k", load);
    expect(loads).toBe(2);
    const account = await member();
    const first = await getActor(requestWith(account.cookie));
    expect(await getActor(requestWith(account.cookie))).not.toBe(first);
  });

  it("keeps a load under the version a request read (a member's shared page), and loads again after any write", async () => {
    const kept = betweenWrites<{ n: number }>({ until: () => Number.POSITIVE_INFINITY, maxEntries: 10 });
    let loads = 0;
    const load = async () => ({ n: ++loads });
    const inRequest = () =>
      withRequestMemo(async () => {
        const version = await requestVersion(getDatabase().dataVersion);
        return { version, value: await kept.get("k", load) };
      });
    // Other test files write to the same server: two requests in a row read the same version soon.
    let pair = [await inRequest(), await inRequest()];
    for (let i = 0; i < 60 && pair[0].version !== pair[1].version; i++) pair = [pair[1], await inRequest()];
    expect(pair[1].version).toBe(pair[0].version);
    expect(pair[1].value).toBe(pair[0].value);

    // A write by another connection (another instance) moves the version: the next request loads.
    const target = getDatabase().target;
    if (target.kind !== "postgres") throw new Error("PostgreSQL only");
    const other = new pg.Client({ connectionString: target.connectionString });
    await other.connect();
    try {
      await other.query(`UPDATE "Economy" SET "name" = "name" WHERE "code" = 'AU'`);
    } finally {
      await other.end();
    }
    const after = await inRequest();
    expect(after.version).not.toBe(pair[1].version);
    expect(after.value?.n).toBeGreaterThan(pair[1].value?.n ?? 0);
  });
});
