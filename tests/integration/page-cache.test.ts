// The anonymous page cache (ADRs 068, 069) in the real production server, on the embedded database
// and on PostgreSQL: a visitor's /lots and lot page served again while nothing is written, a bid or a
// new lot on the very next view, each answer with its own CSP nonce, languages and signed-in members
// apart, and event streams never held back. On PostgreSQL, a write made outside this process (another
// instance) shows on the next view too, and a write still in an open transaction shows once committed.
//
// The PostgreSQL version is the server's snapshot, moved by writes to any database on it: other test
// files writing at the same time can turn an expected hit into a miss, never the other way round, so
// where a test needs a stored page it views until one is served (`viewUntilHit`).

import type { ServerBuild } from "@remix-run/node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, getDatabase } from "~/utils/db.server.ts";
import { bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { productionApps } from "../fixtures/production-app.ts";
import { loadProductionBuild } from "../setup/production-build.ts";

const embedded = process.env.TEST_DB_KIND !== "postgres";
let build: ServerBuild;
const apps = productionApps();

const start = async (env: Record<string, string> = {}) => (await apps.start(build, env)).base;

interface Seen {
  status: number;
  cache: string | null;
  body: string;
  csp: string;
}

async function view(url: string, headers: Record<string, string> = {}): Promise<Seen> {
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    body: await response.text(),
    csp: response.headers.get("content-security-policy") ?? "",
  };
}

/** Views until the answer comes from the cache (a few tries: another test file may be writing). */
async function viewUntilHit(url: string, headers: Record<string, string> = {}): Promise<Seen> {
  let seen = await view(url, headers);
  for (let i = 0; i < 60 && seen.cache !== "hit"; i++) {
    if (i > 2) await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await view(url, headers);
  }
  return seen;
}

const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";

let base: string;
let seller: Awaited<ReturnType<typeof accountWith>>;
let buyer: Awaited<ReturnType<typeof accountWith>>;
let lotId: string;

beforeAll(async () => {
  build = await loadProductionBuild((line) => console.log(line));
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"], "KR");
  lotId = (await openLot(seller.organizationId, { title: "Cached pack lot" })).id;
  base = await start();
}, 300_000);

afterAll(() => apps.stopAll());

