// Capacity bookings on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// request → accept / decline / cancel with the window's bookedKg moving exactly once, other
// organisations refused with nothing changed, two accepts racing for the last tonnes, award
// reservations, notifications with their outbox emails, and the /api/v1/bookings endpoints.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { beforeAll, describe, expect, test } from "vitest";
import { type BookableLotOption, BookCapacityForm } from "~/components/booking.tsx";
import { monthStart } from "~/domain/capacity.ts";
import type { Capability, Chemistry } from "~/domain/codes.ts";
import { validateFacilityProfile } from "~/domain/facility-input.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { formatTonnesIn } from "~/i18n/format.ts";
import { i18nFor } from "~/i18n/i18n.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import {
  acceptBooking,
  cancelBooking,
  declineBooking,
  releaseCapacityForAward,
  requestBooking,
  reserveCapacityForAward,
} from "~/models/capacity-booking.server.ts";
import { verifyChain } from "~/models/custody/custody-chain.server.ts";
import { createFacility } from "~/models/facility.server.ts";
import { action as decisionAction } from "~/routes/api.v1.bookings.$bookingId.$decision.ts";
import { loader as oneLoader } from "~/routes/api.v1.bookings.$bookingId.ts";
import { action as createAction, loader as listLoader } from "~/routes/api.v1.bookings.ts";
import { loader as openApiLoader } from "~/routes/api.v1.openapi[.]json.ts";
import { action as bookingsAction, loader as bookingsLoader } from "~/routes/bookings.tsx";
import {
  action as facilityAction,
  loader as facilityLoader,
} from "~/routes/facilities.$facilityId._index.tsx";
import {
  action as capacityAction,
  loader as capacityLoader,
} from "~/routes/facilities.$facilityId.capacity.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields, monthFromNow } from "../fixtures/facilities.ts";
import { apiGet, jsonRequest } from "../fixtures/lots.ts";
import { callRoute, getRequest, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>> & { token: string };

let recycler: Account;
let seller: Account;
let otherSeller: Account;
let facilityId: string;

async function account(capabilities: Capability[]): Promise<Account> {
  const created = await accountWith(capabilities);
  const { token } = await createApiToken({
    organizationId: created.organizationId,
    createdById: created.userId,
    name: "bookings",
  });
  return { ...created, token };
}

async function makeWindow(
  tonnes: number,
  overrides: { month?: string; acceptedChemistries?: Chemistry[] } = {},
) {
  // One window per facility and month (ADR 042): without a month, the first free one from next month.
  let month = overrides.month ?? monthFromNow(1);
  if (!overrides.month) {
    for (
      let offset = 2;
      await db().capacityWindow.count({
        where: { facilityId, month: monthStart(month as `${number}-${number}`) },
      });
      offset++
    )
      month = monthFromNow(offset);
  }
  const window = await db().capacityWindow.create({
    data: {
      facilityId,
      month: monthStart(month as `${number}-${number}`),
      capacityKg: tonnes * 1000,
      priceMinorPerTonne: 150_000n,
      currency: "AUD",
      priceKind: "gate_fee",
      acceptedChemistries: overrides.acceptedChemistries ?? [],
    },
  });
  return window.id;
}

let lotSequence = 0;
async function makeLot(
  owner: Account,
  massKg: number,
  overrides: { chemistry?: Chemistry; status?: "draft" | "open" | "awarded"; availableFrom?: Date } = {},
) {
  lotSequence += 1;
  const lot = await db().lot.create({
    data: {
      organizationId: owner.organizationId,
      title: `Booking test lot ${lotSequence}`,
      chemistry: overrides.chemistry ?? "LFP",
      form: "pack",
      condition: "intact",
      count: 4,
      massKg,
      lat: -33.9,
      lng: 151.2,
      economyCode: "AU",
      availableFrom: overrides.availableFrom ?? new Date(),
      saleMode: "fixed",
      currency: "AUD",
      askingPriceMinor: 1_000_000n,
      status: overrides.status ?? "open",
    },
  });
  return lot.id;
}

const bookedKg = async (windowId: string) =>
  (await db().capacityWindow.findUniqueOrThrow({ where: { id: windowId } })).bookedKg;
const statusOf = async (bookingId: string) =>
  (await db().capacityBooking.findUniqueOrThrow({ where: { id: bookingId } })).status;

async function request(who: Account, windowId: string, lotId: string) {
  const result = await requestBooking({
    sellerOrganizationId: who.organizationId,
    userId: who.userId,
    capacityWindowId: windowId,
    lotId,
  });
  if (!result.ok) throw new Error(`request refused: ${result.code} ${result.message}`);
  return result.booking.id;
}

const as = (who: Account, bookingId: string) => ({
  organizationId: who.organizationId,
  userId: who.userId,
  bookingId,
});

beforeAll(async () => {
  await insertEconomies(db());
  recycler = await account(["recycler"]);
  seller = await account(["seller"]);
  otherSeller = await account(["seller"]);
  const profile = validateFacilityProfile(facilityFields({ acceptedChemistries: ["LFP", "NMC811"] }));
  if (!profile.ok) throw new Error(JSON.stringify(profile.errors));
  facilityId = (await createFacility(recycler.organizationId, profile.profile)).id;
});

describe("request, accept, decline, cancel", () => {
  test("a request holds nothing; accepting adds the lot's mass once; notices go to the other party", async () => {
    const windowId = await makeWindow(20);
    const lotId = await makeLot(seller, 6_000);
    const bookingId = await request(seller, windowId, lotId);
    const booking = await db().capacityBooking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking).toMatchObject({
      status: "requested",
      massKg: 6_000,
      priceMinorPerTonne: 150_000n,
      currency: "AUD",
    });
    expect(await bookedKg(windowId)).toBe(0);

    const requested = await db().notification.findMany({ where: { kind: "booking_requested", lotId } });
    expect(requested.map((n) => n.userId)).toEqual([recycler.userId]);
    const recyclerUser = await db().user.findUniqueOrThrow({ where: { id: recycler.userId } });
    expect(
      await db().outboxEmail.count({ where: { to: recyclerUser.email, kind: "booking_requested" } }),
    ).toBe(1);

    const accepted = await acceptBooking(as(recycler, bookingId));
    expect(accepted.ok).toBe(true);
    expect(await bookedKg(windowId)).toBe(6_000);
    // A double click: counted once.
    const again = await acceptBooking(as(recycler, bookingId));
    expect(again).toMatchObject({ ok: false, code: "BOOKING_NOT_PENDING" });
    expect(await bookedKg(windowId)).toBe(6_000);
    // The acceptance is in the lot's chain of custody, once, by the recycler (ADR 021).
    const custody = await verifyChain(lotId);
    expect(custody.verified).toBe(true);
    expect(custody.events.filter((e) => e.kind === "booking_accepted")).toMatchObject([
      { actorUserId: recycler.userId, organizationId: recycler.organizationId, data: { massKg: 6_000 } },
    ]);

    const notices = await db().notification.findMany({ where: { kind: "booking_accepted", lotId } });
    expect(notices.map((n) => n.userId)).toEqual([seller.userId]);
    const sellerUser = await db().user.findUniqueOrThrow({ where: { id: seller.userId } });
    expect(await db().outboxEmail.count({ where: { to: sellerUser.email, kind: "booking_accepted" } })).toBe(
      1,
    );

    // Cancelling an accepted booking gives the kg back, once.
    expect((await cancelBooking(as(seller, bookingId))).ok).toBe(true);
    expect(await bookedKg(windowId)).toBe(0);
    expect(await cancelBooking(as(seller, bookingId))).toMatchObject({
      ok: false,
      code: "BOOKING_NOT_PENDING",
    });
    expect(await bookedKg(windowId)).toBe(0);
    expect(await statusOf(bookingId)).toBe("cancelled");
  });

  test("declining with a note tells the seller; a declined booking cannot be accepted", async () => {
    const windowId = await makeWindow(20);
    const lotId = await makeLot(seller, 3_000);
    const bookingId = await request(seller, windowId, lotId);
    const declined = await declineBooking({ ...as(recycler, bookingId), note: "Full of NMC this month." });
    expect(declined.ok).toBe(true);
    const row = await db().capacityBooking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(row).toMatchObject({
      status: "declined",
      decisionNote: "Full of NMC this month.",
      decidedById: recycler.userId,
    });
    const notice = await db().notification.findFirstOrThrow({ where: { kind: "booking_declined", lotId } });
    expect(notice.userId).toBe(seller.userId);
    expect(notice.body).toContain("Full of NMC this month.");
    expect(await acceptBooking(as(recycler, bookingId))).toMatchObject({
      ok: false,
      code: "BOOKING_NOT_PENDING",
    });
    expect(await bookedKg(windowId)).toBe(0);
    // The lot is free to book again once the request is declined.
    await request(seller, windowId, lotId);
  });

  test("the seller cancelling a request or an accepted booking tells the facility's organisation, not itself", async () => {
    const windowId = await makeWindow(20);
    const requestedLot = await makeLot(seller, 2_000);
    const acceptedLot = await makeLot(seller, 5_000);
    const requestedId = await request(seller, windowId, requestedLot);
    const acceptedId = await request(seller, windowId, acceptedLot);
    expect((await acceptBooking(as(recycler, acceptedId))).ok).toBe(true);
    const cancelledNotices = (lotId: string) =>
      db().notification.findMany({ where: { kind: "booking_cancelled", lotId } });
    expect(await cancelledNotices(acceptedLot)).toHaveLength(0);

    expect((await cancelBooking(as(seller, requestedId))).ok).toBe(true);
    expect((await cancelBooking(as(seller, acceptedId))).ok).toBe(true);

    const forRequest = await cancelledNotices(requestedLot);
    expect(forRequest.map((n) => [n.userId, n.organizationId])).toEqual([
      [recycler.userId, recycler.organizationId],
    ]);
    expect(forRequest[0].title).toMatch(/cancelled its booking request/);
    expect(forRequest[0].link).toBe(`/facilities/${facilityId}/capacity#booking-requests`);
    const forAccepted = await cancelledNotices(acceptedLot);
    expect(forAccepted.map((n) => n.userId)).toEqual([recycler.userId]);
    expect(forAccepted[0].title).toMatch(/cancelled its booking at/);
    expect(forAccepted[0].body).toContain("5 t");
    const recyclerUser = await db().user.findUniqueOrThrow({ where: { id: recycler.userId } });
    expect(
      await db().outboxEmail.count({ where: { to: recyclerUser.email, kind: "booking_cancelled" } }),
    ).toBeGreaterThanOrEqual(2);
    // A refused cancel (already cancelled) tells no one again.
    expect((await cancelBooking(as(seller, acceptedId))).ok).toBe(false);
    expect(await cancelledNotices(acceptedLot)).toHaveLength(1);
  });

  test("a second live booking for the same lot is refused", async () => {
    const windowId = await makeWindow(20);
    const lotId = await makeLot(seller, 1_000);
    await request(seller, windowId, lotId);
    const second = await requestBooking({
      sellerOrganizationId: seller.organizationId,
      userId: seller.userId,
      capacityWindowId: await makeWindow(20),
      lotId,
    });
    expect(second).toMatchObject({ ok: false, code: "ALREADY_BOOKED" });
  });

  test("other organisations are refused and nothing changes", async () => {
    const windowId = await makeWindow(20);
    const lotId = await makeLot(seller, 2_000);
    const bookingId = await request(seller, windowId, lotId);
    // Someone else's lot.
    const foreign = await requestBooking({
      sellerOrganizationId: otherSeller.organizationId,
      userId: otherSeller.userId,
      capacityWindowId: windowId,
      lotId,
    });
    expect(foreign).toMatchObject({ ok: false, code: "NOT_YOUR_LOT" });
    // The seller cannot accept its own request; another seller can neither accept nor cancel.
    expect(await acceptBooking(as(seller, bookingId))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await acceptBooking(as(otherSeller, bookingId))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await cancelBooking(as(otherSeller, bookingId))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await cancelBooking(as(recycler, bookingId))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await declineBooking({ ...as(otherSeller, bookingId), note: null })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await statusOf(bookingId)).toBe("requested");
    expect(await bookedKg(windowId)).toBe(0);
    expect(await db().capacityBooking.count({ where: { lotId } })).toBe(1);
  });

  test("requests that break the rules are refused with their code", async () => {
    const windowId = await makeWindow(5, { acceptedChemistries: ["LFP"] });
    const refusal = async (lotId: string, window = windowId) =>
      requestBooking({
        sellerOrganizationId: seller.organizationId,
        userId: seller.userId,
        capacityWindowId: window,
        lotId,
      });
    expect(await refusal(await makeLot(seller, 6_000))).toMatchObject({ code: "INSUFFICIENT_CAPACITY" });
    expect(await refusal(await makeLot(seller, 1_000, { chemistry: "NMC811" }))).toMatchObject({
      code: "CHEMISTRY_NOT_ACCEPTED",
    });
    expect(await refusal(await makeLot(seller, 1_000, { status: "awarded" }))).toMatchObject({
      code: "LOT_NOT_BOOKABLE",
    });
    const past = await makeWindow(5, { month: monthFromNow(-1) });
    expect(await refusal(await makeLot(seller, 1_000), past)).toMatchObject({ code: "WINDOW_IN_PAST" });
    expect(await db().capacityBooking.count({ where: { capacityWindowId: { in: [windowId, past] } } })).toBe(
      0,
    );
  });
});

