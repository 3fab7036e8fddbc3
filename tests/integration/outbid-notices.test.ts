// Outbid notices: the organisation that loses the lead is told, once per lot while the notice is
// unread (refreshed with the new price rather than stacked, one email), and again after reading.
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

let seller: Bidder;
let alice: Bidder;
let bob: Bidder;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  alice = await accountWith(["buyer"], "KR");
  bob = await accountWith(["buyer"], "JP");
});

const outbidNotices = (userId: string, lotId: string) =>
  db().notification.findMany({ where: { userId, lotId, kind: "outbid" }, orderBy: { createdAt: "asc" } });

describe("outbid notices", () => {
  test("one live notice per lot, refreshed with the latest price; a new one after it is read", async () => {
    const lot = await openLot(seller.organizationId);
    const aliceEmail = (await db().user.findUniqueOrThrow({ where: { id: alice.userId } })).email;
    expect((await bid(alice, lot.id, 1_000_000)).ok).toBe(true);
    expect((await bid(bob, lot.id, 1_100_000)).ok).toBe(true);
    expect((await bid(alice, lot.id, 1_200_000)).ok).toBe(true);
    expect((await bid(bob, lot.id, 1_300_000)).ok).toBe(true);

    let notices = await outbidNotices(alice.userId, lot.id);
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain("13,000.00");
    expect(notices[0].link).toBe(`/lots/${lot.id}`);
    expect(await db().outboxEmail.count({ where: { to: aliceEmail, kind: "outbid" } })).toBe(1);
    // Bob was outbid once, by Alice's second bid; the seller is never told it was outbid.
    expect(await outbidNotices(bob.userId, lot.id)).toHaveLength(1);
    expect(await outbidNotices(seller.userId, lot.id)).toHaveLength(0);

    await db().notification.update({ where: { id: notices[0].id }, data: { readAt: new Date() } });
    expect((await bid(alice, lot.id, 1_400_000)).ok).toBe(true);
    expect((await bid(bob, lot.id, 1_500_000)).ok).toBe(true);
    notices = await outbidNotices(alice.userId, lot.id);
    expect(notices).toHaveLength(2);
    expect(notices[1].readAt).toBeNull();
    expect(await db().outboxEmail.count({ where: { to: aliceEmail, kind: "outbid" } })).toBe(2);
  });

  test("a bid answered by the leader's proxy outbids nobody; bidders watch the lot", async () => {
    const lot = await openLot(seller.organizationId);
    expect((await bid(alice, lot.id, 1_000_000, { maxAmountMinor: 2_000_000 })).ok).toBe(true);
    expect((await bid(bob, lot.id, 1_100_000)).ok).toBe(true);
    expect(await outbidNotices(alice.userId, lot.id)).toHaveLength(0);
    expect(await db().lotWatch.count({ where: { lotId: lot.id } })).toBe(2);
  });
});
