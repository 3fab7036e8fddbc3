// Binding and destructive actions behind a confirmation, and one capacity window per facility and
// month (issue 15 item 7, ADR 042), through the real route modules on a real database (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set).

import { beforeAll, describe, expect, test } from "vitest";
import { translatorFor } from "~/i18n/i18n.server.ts";
import { withdrawalText } from "~/i18n/lot-wording.ts";
import * as capacityRoute from "~/routes/facilities.$facilityId.capacity.tsx";
import * as newRoute from "~/routes/facilities.new.tsx";
import * as lotRoute from "~/routes/lots.$lotId.tsx";
import { db } from "~/utils/db.server.ts";
import { bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import {
  accountWith,
  capacityFields,
  type Fields,
  facilityFields,
  monthFromNow,
} from "../fixtures/facilities.ts";
import { callRoute, getRequest, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let recycler: Account;
let seller: Account;
let buyerA: Account;
let buyerB: Account;

beforeAll(async () => {
  await insertEconomies(db());
  recycler = await accountWith(["recycler"]);
  seller = await accountWith(["seller"]);
  buyerA = await accountWith(["buyer"]);
  buyerB = await accountWith(["buyer"]);
});

async function createFacility(name: string) {
  const outcome = await callRoute(
    newRoute.action,
    postRequest("/facilities/new", facilityFields({ name }), { cookie: recycler.cookie }),
  );
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
  return /^\/facilities\/([0-9a-f-]{36})\/capacity/.exec(outcome.location ?? "")![1] as string;
}

function postCapacity(facilityId: string, fields: Fields) {
  return callRoute(
    capacityRoute.action,
    postRequest(`/facilities/${facilityId}/capacity`, fields, { cookie: recycler.cookie }),
    { facilityId },
  );
}

const windowMonths = async (facilityId: string) =>
  (
    await db().capacityWindow.findMany({
      where: { facilityId },
      orderBy: { month: "asc" },
      select: { month: true },
    })
  ).map((w) => w.month.toISOString().slice(0, 7));

describe("one capacity window per facility and month", () => {
  test("a second window for the same month is refused on the month field, nothing written", async () => {
    const facilityId = await createFacility("Duplicate Month Works");
    const first = await postCapacity(facilityId, capacityFields({ month: monthFromNow(2) }));
    expect(first.status).toBe(302);
    const second = await postCapacity(facilityId, capacityFields({ month: monthFromNow(2), tonnes: "5" }));
    expect(second.status).toBe(409);
    expect((second.data.errors as Record<string, string>).month).toMatch(/already a window for/);
    expect(second.data.values).toMatchObject({ tonnes: "5" });
    expect(await windowMonths(facilityId)).toEqual([monthFromNow(2)]);
    const stored = await db().capacityWindow.findFirstOrThrow({ where: { facilityId } });
    expect(stored.capacityKg).toBe(800_000);
  });

  test("moving a window onto a month that has one is refused too", async () => {
    const facilityId = await createFacility("Move Month Works");
    await postCapacity(facilityId, capacityFields({ month: monthFromNow(1) }));
    await postCapacity(facilityId, capacityFields({ month: monthFromNow(2) }));
    const later = await db().capacityWindow.findFirstOrThrow({
      where: { facilityId, month: new Date(`${monthFromNow(2)}-01T00:00:00Z`) },
    });
    const moved = await postCapacity(
      facilityId,
      capacityFields({ intent: "update", windowId: later.id, month: monthFromNow(1) }),
    );
    expect(moved.status).toBe(409);
    expect((moved.data.errors as Record<string, string>).month).toMatch(/already a window/);
    expect(await windowMonths(facilityId)).toEqual([monthFromNow(1), monthFromNow(2)]);
  });

  test("of two concurrent posts for the same facility and month exactly one wins", async () => {
    const facilityId = await createFacility("Race Month Works");
    for (let round = 1; round <= 3; round++) {
      const month = monthFromNow(round);
      const outcomes = await Promise.all([
        postCapacity(facilityId, capacityFields({ month, tonnes: "10" })),
        postCapacity(facilityId, capacityFields({ month, tonnes: "20" })),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual([302, 409]);
      const refused = outcomes.find((o) => o.status === 409)!;
      expect((refused.data.errors as Record<string, string>).month).toMatch(/already a window/);
      expect(
        await db().capacityWindow.count({ where: { facilityId, month: new Date(`${month}-01T00:00:00Z`) } }),
      ).toBe(1);
    }
  });

  test("the unique index refuses a duplicate written past the app", async () => {
    const facilityId = await createFacility("Index Works");
    const row = {
      facilityId,
      month: new Date(`${monthFromNow(1)}-01T00:00:00Z`),
      capacityKg: 1000,
      priceMinorPerTonne: 0n,
      currency: "AUD",
      priceKind: "gate_fee" as const,
    };
    await db().capacityWindow.create({ data: row });
    await expect(db().capacityWindow.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
  });

  test("repeat for the next N months posts N windows; a taken month refuses them all", async () => {
    const facilityId = await createFacility("Repeat Works");
    const posted = await postCapacity(
      facilityId,
      capacityFields({ month: monthFromNow(1), repeatMonths: "3" }),
    );
    expect(posted.status).toBe(302);
    expect(posted.location).toContain("months=3");
    expect(await windowMonths(facilityId)).toEqual([monthFromNow(1), monthFromNow(2), monthFromNow(3)]);

    // Months 3 and 4 of 3–5: month 3 is taken, so 4 and 5 are not written either.
    const overlapping = await postCapacity(
      facilityId,
      capacityFields({ month: monthFromNow(3), repeatMonths: "3" }),
    );
    expect(overlapping.status).toBe(409);
    expect((overlapping.data.errors as Record<string, string>).month).toMatch(/already a window/);
    expect(await windowMonths(facilityId)).toHaveLength(3);

    for (const bad of ["0", "13", "2.5", "two"]) {
      const refused = await postCapacity(
        facilityId,
        capacityFields({ month: monthFromNow(6), repeatMonths: bad }),
      );
      expect(refused.status, bad).toBe(400);
      expect((refused.data.errors as Record<string, string>).repeatMonths).toMatch(/1 to 12/);
    }
    expect(await windowMonths(facilityId)).toHaveLength(3);
  });
});

describe("confirmations", () => {
  test("removing a window without the confirmation asks and removes nothing; confirmed, it goes", async () => {
    const facilityId = await createFacility("Removal Works");
    await postCapacity(facilityId, capacityFields({ month: monthFromNow(1) }));
    const window = await db().capacityWindow.findFirstOrThrow({ where: { facilityId } });
    const asked = await postCapacity(facilityId, { intent: "remove", windowId: window.id });
    expect(asked.status).toBe(200);
    expect(asked.data.confirmWindowId).toBe(window.id);
    expect(await db().capacityWindow.count({ where: { facilityId } })).toBe(1);
    const removed = await postCapacity(facilityId, {
      intent: "remove",
      windowId: window.id,
      confirmed: "yes",
    });
    expect(removed.status).toBe(200);
    expect(await db().capacityWindow.count({ where: { facilityId } })).toBe(0);
  });

  test("withdrawing a lot with bids states how many are cancelled; confirmed, they are, and bidders are told", async () => {
    const lot = await openLot(seller.organizationId);
    expect((await bid(buyerA, lot.id, 1_000_000)).ok).toBe(true);
    expect((await bid(buyerB, lot.id, 1_100_000)).ok).toBe(true);
    expect((await bid(buyerA, lot.id, 1_200_000)).ok).toBe(true);

    const page = await callRoute(lotRoute.loader, getRequest(`/lots/${lot.id}`, { cookie: seller.cookie }), {
      lotId: lot.id,
    });
    expect(page.data.withdrawal).toEqual({ liveBids: 3, bidders: 2 });
    // Worded by the page (ADR 066): in English as before.
    expect(
      withdrawalText(translatorFor("en"), page.data.withdrawal as { liveBids: number; bidders: number }),
    ).toMatch(/^3 bids will be cancelled and their 2 bidders are told\./);

    const asked = await callRoute(
      lotRoute.action,
      postRequest(`/lots/${lot.id}`, { intent: "withdraw" }, { cookie: seller.cookie }),
      { lotId: lot.id },
    );
    expect(asked.data.confirm).toBe("withdraw");
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("open");
    expect(await db().bid.count({ where: { lotId: lot.id, status: "withdrawn" } })).toBe(0);

    const done = await callRoute(
      lotRoute.action,
      postRequest(`/lots/${lot.id}`, { intent: "withdraw", confirmed: "yes" }, { cookie: seller.cookie }),
      { lotId: lot.id },
    );
    expect(done.data.done).toBe("Withdrawn.");
    expect((await db().lot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("withdrawn");
    expect(await db().bid.count({ where: { lotId: lot.id, status: { in: ["active", "outbid"] } } })).toBe(0);
    for (const buyer of [buyerA, buyerB]) {
      expect(
        await db().notification.count({
          where: { userId: buyer.userId, lotId: lot.id, kind: "lot_withdrawn" },
        }),
      ).toBe(1);
    }
  });
});

describe("invite to bid", () => {
  const invite = (lotId: string, facilityId: string, account = seller) =>
    callRoute(
      lotRoute.action,
      postRequest(`/lots/${lotId}`, { intent: "invite", facilityId }, { cookie: account.cookie }),
      { lotId },
    );

  test("the seller's invitation is one notice to the recycler; a second is refused; others cannot invite", async () => {
    const facilityId = await createFacility("Invited Works");
    const lot = await openLot(seller.organizationId);
    const sent = await invite(lot.id, facilityId);
    expect(sent.status).toBe(200);
    expect(sent.data.done).toMatch(/was invited to bid\.$/);
    const notices = await db().notification.findMany({
      where: { userId: recycler.userId, lotId: lot.id, kind: "invited_to_bid" },
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ link: `/lots/${lot.id}`, organizationId: recycler.organizationId });
    expect(notices[0].title).toContain(lot.title);

    const again = await invite(lot.id, facilityId);
    expect(again.status).toBe(409);
    expect(again.data.formError).toMatch(/already invited/);

    // Another seller cannot invite for this lot; a draft cannot be offered.
    const other = await accountWith(["seller"]);
    expect((await invite(lot.id, facilityId, other)).status).toBe(403);
    const draft = await openLot(seller.organizationId, { status: "draft", publishedAt: null });
    expect((await invite(draft.id, facilityId)).status).toBe(409);
    expect(await db().notification.count({ where: { kind: "invited_to_bid", lotId: draft.id } })).toBe(0);
    expect(
      await db().notification.count({
        where: { userId: recycler.userId, lotId: lot.id, kind: "invited_to_bid" },
      }),
    ).toBe(1);
  });
});