describe("concurrency", () => {
  test("two accepts racing for room for only one: one wins, bookedKg is exactly one lot", async () => {
    const windowId = await makeWindow(10);
    const first = await request(seller, windowId, await makeLot(seller, 7_000));
    const second = await request(otherSeller, windowId, await makeLot(otherSeller, 7_000));
    const results = await Promise.all([
      acceptBooking(as(recycler, first)),
      acceptBooking(as(recycler, second)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ code: "INSUFFICIENT_CAPACITY" }]);
    expect(await bookedKg(windowId)).toBe(7_000);
    const statuses = [await statusOf(first), await statusOf(second)].sort();
    expect(statuses).toEqual(["accepted", "requested"]);
  });

  test("the same booking accepted twice at once counts once", async () => {
    const windowId = await makeWindow(10);
    const bookingId = await request(seller, windowId, await makeLot(seller, 4_000));
    const results = await Promise.all([
      acceptBooking(as(recycler, bookingId)),
      acceptBooking(as(recycler, bookingId)),
      acceptBooking(as(recycler, bookingId)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await bookedKg(windowId)).toBe(4_000);
  });

  test("the database refuses bookedKg beyond capacity (CHECK)", async () => {
    const windowId = await makeWindow(1);
    await expect(
      db().capacityWindow.update({ where: { id: windowId }, data: { bookedKg: 1_001 } }),
    ).rejects.toThrow();
    await expect(
      db().capacityWindow.update({ where: { id: windowId }, data: { bookedKg: -1 } }),
    ).rejects.toThrow();
    expect(await bookedKg(windowId)).toBe(0);
  });
});

describe("reserve and release for an award", () => {
  async function award(lotId: string) {
    const buyer = await accountWith(["buyer"]);
    return (
      await db().award.create({
        data: { lotId, organizationId: buyer.organizationId, facilityId, amountMinor: 100n, currency: "AUD" },
      })
    ).id;
  }

  test("takes the earliest window with room and an accepted chemistry; release gives it back once", async () => {
    // A separate facility so other tests' windows do not interfere.
    const profile = validateFacilityProfile(
      facilityFields({ name: "Award Plant", acceptedChemistries: ["LFP", "NMC811"] }),
    );
    if (!profile.ok) throw new Error("profile");
    const plant = (await createFacility(recycler.organizationId, profile.profile)).id;
    const window = (month: string, tonnes: number, chemistries: Chemistry[] = []) =>
      db().capacityWindow.create({
        data: {
          facilityId: plant,
          month: monthStart(month as `${number}-${number}`),
          capacityKg: tonnes * 1000,
          priceMinorPerTonne: 100_000n,
          currency: "AUD",
          priceKind: "payable",
          acceptedChemistries: chemistries,
        },
      });
    const tooSmall = await window(monthFromNow(1), 2);
    const wrongChemistry = await window(monthFromNow(2), 50, ["NMC811"]);
    const fits = await window(monthFromNow(3), 50);
    const later = await window(monthFromNow(4), 50);
    const lotId = await makeLot(seller, 5_000);
    const awardId = await award(lotId);

    const reserved = await db().$transaction((tx) =>
      reserveCapacityForAward(tx, {
        awardId,
        lotId,
        facilityId: plant,
        massKg: 5_000,
        sellerOrgId: seller.organizationId,
      }),
    );
    expect(reserved).toEqual({ ok: true, bookingId: expect.any(String), windowId: fits.id });
    expect(await bookedKg(fits.id)).toBe(5_000);
    for (const other of [tooSmall, wrongChemistry, later]) expect(await bookedKg(other.id)).toBe(0);
    const booking = await db().capacityBooking.findUniqueOrThrow({ where: { awardId } });
    expect(booking).toMatchObject({
      status: "accepted",
      organizationId: seller.organizationId,
      priceKind: "payable",
    });

    // The seller cannot cancel capacity held for an award by hand.
    expect(await cancelBooking(as(seller, booking.id))).toMatchObject({
      ok: false,
      code: "BOOKING_HELD_BY_AWARD",
    });

    expect(await db().$transaction((tx) => releaseCapacityForAward(tx, awardId))).toEqual({
      released: true,
      bookingId: booking.id,
    });
    expect(await bookedKg(fits.id)).toBe(0);
    expect(await db().$transaction((tx) => releaseCapacityForAward(tx, awardId))).toMatchObject({
      released: false,
    });
    expect(await bookedKg(fits.id)).toBe(0);

    const huge = await makeLot(seller, 60_000);
    const noRoom = await db().$transaction((tx) =>
      reserveCapacityForAward(tx, {
        awardId: "00000000-0000-7000-8000-000000000000",
        lotId: huge,
        facilityId: plant,
        massKg: 60_000,
        sellerOrgId: seller.organizationId,
      }),
    );
    expect(noRoom).toEqual({ ok: false, code: "INSUFFICIENT_CAPACITY", message: "insufficient capacity" });
    const nmc = await makeLot(seller, 1_000, { chemistry: "NCA" });
    const noChemistry = await db().$transaction((tx) =>
      reserveCapacityForAward(tx, {
        awardId: "00000000-0000-7000-8000-000000000001",
        lotId: nmc,
        facilityId: plant,
        massKg: 1_000,
        sellerOrgId: seller.organizationId,
      }),
    );
    expect(noChemistry).toEqual({
      ok: false,
      code: "CHEMISTRY_NOT_ACCEPTED",
      message: "chemistry not accepted",
    });
  });
});

describe("API v1", () => {
  const post = (path: string, body: unknown, who: Account) =>
    jsonRequest("POST", path, body, { token: who.token });
  const call = async (
    fn: (args: never) => Promise<Response>,
    request: Request,
    params: Record<string, string> = {},
  ) => {
    const response = await fn({ request, params, context: {} } as never);
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get("Content-Type"),
      body: text ? JSON.parse(text) : null,
    };
  };

  test("POST /api/v1/bookings → 201; accept; list by role; GET one; cancel", async () => {
    const windowId = await makeWindow(30);
    const lotId = await makeLot(seller, 2_500);
    const created = await call(
      createAction,
      post("/api/v1/bookings", { capacityWindowId: windowId, lotId }, seller),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "requested",
      lot: { id: lotId },
      facility: { id: facilityId },
      massKg: 2_500,
      pricePerTonne: { amountMinor: 150_000, currency: "AUD" },
      total: { amountMinor: 375_000, currency: "AUD" },
      priceKind: "gate_fee",
    });
    const id = created.body.id as string;

    const incoming = await call(
      listLoader,
      apiGet("/api/v1/bookings?role=facility", { token: recycler.token }),
    );
    expect(incoming.body.bookings.map((b: { id: string }) => b.id)).toContain(id);
    const asSeller = await call(
      listLoader,
      apiGet("/api/v1/bookings?role=facility", { token: seller.token }),
    );
    expect(asSeller.body.bookings).toEqual([]);
    const mine = await call(listLoader, apiGet("/api/v1/bookings?role=seller", { token: seller.token }));
    expect(mine.body.bookings.map((b: { id: string }) => b.id)).toContain(id);
    const badRole = await call(listLoader, apiGet("/api/v1/bookings?role=buyer", { token: seller.token }));
    expect(badRole).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", errors: [{ field: "role" }] },
    });

    expect(
      (await call(oneLoader, apiGet(`/api/v1/bookings/${id}`, { token: seller.token }), { bookingId: id }))
        .status,
    ).toBe(200);
    const stranger = await call(oneLoader, apiGet(`/api/v1/bookings/${id}`, { token: otherSeller.token }), {
      bookingId: id,
    });
    expect(stranger).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });

    const forbidden = await call(decisionAction, post(`/api/v1/bookings/${id}/accept`, {}, seller), {
      bookingId: id,
      decision: "accept",
    });
    expect(forbidden).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    expect(forbidden.type).toContain("application/problem+json");
    expect(await bookedKg(windowId)).toBe(0);

    const accepted = await call(decisionAction, post(`/api/v1/bookings/${id}/accept`, {}, recycler), {
      bookingId: id,
      decision: "accept",
    });
    expect(accepted).toMatchObject({ status: 200, body: { status: "accepted" } });
    expect(await bookedKg(windowId)).toBe(2_500);
    const twice = await call(decisionAction, post(`/api/v1/bookings/${id}/decline`, {}, recycler), {
      bookingId: id,
      decision: "decline",
    });
    expect(twice).toMatchObject({ status: 409, body: { code: "BOOKING_NOT_PENDING" } });

    const cancelled = await call(decisionAction, post(`/api/v1/bookings/${id}/cancel`, {}, seller), {
      bookingId: id,
      decision: "cancel",
    });
    expect(cancelled).toMatchObject({ status: 200, body: { status: "cancelled" } });
    expect(await bookedKg(windowId)).toBe(0);
  });

  test("problem codes name what is wrong and nothing is written", async () => {
    const windowId = await makeWindow(3);
    const before = await db().capacityBooking.count();
    const cases: [Account, Record<string, unknown>, number, string][] = [
      [
        seller,
        { capacityWindowId: windowId, lotId: await makeLot(seller, 4_000) },
        409,
        "INSUFFICIENT_CAPACITY",
      ],
      [seller, { capacityWindowId: windowId, lotId: await makeLot(otherSeller, 1_000) }, 403, "NOT_YOUR_LOT"],
      [
        seller,
        { capacityWindowId: windowId, lotId: await makeLot(seller, 1_000, { chemistry: "NCA" }) },
        409,
        "CHEMISTRY_NOT_ACCEPTED",
      ],
      [
        seller,
        {
          capacityWindowId: await makeWindow(3, { month: monthFromNow(-2) }),
          lotId: await makeLot(seller, 1_000),
        },
        409,
        "WINDOW_IN_PAST",
      ],
      [
        seller,
        { capacityWindowId: windowId, lotId: await makeLot(seller, 1_000, { status: "awarded" }) },
        409,
        "LOT_NOT_BOOKABLE",
      ],
      [
        recycler,
        { capacityWindowId: windowId, lotId: await makeLot(seller, 1_000) },
        403,
        "CAPABILITY_REQUIRED",
      ],
      [seller, { capacityWindowId: windowId }, 400, "VALIDATION_FAILED"],
      [
        seller,
        { capacityWindowId: "nope", lotId: await makeLot(seller, 1_000), extra: 1 },
        400,
        "VALIDATION_FAILED",
      ],
      [
        seller,
        { capacityWindowId: "00000000-0000-7000-8000-000000000000", lotId: await makeLot(seller, 1_000) },
        404,
        "NOT_FOUND",
      ],
    ];
    for (const [who, body, status, code] of cases) {
      const outcome = await call(createAction, post("/api/v1/bookings", body, who));
      expect({ body, status: outcome.status, code: outcome.body.code }).toEqual({ body, status, code });
    }
    const invalid = await call(
      createAction,
      post("/api/v1/bookings", { capacityWindowId: "nope", lotId: "x", extra: 1 }, seller),
    );
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "capacityWindowId",
      "extra",
      "lotId",
    ]);

    const lotId = await makeLot(seller, 1_000);
    await call(createAction, post("/api/v1/bookings", { capacityWindowId: windowId, lotId }, seller));
    const again = await call(
      createAction,
      post("/api/v1/bookings", { capacityWindowId: windowId, lotId }, seller),
    );
    expect(again).toMatchObject({ status: 409, body: { code: "ALREADY_BOOKED" } });
    expect(await db().capacityBooking.count()).toBe(before + 1);
  });

  test("decline takes an optional note and refuses a note too long, naming it", async () => {
    const windowId = await makeWindow(10);
    const id = await request(seller, windowId, await makeLot(seller, 1_000));
    const tooLong = await call(
      decisionAction,
      post(`/api/v1/bookings/${id}/decline`, { note: "x".repeat(501) }, recycler),
      {
        bookingId: id,
        decision: "decline",
      },
    );
    expect(tooLong).toMatchObject({ status: 400, body: { errors: [{ field: "note" }] } });
    expect(await statusOf(id)).toBe("requested");
    const declined = await call(
      decisionAction,
      post(`/api/v1/bookings/${id}/decline`, { note: "No room" }, recycler),
      {
        bookingId: id,
        decision: "decline",
      },
    );
    expect(declined).toMatchObject({ status: 200, body: { status: "declined", decisionNote: "No room" } });
    const unknown = await call(decisionAction, post(`/api/v1/bookings/${id}/approve`, {}, recycler), {
      bookingId: id,
      decision: "approve",
    });
    expect(unknown.status).toBe(404);
  });

  test("the OpenAPI document lists the bookings endpoints", async () => {
    const response = await openApiLoader({
      request: apiGet("/api/v1/openapi.json", {}),
      params: {},
      context: {},
    } as never);
    const document = JSON.parse(await (response as Response).text());
    for (const path of [
      "/api/v1/bookings",
      "/api/v1/bookings/{id}",
      "/api/v1/bookings/{id}/accept",
      "/api/v1/bookings/{id}/decline",
      "/api/v1/bookings/{id}/cancel",
    ])
      expect(document.paths).toHaveProperty([path]);
    expect(document.components.schemas).toHaveProperty("Booking");
  });
});

