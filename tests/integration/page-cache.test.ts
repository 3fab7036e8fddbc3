// The anonymous page cache (ADR 068) in the real production server: a visitor's /lots and lot page
// served again while nothing is written, a bid or a new lot on the very next view, each answer with
// its own CSP nonce, languages and signed-in members apart, and event streams never held back.
// On PostgreSQL the cache is off (other instances write too): every answer is rendered.

import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server.ts";
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

describe.runIf(embedded)("anonymous pages on the embedded database", () => {
  it("serves a lot page again until a bid is placed, then shows the bid on the next view", async () => {
    const url = `${base}/lots/${lotId}`;
    const first = await view(url);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("miss");
    const second = await view(url);
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
    let hit = await view(url);
    for (let i = 0; i < 5 && hit.cache !== "hit"; i++) hit = await view(url);
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
    await view(`${base}/lots`);
    expect((await view(`${base}/lots`)).cache).toBe("hit");
    await openLot(seller.organizationId, { title: "Freshly listed modules" });
    const next = await view(`${base}/lots`);
    expect(next.cache).toBe("miss");
    expect(next.body).toContain("Freshly listed modules");
  });

  it("keeps each language apart", async () => {
    const url = `${base}/lots/${lotId}`;
    await view(url, { "Accept-Language": "ja" });
    const japanese = await view(url, { "Accept-Language": "ja" });
    expect(japanese.cache).toBe("hit");
    expect(japanese.body).toContain('lang="ja"');
    const english = await view(url, { "Accept-Language": "en" });
    expect(english.body).toContain('lang="en"');
  });

  it("keeps apart requests whose forwarded host differs (no page made for one host reaches another)", async () => {
    const url = `${base}/lots/${lotId}`;
    await view(url, { "X-Forwarded-Host": "evil.example" });
    expect((await view(url, { "X-Forwarded-Host": "evil.example" })).cache).toBe("hit");
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
    await view(data);
    const dataHit = await view(data);
    expect(dataHit.cache).toBe("hit");
    expect(dataHit.body).not.toContain("<html");
  });

  it("serves a stored page no longer than PAGE_CACHE_SECONDS, and not at all with 0", async () => {
    const off = await start({ PAGE_CACHE_SECONDS: "0" });
    await view(`${off}/lots`);
    expect((await view(`${off}/lots`)).cache).toBeNull();

    const brief = await start({ PAGE_CACHE_SECONDS: "0.2" });
    await view(`${brief}/lots`);
    expect((await view(`${brief}/lots`)).cache).toBe("hit");
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

describe.runIf(!embedded)("on PostgreSQL", () => {
  it("renders every view: other instances' writes would not be seen", async () => {
    await view(`${base}/lots`);
    expect((await view(`${base}/lots`)).cache).toBeNull();
  });
});
