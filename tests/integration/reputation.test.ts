// Reputation and reviews (issue 13 item 3, ADR 036) on PGlite and PostgreSQL: a review is hidden
// from the counterparty (and everyone else) until both parties have written or the 14-day review
// period has passed; non-parties are refused (404 when they cannot see the deal, 403 when they can);
// one review per party; the organisation's figures count published reviews only and its deals'
// payments and receipts over 180 days; the organisation page and the facility map carry them.
import { beforeAll, describe, expect, test } from "vitest";
import { RELIABILITY_BADGES } from "~/domain/reputation/reliability.ts";
import { organizationReputation } from "~/models/reputation/reputation.server.ts";
import { dealReviews, type ReviewPerson, writeReview } from "~/models/reputation/reviews.server.ts";
import { action as dealAction, loader as dealLoader } from "~/routes/deals.$dealId.tsx";
import { loader as facilityLoader } from "~/routes/facilities.$facilityId._index.tsx";
import { loader as facilitiesMapLoader } from "~/routes/facilities.map-data.ts";
import { loader as organizationLoader } from "~/routes/organizations.$organizationId.tsx";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { type DealFixture, dealFixture } from "../fixtures/deals.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, getRequest, postRequest } from "../fixtures/routes.ts";

const DAY = 86_400_000;
type Account = Awaited<ReturnType<typeof accountWith>>;
let stranger: Account;

beforeAll(async () => {
  await insertEconomies(db());
  stranger = await accountWith(["buyer"]);
});

const person = (a: { organizationId: string; userId: string }) => ({
  organizationId: a.organizationId,
  userId: a.userId,
  isPlatformAdmin: false,
});

async function settledDeal(settledAt: Date, fixture?: DealFixture): Promise<DealFixture> {
  const deal = fixture ?? (await dealFixture());
  await db().deal.update({ where: { id: deal.dealId }, data: { status: "settled", settledAt } });
  return deal;
}

const visibleTexts = async (dealId: string, who: ReviewPerson, now: Date) =>
  (await dealReviews(dealId, who, now))?.reviews.map((r) => r.text) ?? null;

