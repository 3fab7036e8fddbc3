// The chain of custody as people and clients read it (issue 12 item 4, ADR 021): the custody API
// for whoever may see the lot (a draft only for its own organisation), the body's hashes
// recomputable from its own fields, a tampered event reported as "broken at N" on the API and the
// lot page, and the public anchors page and JSON.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { hashEvent } from "~/domain/custody/chain.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import { publishDailyAnchor } from "~/models/custody/anchors.server.ts";
import { appendCustodyEvent } from "~/models/custody/custody-chain.server.ts";
import * as custodyRoute from "~/routes/api.v1.lots.$lotId.custody.ts";
import * as lotPage from "~/routes/lots.$lotId.tsx";
import * as anchorsPage from "~/routes/transparency.anchors.tsx";
import * as anchorsJson from "~/routes/transparency.anchors[.]json.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { apiGet } from "../fixtures/lots.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>> & { token: string };
let seller: Account;
let buyer: Account;

async function withToken(account: Awaited<ReturnType<typeof accountWith>>): Promise<Account> {
  const { token } = await createApiToken({
    organizationId: account.organizationId,
    createdById: account.userId,
    name: "test",
  });
  return { ...account, token };
}

beforeAll(async () => {
  await insertEconomies(db());
  seller = await withToken(await accountWith(["seller"]));
  buyer = await withToken(await accountWith(["buyer"], "KR"));
});

async function lotWithEvents(status: "open" | "draft" = "open") {
  const lot = await openLot(seller.organizationId, status === "draft" ? { status, publishedAt: null } : {});
  for (const kind of ["lot_listed", "lot_published", "documents_added"]) {
    await db().$transaction((tx) =>
      appendCustodyEvent(tx, {
        lotId: lot.id,
        kind,
        data: { note: kind, massKg: 4000 },
        actorUserId: seller.userId,
        organizationId: seller.organizationId,
      }),
    );
  }
  return lot;
}

async function custody(lotId: string, who: Account) {
  const outcome = await callRoute(
    custodyRoute.loader,
    apiGet(`/api/v1/lots/${lotId}/custody`, { token: who.token }),
    { lotId },
  );
  return { status: outcome.status, data: JSON.parse(outcome.body ?? "{}") as Record<string, unknown> };
}

describe("GET /api/v1/lots/{id}/custody", () => {
  test("the chain with its hashes, verified; a party recomputes every hash from the body", async () => {
    const lot = await lotWithEvents();
    const outcome = await custody(lot.id, seller);
    expect(outcome.status).toBe(200);
    const body = outcome.data as {
      events: {
        sequence: number;
        kind: string;
        occurredAt: string;
        data: never;
        prevHash: string | null;
        hash: string;
      }[];
      verified: boolean;
      head: string;
    };
    expect(body.verified).toBe(true);
    expect(body).not.toHaveProperty("brokenAt");
    expect(body.events.map((e) => e.kind)).toEqual(["lot_listed", "lot_published", "documents_added"]);
    expect(body.head).toBe(body.events[2]!.hash);
    const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
    let prev: string | null = null;
    for (const event of body.events) {
      expect(event.prevHash).toBe(prev);
      const fields = {
        ...event,
        lotId: lot.id,
        actorUserId: seller.userId,
        organizationId: seller.organizationId,
      };
      expect(hashEvent(prev, fields, sha256)).toBe(event.hash);
      prev = event.hash;
    }
  });

  test("another organisation reads kinds, times, hashes and the verdict, never the events' data", async () => {
    const lot = await lotWithEvents();
    const outcome = await custody(lot.id, buyer);
    expect(outcome.status).toBe(200);
    const body = outcome.data as {
      dataWithheld?: boolean;
      verified: boolean;
      events: { data: unknown; hash: string }[];
    };
    expect(body.dataWithheld).toBe(true);
    expect(body.verified).toBe(true);
    expect(body.events).toHaveLength(3);
    expect(body.events.every((e) => e.data === null && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    const own = (await custody(lot.id, seller)).data as {
      dataWithheld?: boolean;
      events: { data: unknown }[];
    };
    expect(own.dataWithheld).toBeUndefined();
    expect(own.events[0]!.data).toEqual({ note: "lot_listed", massKg: 4000 });
  });

  test("a draft's chain only for its own organisation; an unknown lot is 404", async () => {
    const draft = await lotWithEvents("draft");
    expect((await custody(draft.id, seller)).status).toBe(200);
    expect((await custody(draft.id, buyer)).status).toBe(404);
    expect((await custody("not-a-uuid", buyer)).status).toBe(404);
  });

  test("a byte changed in SQL: verified false, brokenAt names it, on the API and the lot page", async () => {
    const lot = await lotWithEvents();
    await db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "audit_event_append_only"`);
    try {
      await db().$executeRaw`UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{massKg}', '3999')
        WHERE "lotId" = ${lot.id}::uuid AND "sequence" = 2`;
    } finally {
      await db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "audit_event_append_only"`);
    }
    const outcome = await custody(lot.id, buyer);
    expect(outcome.data).toMatchObject({ verified: false, brokenAt: 2, reason: "hash_mismatch" });

    const page = await callRoute(lotPage.loader, getRequest(`/lots/${lot.id}`, { cookie: buyer.cookie }), {
      lotId: lot.id,
    });
    expect(page.data.custody).toMatchObject({ total: 3, verified: false, brokenAt: 2 });
  });
});

describe("/transparency/anchors", () => {
  test("lists published anchors, newest first, to anyone (page and JSON)", async () => {
    await lotWithEvents();
    const first = await publishDailyAnchor("2026-12-01");
    const second = await publishDailyAnchor("2026-12-02");
    const json = await callRoute(anchorsJson.loader, getRequest("/transparency/anchors.json"));
    expect(json.status).toBe(200);
    expect(json.headers.get("Content-Type")).toMatch(/application\/json/);
    expect((JSON.parse(json.body ?? "{}") as { anchors: unknown[] }).anchors).toEqual([
      expect.objectContaining({ day: "2026-12-02", digest: second.anchor.digest }),
      expect.objectContaining({
        day: "2026-12-01",
        digest: first.anchor.digest,
        lotCount: first.anchor.lotCount,
      }),
    ]);
    const page = await callRoute(anchorsPage.loader, getRequest("/transparency/anchors"));
    expect((page.data as { anchors: { day: string }[] }).anchors.map((a) => a.day)).toEqual([
      "2026-12-02",
      "2026-12-01",
    ]);
  });
});