describe(`anonymous pages (${embedded ? "embedded database" : "PostgreSQL"})`, () => {
  it("serves a lot page again until a bid is placed, then shows the bid on the next view", async () => {
    const url = `${base}/lots/${lotId}`;
    const first = await view(url);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("miss");
    const second = await viewUntilHit(url);
    expect(second.cache).toBe("hit");
    expect(second.body).toContain("Cached pack lot");

    const before = await db().bid.count({ where: { lotId } });
    await bid(buyer, lotId, 1_200_000);
    expect(await db().bid.count({ where: { lotId } })).toBe(before + 1);
    const afterBid = await view(url);
    expect(afterBid.cache).toBe("miss");
    expect(afterBid.body).not.toBe(second.body);
    expect(afterBid.body).toMatch(/12,000\.00/);
  });

  it("gives every answer, stored or not, the request's own CSP nonce", async () => {
    const url = `${base}/lots`;
    // The previous test's bid may still be writing its notices: a few views until one is stored.
    const hit = await viewUntilHit(url);
    expect(hit.cache).toBe("hit");
    const nonce = nonceOf(hit.csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    const scripts = [...hit.body.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
    const again = await view(url);
    expect(nonceOf(again.csp)).not.toBe(nonce);
    expect(again.body).toContain(`nonce="${nonceOf(again.csp)}"`);
  });

  it("lists a new lot on the next view of /lots", async () => {
    expect((await viewUntilHit(`${base}/lots`)).cache).toBe("hit");
    await openLot(seller.organizationId, { title: "Freshly listed modules" });
    const next = await view(`${base}/lots`);
    expect(next.cache).toBe("miss");
    expect(next.body).toContain("Freshly listed modules");
  });

  it("keeps each language apart", async () => {
    const url = `${base}/lots/${lotId}`;
    const japanese = await viewUntilHit(url, { "Accept-Language": "ja" });
    expect(japanese.cache).toBe("hit");
    expect(japanese.body).toContain('lang="ja"');
    const english = await view(url, { "Accept-Language": "en" });
    expect(english.body).toContain('lang="en"');
  });

  it("keeps apart requests whose forwarded host differs (no page made for one host reaches another)", async () => {
    const url = `${base}/lots/${lotId}`;
    expect((await viewUntilHit(url, { "X-Forwarded-Host": "evil.example" })).cache).toBe("hit");
    expect((await view(url, { "X-Forwarded-Host": "packloop.example" })).cache).toBe("miss");
  });

  it("renders every view for a signed-in member, and keeps Remix's data requests apart from documents", async () => {
    const url = `${base}/lots/${lotId}`;
    for (let i = 0; i < 2; i++) {
      const member = await view(url, { Cookie: buyer.cookie });
      expect(member.status).toBe(200);
      expect(member.cache).toBeNull();
    }
    const data = `${base}/lots/${lotId}.data`;
    const dataHit = await viewUntilHit(data);
    expect(dataHit.cache).toBe("hit");
    expect(dataHit.body).not.toContain("<html");
  });

  it("serves a stored page no longer than PAGE_CACHE_SECONDS, and not at all with 0", async () => {
    const off = await start({ PAGE_CACHE_SECONDS: "0" });
    await view(`${off}/lots`);
    expect((await view(`${off}/lots`)).cache).toBeNull();

    const brief = await start({ PAGE_CACHE_SECONDS: "0.2" });
    expect((await viewUntilHit(`${brief}/lots`)).cache).toBe("hit");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await view(`${brief}/lots`)).cache).toBe("miss");
  });

  it("streams a lot's live events without holding them back", async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/lots/${lotId}/events`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(response.headers.get("x-page-cache")).toBeNull();
    controller.abort();
  });
});

describe.runIf(!embedded)("on PostgreSQL, with other instances writing", () => {
  // Another instance: its own connection, outside this process's pool and Prisma.
  async function otherInstance<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const target = getDatabase().target;
    if (target.kind !== "postgres") throw new Error("PostgreSQL only");
    const client = new pg.Client({ connectionString: target.connectionString });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it("shows a lot renamed by another instance on the next view", async () => {
    const renamed = await openLot(seller.organizationId, { title: "Pack lot before renaming" });
    const url = `${base}/lots/${renamed.id}`;
    expect((await viewUntilHit(url)).body).toContain("Pack lot before renaming");
    await otherInstance((client) =>
      client.query(`UPDATE "Lot" SET title = 'Pack lot renamed elsewhere' WHERE id = $1`, [renamed.id]),
    );
    const next = await view(url);
    expect(next.cache).toBe("miss");
    expect(next.body).toContain("Pack lot renamed elsewhere");
  });

  it("never serves a page rendered during another instance's open transaction after its commit", async () => {
    const renamed = await openLot(seller.organizationId, { title: "Pack lot in a long transaction" });
    const url = `${base}/lots/${renamed.id}`;
    await otherInstance(async (client) => {
      await client.query("BEGIN");
      await client.query(`UPDATE "Lot" SET title = 'Pack lot committed later' WHERE id = $1`, [renamed.id]);
      // While it is open, the page shows the committed title, stored or rendered.
      const during = await viewUntilHit(url);
      expect(during.cache).toBe("hit");
      expect(during.body).toContain("Pack lot in a long transaction");
      await client.query("COMMIT");
    });
    const after = await view(url);
    expect(after.cache).toBe("miss");
    expect(after.body).toContain("Pack lot committed later");
  });

  it("reads a version that moves with every committed or open write and stays while nothing is written", async () => {
    const version = getDatabase().dataVersion;
    expect(version.inProcess).toBe(false);
    const before = await version.read();
    expect(before).toMatch(/^\d+:\d+:[\d,]*$/);
    await otherInstance((client) =>
      client.query(`UPDATE "Lot" SET "updatedAt" = now() WHERE id = $1`, [lotId]),
    );
    const afterWrite = await version.read();
    expect(afterWrite).not.toBe(before);
    // Two readings with only reads between are equal (retried: other files may be writing).
    let same = false;
    for (let i = 0; i < 60 && !same; i++) {
      const a = await version.read();
      await db().lot.count();
      same = a === (await version.read());
    }
    expect(same).toBe(true);
  });
});