describe("double-blind reviews", () => {
  test("hidden from the counterparty until both wrote; then both are published", async () => {
    const settledAt = new Date(Date.now() - DAY);
    const deal = await settledDeal(settledAt);
    const now = new Date();
    const seller = person(deal.seller);
    const buyer = person(deal.buyer);
    expect(
      await writeReview(deal.dealId, seller, { rating: 5, text: "Paid early, collected on time." }, now),
    ).toMatchObject({ ok: true });
    // The author sees its own; the buyer (the subject) and everyone else see nothing yet.
    expect(await visibleTexts(deal.dealId, seller, now)).toEqual(["Paid early, collected on time."]);
    expect(await visibleTexts(deal.dealId, buyer, now)).toEqual([]);
    expect(
      await visibleTexts(
        deal.dealId,
        { organizationId: null, userId: stranger.userId, isPlatformAdmin: true },
        now,
      ),
    ).toEqual([]);
    // Nor does the figure on the buyer's page move.
    expect((await organizationReputation(deal.buyer.organizationId, now))?.rating.n).toBe(0);
    // Through the page: the buyer's deal page does not carry the seller's review.
    const page = await callRoute(
      dealLoader,
      getRequest(`/deals/${deal.dealId}`, { cookie: deal.buyer.cookie }),
      {
        dealId: deal.dealId,
      },
    );
    expect(JSON.stringify(page.data)).not.toContain("Paid early");
    // The buyer writes through the page form: both are published.
    const posted = await callRoute(
      dealAction,
      postRequest(
        `/deals/${deal.dealId}`,
        { intent: "review_write", rating: "4", text: "Accurate declaration." },
        { cookie: deal.buyer.cookie },
      ),
      { dealId: deal.dealId },
    );
    expect(posted.status).toBe(200);
    expect((await visibleTexts(deal.dealId, buyer, new Date()))?.sort()).toEqual([
      "Accurate declaration.",
      "Paid early, collected on time.",
    ]);
    expect(
      await visibleTexts(
        deal.dealId,
        { organizationId: stranger.organizationId, userId: stranger.userId, isPlatformAdmin: true },
        new Date(),
      ),
    ).toHaveLength(2);
    // Once per party: a second review is refused, nothing written.
    const again = await callRoute(
      dealAction,
      postRequest(
        `/deals/${deal.dealId}`,
        { intent: "review_write", rating: "1", text: "Changed my mind." },
        { cookie: deal.buyer.cookie },
      ),
      { dealId: deal.dealId },
    );
    expect(again.status).toBe(409);
    expect(await db().dealReview.count({ where: { dealId: deal.dealId } })).toBe(2);
  });

  test("published to everyone once 14 days have passed, and writing closes then", async () => {
    const settledAt = new Date(Date.now() - 3 * DAY);
    const deal = await settledDeal(settledAt);
    await writeReview(
      deal.dealId,
      person(deal.buyer),
      { rating: 2, text: "Two modules short." },
      new Date(settledAt.getTime() + DAY),
    );
    const seller = person(deal.seller);
    expect(await visibleTexts(deal.dealId, seller, new Date(settledAt.getTime() + 13 * DAY))).toEqual([]);
    expect(await visibleTexts(deal.dealId, seller, new Date(settledAt.getTime() + 14 * DAY))).toEqual([
      "Two modules short.",
    ]);
    const late = await writeReview(
      deal.dealId,
      seller,
      { rating: 3, text: "Late reply." },
      new Date(settledAt.getTime() + 14 * DAY),
    );
    expect(late).toMatchObject({ ok: false, code: "REVIEW_PERIOD_CLOSED" });
  });

  test("non-parties are refused: 404 when they cannot see the deal, 403 for an admin; bad input 400 naming the field", async () => {
    const deal = await settledDeal(new Date(Date.now() - DAY));
    const before = await db().dealReview.count();
    const strangerPost = await callRoute(
      dealAction,
      postRequest(
        `/deals/${deal.dealId}`,
        { intent: "review_write", rating: "5", text: "Great." },
        { cookie: stranger.cookie },
      ),
      { dealId: deal.dealId },
    );
    expect(strangerPost.status).toBe(404);
    const admin = await writeReview(
      deal.dealId,
      { organizationId: null, userId: stranger.userId, isPlatformAdmin: true },
      { rating: 5, text: "x" },
    );
    expect(admin).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const bad = await callRoute(
      dealAction,
      postRequest(
        `/deals/${deal.dealId}`,
        { intent: "review_write", rating: "7", text: "" },
        { cookie: deal.seller.cookie },
      ),
      { dealId: deal.dealId },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors as object).sort()).toEqual(["rating", "text"]);
    expect(await db().dealReview.count()).toBe(before);
    // The database refuses a rating outside 1–5 whatever the caller.
    await expect(
      db().dealReview.create({
        data: {
          dealId: deal.dealId,
          authorOrganizationId: deal.seller.organizationId,
          subjectOrganizationId: deal.buyer.organizationId,
          rating: 6,
          text: "x",
        },
      }),
    ).rejects.toThrow();
  });

  test("before settlement a party may not review", async () => {
    const deal = await dealFixture();
    expect(await writeReview(deal.dealId, person(deal.seller), { rating: 5, text: "Early." })).toMatchObject({
      ok: false,
      code: "DEAL_NOT_SETTLED",
    });
  });
});

