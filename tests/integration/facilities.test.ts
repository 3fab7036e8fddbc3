// Facilities and capacity windows through the real route modules on a real database (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set): recyclers publish and edit their own facilities and
// windows; nobody else can; bad input is refused per field with nothing written; capacity never
// drops below what is booked, also while bookings race with an edit.
import { beforeAll, describe, expect, test } from "vitest";
import { monthOf } from "~/domain/capacity.ts";
import { updateCapacityWindow } from "~/models/capacity-window.server.ts";
import * as detailRoute from "~/routes/facilities.$facilityId._index.tsx";
import * as capacityRoute from "~/routes/facilities.$facilityId.capacity.tsx";
import * as editRoute from "~/routes/facilities.$facilityId.edit.tsx";
import * as newRoute from "~/routes/facilities.new.tsx";
import { db } from "~/utils/db.server.ts";
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
let owner: Account;
let rival: Account;
let seller: Account;

beforeAll(async () => {
  await insertEconomies(db());
  owner = await accountWith(["recycler", "buyer"]);
  rival = await accountWith(["recycler"], "NZ");
  seller = await accountWith(["seller"]);
});

async function createFacility(account: Account, overrides: Fields = {}) {
  const outcome = await callRoute(
    newRoute.action,
    postRequest("/facilities/new", facilityFields(overrides), { cookie: account.cookie }),
  );
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
  const id = /^\/facilities\/([0-9a-f-]{36})\/capacity/.exec(outcome.location ?? "")?.[1];
  expect(id).toBeDefined();
  return id!;
}

const snapshot = (facilityId: string) =>
  db().facility.findUniqueOrThrow({
    where: { id: facilityId },
    include: { capacityWindows: { orderBy: { id: "asc" } }, certifications: { orderBy: { id: "asc" } } },
  });

function postCapacity(account: Account, facilityId: string, fields: Fields) {
  return callRoute(
    capacityRoute.action,
    postRequest(`/facilities/${facilityId}/capacity`, fields, { cookie: account.cookie }),
    { facilityId },
  );
}

describe("publishing a facility", () => {
  test("a recycler publishes a facility; it is stored as typed and shown publicly", async () => {
    const id = await createFacility(owner);
    const stored = await snapshot(id);
    expect(stored).toMatchObject({
      organizationId: owner.organizationId,
      name: "Geelong Battery Recovery",
      economyCode: "AU",
      lat: -38.08,
      lng: 144.36,
      processes: ["mechanical"],
      acceptedChemistries: ["NMC811", "LFP"],
      acceptedForms: ["pack", "module"],
      acceptedConditions: ["intact", "damaged"],
      recoveryLiBp: 9000,
      recoveryCoBp: 9850,
      recoveryMnBp: 9525,
      holdsImportConsent: true,
      annualCapacityKg: 12_000_000,
      active: true,
    });

    // The public page needs no account.
    const page = await callRoute(detailRoute.loader, getRequest(`/facilities/${id}`), { facilityId: id });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      isOwner: false,
      facility: { name: "Geelong Battery Recovery", recoveryRatesPct: { li: 90, co: 98.5, mn: 95.25 } },
    });
    const asOwner = await callRoute(
      detailRoute.loader,
      getRequest(`/facilities/${id}`, { cookie: owner.cookie }),
      {
        facilityId: id,
      },
    );
    expect(asOwner.data.isOwner).toBe(true);
  });

  test("an organisation without the recycler capability cannot publish", async () => {
    const before = await db().facility.count();
    const page = await callRoute(newRoute.loader, getRequest("/facilities/new", { cookie: seller.cookie }));
    expect(page.status).toBe(403);
    const outcome = await callRoute(
      newRoute.action,
      postRequest("/facilities/new", facilityFields(), { cookie: seller.cookie }),
    );
    expect(outcome.status).toBe(403);
    expect(await db().facility.count()).toBe(before);
  });

  test("visitors are sent to log in", async () => {
    const outcome = await callRoute(newRoute.action, postRequest("/facilities/new", facilityFields()));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login\?redirectTo=/);
  });

  test.each([
    ["name", { name: "" }],
    ["lat", { lat: "91" }],
    ["lng", { lng: "east" }],
    ["economy", { economy: "FR" }],
    ["processes", { processes: [] }],
    ["acceptedChemistries", { acceptedChemistries: ["NMC999"] }],
    ["acceptedForms", { acceptedForms: [] }],
    ["acceptedConditions", { acceptedConditions: [] }],
    ["recoveryNiPct", { recoveryNiPct: "101" }],
    ["recoveryCuPct", { recoveryCuPct: "97.125" }],
    ["website", { website: "ftp://example.com" }],
  ])("bad %s → 400 naming the field, input kept, nothing written", async (field, patch) => {
    const before = await db().facility.count();
    const fields = facilityFields(patch);
    const outcome = await callRoute(
      newRoute.action,
      postRequest("/facilities/new", fields, { cookie: owner.cookie }),
    );
    expect(outcome.status).toBe(400);
    const errors = outcome.data.errors as Record<string, string>;
    expect(Object.keys(errors)).toEqual([field]);
    expect((outcome.data.values as Fields).name).toBe(fields.name);
    expect(await db().facility.count()).toBe(before);
  });
});

