// Lists paged by time (offset pages) never repeat or skip a row when many rows share the timestamp,
// on PGlite and PostgreSQL: a spreadsheet import writes its lots in one transaction, so they share
// `createdAt`, and a database is free to order ties differently for each LIMIT/OFFSET. Each list
// breaks ties by a unique column (the facility search's convention).
import { describe, expect, test } from "vitest";
import { listMyBids } from "~/models/bidding/my-bids.server.ts";
import { listLotsOfOrganization } from "~/models/lot.server.ts";
import { listOutbox } from "~/models/outbox.server.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { indexOrganizations } from "../fixtures/price-index.ts";

const AT = new Date("2026-11-30T08:00:00.000Z");

async function everyPage<T>(total: number, size: number, page: (offset: number) => Promise<T[]>) {
  const seen: T[] = [];
  for (let offset = 0; offset < total; offset += size) seen.push(...(await page(offset)));
  return seen;
}

function packs(organizationId: string, count: number, extra: Record<string, unknown> = {}) {
  return Array.from({ length: count }, (_, i) => ({
    organizationId,
    title: `Imported pack ${i + 1}`,
    chemistry: "NMC622" as const,
    form: "pack" as const,
    condition: "intact" as const,
    count: 1,
    massKg: 400 + (i % 7),
    lat: -33.95,
    lng: 151.18,
    economyCode: "AU",
    availableFrom: AT,
    saleMode: "fixed" as const,
    currency: "AUD",
    askingPriceMinor: 100_000n,
    status: "draft" as const,
    createdAt: AT,
    ...extra,
  }));
}

describe("paging through rows written in one moment", () => {
  test("My lots: 260 lots of one import, 50 a page — each once, newest number first", async () => {
    await insertEconomies(db());
    const organizationId = (await indexOrganizations(["importer"])).get("importer")!;
    await db().lot.createMany({ data: packs(organizationId, 260) });
    const pages = await everyPage(260, 50, async (offset) => {
      const { lots } = await listLotsOfOrganization(organizationId, { limit: 50, offset });
      return lots.map((lot) => lot.number);
    });
    expect(pages).toHaveLength(260);
    expect(new Set(pages).size).toBe(260);
    expect(pages).toEqual([...pages].sort((a, b) => b - a));
  });

  test("the admin's outbox: 130 emails of one moment, 25 a page — each once", async () => {
    const to = `ties-${Date.now()}@packloop.test`;
    await db().outboxEmail.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({
        to,
        subject: `Notice ${i + 1}`,
        text: `Notice ${i + 1}`,
        kind: "notification",
        createdAt: AT,
      })),
    });
    const pages = await everyPage(130, 25, async (offset) => {
      const { emails } = await listOutbox({ limit: 25, offset, filters: { to, kind: "" } });
      return emails.map((email) => email.id);
    });
    expect(pages).toHaveLength(130);
    expect(new Set(pages).size).toBe(130);
  });

  test("My bids: 130 lots whose latest bids share a moment, 25 a page — each lot once", async () => {
    const organizations = await indexOrganizations(["tie-seller", "tie-buyer"]);
    const seller = organizations.get("tie-seller")!;
    const buyer = organizations.get("tie-buyer")!;
    const lots = await db().lot.createManyAndReturn({
      data: packs(seller, 130, { status: "open", publishedAt: AT }),
      select: { id: true },
    });
    await db().bid.createMany({
      data: lots.map((lot) => ({
        lotId: lot.id,
        organizationId: buyer,
        amountMinor: 100_000n,
        currency: "AUD",
        sequence: 1,
        priceAfterMinor: 100_000n,
        incoterm: "EXW" as const,
        createdAt: AT,
      })),
    });
    const pages = await everyPage(130, 25, async (offset) => {
      const { rows } = await listMyBids(buyer, { limit: 25, offset }, AT);
      return rows.map((row) => row.lotId);
    });
    expect(pages).toHaveLength(130);
    expect(new Set(pages).size).toBe(130);
  });
});