describe("figures over 180 days", () => {
  test("payments on time and late, published reviews, on the organisation page", async () => {
    const buyer = await accountWith(["buyer"]);
    const now = new Date();
    // Five deals paid by the buyer: four before the deadline, one after; one more outside the window.
    for (const [paidDaysAgo, dueDaysAgo] of [
      [10, 8],
      [20, 18],
      [30, 28],
      [40, 38],
      [50, 52],
      [200, 198],
    ]) {
      const deal = await dealFixture({ buyer });
      await db().deal.update({
        where: { id: deal.dealId },
        data: { paymentDueAt: new Date(now.getTime() - dueDaysAgo * DAY) },
      });
      await db().dealEvent.create({
        data: {
          dealId: deal.dealId,
          sequence: 1,
          event: "payment_received",
          fromStatus: "awaiting_payment",
          toStatus: "funded",
          actorRole: "admin",
          occurredAt: new Date(now.getTime() - paidDaysAgo * DAY),
        },
      });
    }
    const reputation = await organizationReputation(buyer.organizationId, now);
    expect(reputation?.figures.find((f) => f.key === "paidOnTime")).toMatchObject({
      n: 5,
      successes: 4,
      enough: true,
    });
    const page = await callRoute(organizationLoader, getRequest(`/organizations/${buyer.organizationId}`), {
      organizationId: buyer.organizationId,
    });
    expect(page.status).toBe(200);
    expect(
      (page.data.reputation as { figures: { key: string; n: number }[] }).figures.find(
        (f) => f.key === "paidOnTime",
      )?.n,
    ).toBe(5);
    const missing = await callRoute(
      organizationLoader,
      getRequest("/organizations/00000000-0000-7000-8000-000000000000"),
      {
        organizationId: "00000000-0000-7000-8000-000000000000",
      },
    );
    expect(missing.status).toBe(404);
  });

  test("a facility's on-time receipts make its badge, on the map and its page", async () => {
    const recycler = await accountWith(["recycler"]);
    const facility = await db().facility.create({
      data: {
        organizationId: recycler.organizationId,
        name: "Reliability Test Plant",
        economyCode: "AU",
        lat: -37.8,
        lng: 144.9,
        processes: ["hydrometallurgy"],
        acceptedChemistries: ["NMC811"],
        acceptedForms: ["pack"],
        acceptedConditions: ["intact"],
        recoveryLiBp: 9000,
        recoveryNiBp: 9500,
        recoveryCoBp: 9500,
        recoveryMnBp: 9000,
        recoveryCuBp: 9000,
      },
    });
    const now = Date.now();
    // Six receipts on plan in the last 30 days: 6 of 6 → Wilson lower bound 0.61, "fair".
    for (let i = 1; i <= 6; i++) {
      const lot = await openLot(stranger.organizationId);
      const planned = new Date(now - i * 5 * DAY);
      await db().shipment.create({
        data: {
          lotId: lot.id,
          destinationFacilityId: facility.id,
          currency: "USD",
          plannedArrivalAt: planned,
          milestones: {
            create: [
              {
                sequence: 1,
                kind: "delivered",
                occurredAt: planned,
                actorOrganizationId: stranger.organizationId,
              },
              {
                sequence: 2,
                kind: "received",
                occurredAt: planned,
                actorOrganizationId: recycler.organizationId,
              },
            ],
          },
        },
      });
    }
    const response = (await facilitiesMapLoader({
      request: getRequest("/facilities/map-data"),
      params: {},
      context: { cspNonce: "" },
    })) as Response;
    const body = (await response.json()) as { id: string[]; rb: number[]; rl: number[]; rn: number[] };
    const i = body.id.indexOf(facility.id);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(RELIABILITY_BADGES[body.rb[i]]).toBe("fair");
    expect(body.rn[i]).toBe(6);
    expect(body.rl[i]).toBe(60);
    const page = await callRoute(facilityLoader, getRequest(`/facilities/${facility.id}`), {
      facilityId: facility.id,
    });
    expect(page.data.reliability).toMatchObject({ badge: "fair", figure: { n: 6, successes: 6 } });
  });
});