describe("editing a facility", () => {
  let facilityId: string;
  beforeAll(async () => {
    facilityId = await createFacility(owner, { name: "Editable plant" });
  });

  test("the owner edits the profile", async () => {
    const form = await callRoute(
      editRoute.loader,
      getRequest(`/facilities/${facilityId}/edit`, { cookie: owner.cookie }),
      { facilityId },
    );
    expect(form.data.defaults).toMatchObject({
      name: "Editable plant",
      recoveryCoPct: "98.5",
      holdsImportConsent: "on",
    });
    const outcome = await callRoute(
      editRoute.action,
      postRequest(
        `/facilities/${facilityId}/edit`,
        facilityFields({
          name: "Edited plant",
          processes: ["mechanical", "hydrometallurgy"],
          holdsImportConsent: undefined,
        }),
        { cookie: owner.cookie },
      ),
      { facilityId },
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/facilities/${facilityId}`);
    expect(await snapshot(facilityId)).toMatchObject({
      name: "Edited plant",
      processes: ["mechanical", "hydrometallurgy"],
      holdsImportConsent: false,
    });
  });

  test("a bad edit is refused per field and changes nothing", async () => {
    const before = await snapshot(facilityId);
    const outcome = await callRoute(
      editRoute.action,
      postRequest(`/facilities/${facilityId}/edit`, facilityFields({ name: "", lat: "-95" }), {
        cookie: owner.cookie,
      }),
      { facilityId },
    );
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object).sort()).toEqual(["lat", "name"]);
    expect(await snapshot(facilityId)).toEqual(before);
  });

  test("another organisation can neither open the edit page nor change anything", async () => {
    const certification = await db().facilityCertification.create({ data: { facilityId, name: "R2v3" } });
    const before = await snapshot(facilityId);
    const page = await callRoute(
      editRoute.loader,
      getRequest(`/facilities/${facilityId}/edit`, { cookie: rival.cookie }),
      { facilityId },
    );
    expect(page.status).toBe(403);
    const attempts = [
      facilityFields({ name: "Hijacked" }),
      { intent: "add-certification", name: "Fake permit" },
      { intent: "remove-certification", certificationId: certification.id },
      { intent: "unlist" },
    ];
    for (const fields of attempts) {
      const outcome = await callRoute(
        editRoute.action,
        postRequest(`/facilities/${facilityId}/edit`, fields, { cookie: rival.cookie }),
        { facilityId },
      );
      expect(outcome.status, JSON.stringify(fields)).toBe(403);
    }
    expect(await snapshot(facilityId)).toEqual(before);
    await db().facilityCertification.delete({ where: { id: certification.id } });
  });

  test.each(["00000000-0000-7000-8000-000000000000", "not-a-uuid"])(
    "an unknown facility %s is a 404",
    async (id) => {
      const page = await callRoute(
        editRoute.loader,
        getRequest(`/facilities/${id}/edit`, { cookie: owner.cookie }),
        {
          facilityId: id,
        },
      );
      expect(page.status).toBe(404);
      const detail = await callRoute(detailRoute.loader, getRequest(`/facilities/${id}`), { facilityId: id });
      expect(detail.status).toBe(404);
    },
  );

  test("certifications are added with an expiry, flagged once expired, and removed", async () => {
    const post = (fields: Fields) =>
      callRoute(
        editRoute.action,
        postRequest(`/facilities/${facilityId}/edit`, fields, { cookie: owner.cookie }),
        {
          facilityId,
        },
      );
    const added = await post({
      intent: "add-certification",
      name: "ISO 14001:2015",
      reference: "AU-123",
      expiresOn: "2099-12-31",
    });
    expect(added.status).toBe(200);
    const lapsed = await post({ intent: "add-certification", name: "Old permit", expiresOn: "2001-01-01" });
    expect(lapsed.status).toBe(400);
    expect(Object.keys(lapsed.data.errors as object)).toEqual(["expiresOn"]);

    // A permit that lapsed after it was added is shown as expired.
    const stored = await snapshot(facilityId);
    await db().facilityCertification.create({
      data: { facilityId, name: "Waste permit", expiresOn: new Date("2020-06-30T00:00:00Z") },
    });
    const page = await callRoute(detailRoute.loader, getRequest(`/facilities/${facilityId}`), { facilityId });
    const certifications = (page.data.facility as { certifications: { name: string; expired: boolean }[] })
      .certifications;
    expect(certifications.map((c) => [c.name, c.expired])).toEqual([
      ["ISO 14001:2015", false],
      ["Waste permit", true],
    ]);

    const iso = stored.certifications.find((c) => c.name === "ISO 14001:2015")!;
    const removed = await post({ intent: "remove-certification", certificationId: iso.id });
    expect(removed.status).toBe(200);
    expect((await snapshot(facilityId)).certifications.map((c) => c.name)).toEqual(["Waste permit"]);
  });

  test("an unlisted facility is hidden from others and still visible to its owner", async () => {
    const unlisted = await callRoute(
      editRoute.action,
      postRequest(`/facilities/${facilityId}/edit`, { intent: "unlist" }, { cookie: owner.cookie }),
      { facilityId },
    );
    expect(unlisted.status).toBe(200);
    const hidden = await callRoute(
      detailRoute.loader,
      getRequest(`/facilities/${facilityId}`, { cookie: rival.cookie }),
      {
        facilityId,
      },
    );
    expect(hidden.status).toBe(404);
    const own = await callRoute(
      detailRoute.loader,
      getRequest(`/facilities/${facilityId}`, { cookie: owner.cookie }),
      {
        facilityId,
      },
    );
    expect(own.data).toMatchObject({ active: false, isOwner: true });
    await callRoute(
      editRoute.action,
      postRequest(`/facilities/${facilityId}/edit`, { intent: "relist" }, { cookie: owner.cookie }),
      { facilityId },
    );
    expect((await snapshot(facilityId)).active).toBe(true);
  });
});

describe("capacity windows", () => {
  let facilityId: string;
  beforeAll(async () => {
    facilityId = await createFacility(owner, { name: "Capacity plant" });
  });

  test("the owner posts next month's capacity and sees it on the facility page", async () => {
    const outcome = await postCapacity(owner, facilityId, capacityFields({ note: "Packs on pallets" }));
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
    expect(outcome.location).toBe(`/facilities/${facilityId}/capacity?posted=${monthFromNow(1)}`);
    const [window] = (await snapshot(facilityId)).capacityWindows;
    expect(window).toMatchObject({
      capacityKg: 800_000,
      bookedKg: 0,
      priceMinorPerTonne: 150_000n,
      currency: "AUD",
      priceKind: "gate_fee",
      acceptedChemistries: ["LFP"],
      note: "Packs on pallets",
    });
    const page = await callRoute(detailRoute.loader, getRequest(`/facilities/${facilityId}`), { facilityId });
    expect((page.data.facility as { capacity: unknown[] }).capacity).toEqual([
      {
        id: window.id,
        month: monthFromNow(1),
        tonnes: 800,
        bookedTonnes: 0,
        freeTonnes: 800,
        pricePerTonne: { amountMinor: 150_000, currency: "AUD" },
        priceKind: "gate_fee",
        acceptedChemistries: ["LFP"],
        note: "Packs on pallets",
      },
    ]);
  });

  test.each([
    ["month", { month: monthFromNow(-1) }],
    ["tonnes", { tonnes: "0" }],
    ["tonnes", { tonnes: "60000" }],
    ["price", { price: "-5" }],
    ["currency", { currency: "ABC" }],
    ["priceKind", { priceKind: "rebate" }],
    ["acceptedChemistries", { acceptedChemistries: ["NCA"] }],
  ])("bad %s → 400 naming the field, nothing written", async (field, patch) => {
    const before = await snapshot(facilityId);
    const outcome = await postCapacity(owner, facilityId, capacityFields(patch));
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object)).toEqual([field]);
    expect((outcome.data.values as Fields).tonnes).toBe(capacityFields(patch).tonnes);
    expect(await snapshot(facilityId)).toEqual(before);
  });

  test("the form's messages come back in the page's language; the API's English is the fallback", async () => {
    const post = (language: string) =>
      callRoute(
        capacityRoute.action,
        postRequest(
          `/facilities/${facilityId}/capacity`,
          capacityFields({ tonnes: "0", priceKind: "rebate", repeatMonths: "99" }),
          { cookie: owner.cookie, headers: { "Accept-Language": language } },
        ),
        { facilityId },
      );
    const korean = (await post("ko-KR,ko;q=0.9")).data.errors as Record<string, string>;
    expect(korean).toEqual({
      tonnes: "0톤보다 많이 제공하세요.",
      priceKind: "정산율 또는 반입 처리비를 선택하세요.",
      repeatMonths: "1부터 12까지의 정수 개월 수를 입력하세요.",
    });
    const english = (await post("en-AU")).data.errors as Record<string, string>;
    expect(english).toEqual({
      tonnes: "Offer more than 0 tonnes.",
      priceKind: "Choose payable or gate fee.",
      repeatMonths: "Enter a whole number of months from 1 to 12.",
    });
  });

  test("a new facility's errors are written in the page's language (zh-Hant)", async () => {
    const outcome = await callRoute(
      newRoute.action,
      postRequest("/facilities/new", facilityFields({ name: "", lat: "-95" }), {
        cookie: owner.cookie,
        headers: { "Accept-Language": "zh-TW" },
      }),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toMatchObject({
      name: "請填寫設施名稱。",
      lat: "請填寫 -90 到 90 之間的緯度（十進制度）。",
    });
  });

  test("the owner edits a window", async () => {
    const [window] = (await snapshot(facilityId)).capacityWindows;
    const form = await callRoute(
      capacityRoute.loader,
      getRequest(`/facilities/${facilityId}/capacity?edit=${window.id}`, { cookie: owner.cookie }),
      { facilityId },
    );
    expect(form.data.defaults).toMatchObject({ tonnes: "800", price: "1500.00", priceKind: "gate_fee" });
    const outcome = await postCapacity(
      owner,
      facilityId,
      capacityFields({
        intent: "update",
        windowId: window.id,
        tonnes: "950.5",
        priceKind: "payable",
        price: "200",
      }),
    );
    expect(outcome.status).toBe(302);
    const updated = await db().capacityWindow.findUniqueOrThrow({ where: { id: window.id } });
    expect(updated).toMatchObject({
      capacityKg: 950_500,
      priceKind: "payable",
      priceMinorPerTonne: 20_000n,
      version: 1,
    });
  });

  test("another organisation cannot add, edit or remove the windows", async () => {
    const before = await snapshot(facilityId);
    const windowId = before.capacityWindows[0].id;
    const page = await callRoute(
      capacityRoute.loader,
      getRequest(`/facilities/${facilityId}/capacity`, { cookie: rival.cookie }),
      { facilityId },
    );
    expect(page.status).toBe(403);
    for (const fields of [
      capacityFields(),
      capacityFields({ intent: "update", windowId, tonnes: "1" }),
      { intent: "remove", windowId, confirmed: "yes" },
    ]) {
      const outcome = await postCapacity(rival, facilityId, fields);
      expect(outcome.status, String(fields.intent)).toBe(403);
    }
    // Nor through its own facility's URL with this facility's window id.
    const rivalFacility = await createFacility(rival, { economy: "NZ", name: "Rival plant" });
    const sideways = await postCapacity(
      rival,
      rivalFacility,
      capacityFields({ intent: "update", windowId, tonnes: "1" }),
    );
    expect(sideways.status).toBe(404);
    const removal = await postCapacity(rival, rivalFacility, {
      intent: "remove",
      windowId,
      confirmed: "yes",
    });
    expect(removal.status).toBe(404);
    expect(await snapshot(facilityId)).toEqual(before);
  });

  test("a window is never lowered below what is booked, and a booked window is not removed", async () => {
    const [window] = (await snapshot(facilityId)).capacityWindows;
    const lot = await db().lot.create({
      data: {
        organizationId: seller.organizationId,
        title: "Booked packs",
        chemistry: "LFP",
        form: "pack",
        condition: "intact",
        count: 10,
        massKg: 400_000,
        lat: -37.8,
        lng: 144.9,
        economyCode: "AU",
        availableFrom: new Date(),
        saleMode: "fixed",
        currency: "AUD",
      },
    });
    await db().capacityBooking.create({
      data: {
        capacityWindowId: window.id,
        lotId: lot.id,
        organizationId: seller.organizationId,
        massKg: 400_000,
        priceMinorPerTonne: 20_000n,
        currency: "AUD",
        priceKind: "payable",
        status: "accepted",
      },
    });
    await db().capacityWindow.update({ where: { id: window.id }, data: { bookedKg: 400_000 } });

    const lowered = await postCapacity(
      owner,
      facilityId,
      capacityFields({ intent: "update", windowId: window.id, tonnes: "399.999" }),
    );
    expect(lowered.status).toBe(400);
    expect(lowered.data.errors).toEqual({ tonnes: "400 t are already booked; offer at least that much." });
    const atBooked = await postCapacity(
      owner,
      facilityId,
      capacityFields({ intent: "update", windowId: window.id, tonnes: "400" }),
    );
    expect(atBooked.status).toBe(302);

    const removal = await postCapacity(owner, facilityId, {
      intent: "remove",
      windowId: window.id,
      confirmed: "yes",
    });
    expect(removal.status).toBe(409);
    expect(removal.data.formError).toMatch(/bookings/);
    // The same refusals on Korean and Japanese pages (issue 14, ADR 065): the model's sentence
    // worded by its code, the month it names in the page's language.
    const inLanguage = (language: string, fields: Fields) =>
      callRoute(
        capacityRoute.action,
        postRequest(`/facilities/${facilityId}/capacity`, fields, {
          cookie: owner.cookie,
          headers: { "Accept-Language": language },
        }),
        { facilityId },
      );
    const removalInKorean = await inLanguage("ko-KR", {
      intent: "remove",
      windowId: window.id,
      confirmed: "yes",
    });
    expect(removalInKorean).toMatchObject({
      status: 409,
      data: { formError: "이 창에는 예약이 있어 삭제할 수 없습니다. 대신 예약된 양까지 줄이세요." },
    });
    const twice = await inLanguage("ja-JP", capacityFields({ intent: "add", month: monthOf(window.month) }));
    expect(twice.status).toBe(409);
    const [year, month] = monthOf(window.month).split("-").map(Number);
    expect((twice.data.errors as Record<string, string>).month).toBe(
      `${year}年${month}月 の受入枠はすでにあります。2 つ目を掲載せず、その受入枠を編集してください。`,
    );
    expect(await db().capacityWindow.count({ where: { id: window.id } })).toBe(1);

    // A booking request not yet accepted holds no kg but still keeps the window.
    await db().capacityWindow.update({ where: { id: window.id }, data: { bookedKg: 0 } });
    await db().capacityBooking.updateMany({
      where: { capacityWindowId: window.id },
      data: { status: "requested" },
    });
    expect(
      (await postCapacity(owner, facilityId, { intent: "remove", windowId: window.id, confirmed: "yes" }))
        .status,
    ).toBe(409);
    await db().capacityBooking.updateMany({
      where: { capacityWindowId: window.id },
      data: { status: "declined" },
    });
    const removed = await postCapacity(owner, facilityId, {
      intent: "remove",
      windowId: window.id,
      confirmed: "yes",
    });
    expect(removed.status).toBe(200);
    expect(await db().capacityWindow.count({ where: { id: window.id } })).toBe(0);
  });

  test("a window of a past month can no longer be changed", async () => {
    const past = await db().capacityWindow.create({
      data: {
        facilityId,
        month: new Date(`${monthFromNow(-2)}-01T00:00:00Z`),
        capacityKg: 1000,
        priceMinorPerTonne: 0n,
        currency: "AUD",
        priceKind: "gate_fee",
      },
    });
    const data = {
      month: monthFromNow(1) as `${number}-${number}`,
      capacityKg: 500,
      priceMinorPerTonne: 0,
      currency: "AUD",
    };
    const outcome = await updateCapacityWindow(facilityId, owner.organizationId, past.id, {
      ...data,
      priceKind: "gate_fee",
      acceptedChemistries: [],
      note: null,
    });
    expect(outcome).toMatchObject({ ok: false, code: "WINDOW_IN_PAST" });
    expect((await db().capacityWindow.findUniqueOrThrow({ where: { id: past.id } })).capacityKg).toBe(1000);
  });

  test("edits racing with bookings never leave a window below what is booked", async () => {
    // One race is a coin toss; several rounds make a missing row lock show reliably on PostgreSQL.
    for (let round = 0; round < 8; round++) {
      // A month of its own per round: a facility has one window per month (ADR 042).
      const month = monthFromNow(20 + round) as `${number}-${number}`;
      const window = await db().capacityWindow.create({
        data: {
          facilityId,
          month: new Date(`${month}-01T00:00:00Z`),
          capacityKg: 2000,
          priceMinorPerTonne: 0n,
          currency: "AUD",
          priceKind: "gate_fee",
        },
      });
      // A booking takes 100 kg only while it fits, in one conditional statement (as a booking model would).
      const book = () =>
        db().$executeRaw`UPDATE "CapacityWindow" SET "bookedKg" = "bookedKg" + 100
          WHERE id = ${window.id}::uuid AND "bookedKg" + 100 <= "capacityKg"`;
      const lower = (kg: number) =>
        updateCapacityWindow(facilityId, owner.organizationId, window.id, {
          month,
          capacityKg: kg,
          priceMinorPerTonne: 0,
          currency: "AUD",
          priceKind: "gate_fee",
          acceptedChemistries: [],
          note: null,
        });
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 20; i++) {
        work.push(book());
        if (i % 2 === 0) work.push(lower(2000 - i * 75));
      }
      const results = await Promise.all(work);
      const final = await db().capacityWindow.findUniqueOrThrow({ where: { id: window.id } });
      expect(final.capacityKg, `round ${round}`).toBeGreaterThanOrEqual(final.bookedKg);
      expect(final.bookedKg).toBeGreaterThan(0);
      // A refused edit reports the booked amount it met, which its capacity was below.
      for (const r of results) {
        if (typeof r === "object" && r !== null && (r as { code?: string }).code === "BELOW_BOOKED") {
          expect((r as { details: { bookedKg: number } }).details.bookedKg).toBeGreaterThan(0);
        }
      }
    }
  });
});