describe("pages", () => {
  const pageParams = () => ({ facilityId });

  test("facility page: a seller sees only its eligible lots with the total, books one, and a bad choice names the field", async () => {
    // A seller of its own, so lots from the other tests do not appear among the options.
    const seller = await account(["seller"]);
    const windowId = await makeWindow(8);
    const fits = await makeLot(seller, 2_000);
    await makeLot(seller, 9_000); // too heavy for this window
    await makeLot(otherSeller, 1_000); // not the seller's
    const page = await callRoute(
      facilityLoader,
      getRequest(`/facilities/${facilityId}`, { cookie: seller.cookie }),
      pageParams(),
    );
    const options = (
      page.data.bookable as Record<string, { lotId: string; total: { amountMinor: number } }[]>
    )[windowId];
    expect(options.map((o) => o.lotId)).toEqual([fits]);
    expect(options[0].total).toEqual({ amountMinor: 300_000, currency: "AUD" });

    // The recycler that owns the facility is offered no booking form.
    const own = await callRoute(
      facilityLoader,
      getRequest(`/facilities/${facilityId}`, { cookie: recycler.cookie }),
      pageParams(),
    );
    expect(own.data.bookable).toBeNull();

    const empty = await callRoute(
      facilityAction,
      postRequest(
        `/facilities/${facilityId}`,
        { intent: "book", windowId, lotId: "" },
        { cookie: seller.cookie },
      ),
      pageParams(),
    );
    expect(empty).toMatchObject({
      status: 400,
      data: { windowId, error: "Choose one of your lots to book." },
    });

    const foreign = await makeLot(otherSeller, 1_000);
    const refused = await callRoute(
      facilityAction,
      postRequest(
        `/facilities/${facilityId}`,
        { intent: "book", windowId, lotId: foreign },
        { cookie: seller.cookie },
      ),
      pageParams(),
    );
    expect(refused).toMatchObject({
      status: 403,
      data: { error: "This lot belongs to another organisation." },
    });
    // The same refusals on a Korean page (issue 14, ADR 065): worded by code and sentence, every
    // reason the rules gave, the facts in them (a lot status, tonnes) said the Korean way.
    const korean = { headers: { "Accept-Language": "ko-KR" } };
    const foreignInKorean = await callRoute(
      facilityAction,
      postRequest(
        `/facilities/${facilityId}`,
        { intent: "book", windowId, lotId: foreign },
        { cookie: seller.cookie, ...korean },
      ),
      pageParams(),
    );
    expect(foreignInKorean).toMatchObject({
      status: 403,
      data: { error: "이 로트는 다른 조직의 것입니다." },
    });
    const heavy = await makeLot(seller, 9_500, { status: "awarded" });
    const heavyInKorean = await callRoute(
      facilityAction,
      postRequest(
        `/facilities/${facilityId}`,
        { intent: "book", windowId, lotId: heavy },
        { cookie: seller.cookie, ...korean },
      ),
      pageParams(),
    );
    // The status is the sentence's word (lots.statusWord), not the list's label.
    expect(heavyInKorean.data.error).toBe(
      "낙찰 상태인 로트는 처리 용량을 예약할 수 없습니다. 로트 무게는 9.5 t이지만 여유 용량은 8 t뿐입니다.",
    );

    const booked = await callRoute(
      facilityAction,
      postRequest(
        `/facilities/${facilityId}`,
        { intent: "book", windowId, lotId: fits },
        { cookie: seller.cookie },
      ),
      pageParams(),
    );
    expect(booked.status).toBe(302);
    expect(booked.location).toMatch(/^\/bookings\?requested=/);
    expect(await db().capacityBooking.count({ where: { lotId: fits, status: "requested" } })).toBe(1);
  });

  test("facility page: the booking dropdown writes a lot's tonnes the page's language's way", async () => {
    const seller = await account(["seller"]);
    const windowId = await makeWindow(2_000);
    const lotId = await makeLot(seller, 1_234_500);
    const page = await callRoute(
      facilityLoader,
      getRequest(`/facilities/${facilityId}`, { cookie: seller.cookie }),
      pageParams(),
    );
    const options = (page.data.bookable as Record<string, BookableLotOption[]>)[windowId];
    expect(options.map((o) => o.lotId)).toEqual([lotId]);
    // The form as the page renders it, in each language: the option's text is reference, title
    // and the tonnes in that language's digits ("1,234.5 t" was written in every language).
    const optionIn = (language: LanguageCode) => {
      const router = createMemoryRouter([
        { path: "/", element: createElement(BookCapacityForm, { windowId, options }) },
      ]);
      const html = renderToString(
        createElement(
          I18nextProvider,
          { i18n: i18nFor(language, CATALOGUES[language]) },
          createElement(RouterProvider, { router }),
        ),
      );
      return /<option[^>]*>([^<]*)<\/option>/.exec(html)?.[1];
    };
    const reference = options[0].reference;
    const title = options[0].title;
    expect(reference).toMatch(/^PL-\d{6}$/);
    expect(optionIn("en")).toBe(`${reference} · ${title} · 1,234.5 t`);
    expect(optionIn("vi")).toBe(`${reference} · ${title} · 1.234,5 t`);
    expect(optionIn("id")).toBe(`${reference} · ${title} · 1.234,5 t`);
    expect(optionIn("es")).toBe(`${reference} · ${title} · ${formatTonnesIn("es", 1234.5)}`);
  });

  test("capacity page: the recycler sees the request, accepts one and declines another with a note; the seller cancels on /bookings", async () => {
    const windowId = await makeWindow(10);
    const first = await request(seller, windowId, await makeLot(seller, 3_000));
    const second = await request(seller, windowId, await makeLot(seller, 1_000));
    const capacityPath = `/facilities/${facilityId}/capacity`;
    const page = await callRoute(
      capacityLoader,
      getRequest(capacityPath, { cookie: recycler.cookie }),
      pageParams(),
    );
    const requestIds = (page.data.requests as { id: string }[]).map((r) => r.id);
    expect(requestIds).toEqual(expect.arrayContaining([first, second]));

    // A seller cannot reach the capacity page's actions at all.
    const intruder = await callRoute(
      capacityAction,
      postRequest(capacityPath, { intent: "accept", bookingId: first }, { cookie: seller.cookie }),
      pageParams(),
    );
    expect(intruder.status).toBe(403);
    expect(await statusOf(first)).toBe("requested");

    const accepted = await callRoute(
      capacityAction,
      postRequest(capacityPath, { intent: "accept", bookingId: first }, { cookie: recycler.cookie }),
      pageParams(),
    );
    expect(accepted.data.notice).toMatch(/accepted/);
    expect(await bookedKg(windowId)).toBe(3_000);

    const tooLong = await callRoute(
      capacityAction,
      postRequest(
        capacityPath,
        { intent: "decline", bookingId: second, decisionNote: "x".repeat(501) },
        { cookie: recycler.cookie },
      ),
      pageParams(),
    );
    expect(tooLong).toMatchObject({ status: 400, data: { formError: "Note: Use at most 500 characters." } });
    const declined = await callRoute(
      capacityAction,
      postRequest(
        capacityPath,
        { intent: "decline", bookingId: second, decisionNote: "Only NMC in that month" },
        { cookie: recycler.cookie },
      ),
      pageParams(),
    );
    expect(declined.data.notice).toMatch(/declined/);
    expect(await statusOf(second)).toBe("declined");
    // Accepting it now is refused, on a Korean page in Korean with the booking's status named.
    const lateAccept = await callRoute(
      capacityAction,
      postRequest(
        capacityPath,
        { intent: "accept", bookingId: second },
        { cookie: recycler.cookie, headers: { "Accept-Language": "ko-KR" } },
      ),
      pageParams(),
    );
    expect(lateAccept.data.formError).toBe(
      "이 예약은 이미 거절 상태입니다. 요청 중인 예약만 수락할 수 있습니다.",
    );

    const mine = await callRoute(bookingsLoader, getRequest("/bookings", { cookie: seller.cookie }));
    const rows = mine.data.mine as { id: string; status: string; decisionNote: string | null }[];
    expect(rows.find((r) => r.id === first)?.status).toBe("accepted");
    expect(rows.find((r) => r.id === second)).toMatchObject({
      status: "declined",
      decisionNote: "Only NMC in that month",
    });

    const strangerCancel = await callRoute(
      bookingsAction,
      postRequest(
        "/bookings",
        { intent: "cancel", bookingId: first, confirmed: "yes" },
        { cookie: otherSeller.cookie },
      ),
    );
    expect(strangerCancel.status).toBe(403);
    expect(strangerCancel.data.error).toBe("This booking belongs to other organisations.");
    // The page's refusals are worded by code in the reader's language (issue 14).
    const korean = { headers: { "Accept-Language": "ko-KR" } };
    const strangerInKorean = await callRoute(
      bookingsAction,
      postRequest(
        "/bookings",
        { intent: "cancel", bookingId: first, confirmed: "yes" },
        { cookie: otherSeller.cookie, ...korean },
      ),
    );
    expect(strangerInKorean.data.error).toBe("이 예약은 다른 조직의 것입니다.");
    const unknown = await callRoute(
      bookingsAction,
      postRequest("/bookings", { intent: "nonsense" }, { cookie: seller.cookie, ...korean }),
    );
    expect(unknown).toMatchObject({ status: 400, data: { error: "알 수 없는 작업입니다." } });
    const cancelled = await callRoute(
      bookingsAction,
      postRequest(
        "/bookings",
        { intent: "cancel", bookingId: first, confirmed: "yes" },
        { cookie: seller.cookie },
      ),
    );
    expect(cancelled.data.notice).toMatch(/cancelled/);
    expect(await bookedKg(windowId)).toBe(0);
  });
});
