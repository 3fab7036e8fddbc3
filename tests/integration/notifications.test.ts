// Notifications, watchlists, questions and saved searches through the real routes and models on a
// real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): the bell's count and marking
// read; watching is idempotent and refused on one's own lot; "ending soon" is sent once per lot even
// when two sweeps race; questions are asked and answered only by the right people, with their
// notices and emails; publishing a lot tells matching saved searches and facilities.
import { beforeAll, describe, expect, test } from "vitest";
import { notifyEndingSoon } from "~/models/bidding/ending-soon.server.ts";
import { watchLot } from "~/models/lot-watch.server.ts";
import { notifyUsers } from "~/models/notification.server.ts";
import * as rootRoute from "~/root.tsx";
import * as detailRoute from "~/routes/lots.$lotId.tsx";
import * as questionsRoute from "~/routes/lots.$lotId_.questions.ts";
import * as watchRoute from "~/routes/lots.$lotId_.watch.ts";
import * as newLotRoute from "~/routes/lots.new.tsx";
import * as openNotificationRoute from "~/routes/notifications.$notificationId.ts";
import * as notificationsRoute from "~/routes/notifications.tsx";
import * as searchesRoute from "~/routes/searches.tsx";
import * as watchlistRoute from "~/routes/watchlist.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { lotFields } from "../fixtures/lots.ts";
import { callRoute, getRequest, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let buyer: Account;
let otherBuyer: Account;
let recycler: Account;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"], "KR");
  otherBuyer = await accountWith(["buyer"], "NZ");
  recycler = await accountWith(["recycler"], "AU");
});

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/** An open lot of `account`'s organisation, written directly (the lot routes have their own tests). */
async function openLot(account: Account, overrides: Record<string, unknown> = {}) {
  const closesAt = minutes(7 * 24 * 60);
  return db().lot.create({
    data: {
      organizationId: account.organizationId,
      createdById: account.userId,
      title: "10 Nissan Leaf packs",
      chemistry: "NMC532",
      form: "pack",
      condition: "intact",
      count: 10,
      massKg: 3000,
      lat: -33.95,
      lng: 151.18,
      economyCode: "AU",
      availableFrom: new Date(),
      saleMode: "auction",
      currency: "AUD",
      startingPriceMinor: 100_000n,
      closesAt,
      originalClosesAt: closesAt,
      status: "open",
      publishedAt: new Date(),
      ...overrides,
    },
  });
}

const emailOf = async (account: Account) =>
  (await db().user.findUniqueOrThrow({ where: { id: account.userId } })).email;

describe("the bell", () => {
  test("the header counts unread notices; none for visitors", async () => {
    const reader = await accountWith(["buyer"]);
    await db().$transaction(async (tx) => {
      for (const n of [1, 2, 3]) {
        await notifyUsers(tx, [reader.userId], { kind: "outbid", title: `Outbid ${n}`, link: "/lots" });
      }
    });
    const page = await callRoute(rootRoute.loader, getRequest("/", { cookie: reader.cookie }));
    expect((page.data.viewer as { unreadNotifications: number }).unreadNotifications).toBe(3);
    const visitor = await callRoute(rootRoute.loader, getRequest("/"));
    expect(visitor.data.viewer).toBeNull();
  });

  test("the list is newest first and paged; opening one marks it read and goes to its link", async () => {
    const reader = await accountWith(["buyer"]);
    const base = Date.now() - 100_000;
    await db().notification.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        userId: reader.userId,
        kind: "outbid",
        title: `Notice ${i + 1}`,
        link: `/lots?n=${i + 1}`,
        createdAt: new Date(base + i * 1000),
      })),
    });
    const first = await callRoute(
      notificationsRoute.loader,
      getRequest("/notifications", { cookie: reader.cookie }),
    );
    const items = first.data.items as { id: string; title: string; read: boolean }[];
    expect(items).toHaveLength(20);
    expect(items[0].title).toBe("Notice 25");
    expect(items[19].title).toBe("Notice 6");
    expect(first.data).toMatchObject({ unread: 25, total: 25, page: 1, pageCount: 2 });
    const second = await callRoute(
      notificationsRoute.loader,
      getRequest("/notifications?page=2", { cookie: reader.cookie }),
    );
    expect((second.data.items as { title: string }[]).map((n) => n.title)).toEqual([
      "Notice 5",
      "Notice 4",
      "Notice 3",
      "Notice 2",
      "Notice 1",
    ]);

    const opened = await callRoute(
      openNotificationRoute.loader,
      getRequest(`/notifications/${items[0].id}`, { cookie: reader.cookie }),
      { notificationId: items[0].id },
    );
    expect(opened.status).toBe(302);
    expect(opened.location).toBe("/lots?n=25");
    expect((await db().notification.findUniqueOrThrow({ where: { id: items[0].id } })).readAt).not.toBeNull();

    // Someone else's notice: not found, and it stays unread.
    const intruder = await callRoute(
      openNotificationRoute.loader,
      getRequest(`/notifications/${items[1].id}`, { cookie: buyer.cookie }),
      { notificationId: items[1].id },
    );
    expect(intruder.status).toBe(404);
    expect((await db().notification.findUniqueOrThrow({ where: { id: items[1].id } })).readAt).toBeNull();

    const all = await callRoute(
      notificationsRoute.action,
      postRequest("/notifications", { intent: "readAll" }, { cookie: reader.cookie }),
    );
    expect(all.data.marked).toBe(24);
    expect(await db().notification.count({ where: { userId: reader.userId, readAt: null } })).toBe(0);
    const root = await callRoute(rootRoute.loader, getRequest("/", { cookie: reader.cookie }));
    expect((root.data.viewer as { unreadNotifications: number }).unreadNotifications).toBe(0);
  });

  test("the notifications page needs a login", async () => {
    const outcome = await callRoute(notificationsRoute.loader, getRequest("/notifications"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/^\/login/);
  });
});

describe("the watchlist", () => {
  const post = (account: Account, lotId: string, intent: string) =>
    callRoute(
      watchRoute.action,
      postRequest(`/lots/${lotId}/watch`, { intent }, { cookie: account.cookie }),
      {
        lotId,
      },
    );

  test("watch and unwatch are idempotent, and the watchlist shows the lot", async () => {
    const lot = await openLot(seller, { title: "Watched lot" });
    const count = () => db().lotWatch.count({ where: { lotId: lot.id, userId: buyer.userId } });
    for (const _ of [1, 2]) {
      const outcome = await post(buyer, lot.id, "watch");
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe(`/lots/${lot.id}`);
    }
    expect(await count()).toBe(1);
    const page = await callRoute(watchlistRoute.loader, getRequest("/watchlist", { cookie: buyer.cookie }));
    expect(page.data.lots).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: lot.id,
          title: "Watched lot",
          status: "open",
          closesAt: lot.closesAt!.toISOString(),
        }),
      ]),
    );
    const detail = await callRoute(
      detailRoute.loader,
      getRequest(`/lots/${lot.id}`, { cookie: buyer.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect(detail.data.engagement).toMatchObject({ canWatch: true, watching: true });

    for (const _ of [1, 2]) expect((await post(buyer, lot.id, "unwatch")).status).toBe(302);
    expect(await count()).toBe(0);
  });

  test("concurrent watches (a bid and a click at once) leave one row", async () => {
    const lot = await openLot(seller);
    await Promise.all(Array.from({ length: 5 }, () => watchLot(db(), otherBuyer.userId, lot.id)));
    expect(await db().lotWatch.count({ where: { lotId: lot.id, userId: otherBuyer.userId } })).toBe(1);
  });

  test("a seller cannot watch its own lot; nobody can watch a draft; bad intents are refused", async () => {
    const lot = await openLot(seller);
    const own = await post(seller, lot.id, "watch");
    expect(own.status).toBe(403);
    const draft = await openLot(seller, { status: "draft", publishedAt: null });
    expect((await post(buyer, draft.id, "watch")).status).toBe(404);
    expect((await post(buyer, lot.id, "follow")).status).toBe(400);
    expect(await db().lotWatch.count({ where: { lotId: { in: [lot.id, draft.id] } } })).toBe(0);
    const detail = await callRoute(
      detailRoute.loader,
      getRequest(`/lots/${lot.id}`, { cookie: seller.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect(detail.data.engagement).toMatchObject({ canWatch: false, canAsk: false, isSeller: true });
  });
});

describe("auction ending soon", () => {
  test("two sweeps at once notify each watcher of a closing lot exactly once", async () => {
    const now = new Date();
    const closing = await openLot(seller, { closesAt: minutes(30), title: "Closing soon" });
    const later = await openLot(seller, { closesAt: minutes(120) });
    const fixed = await openLot(seller, {
      closesAt: minutes(30),
      saleMode: "fixed",
      askingPriceMinor: 5000n,
    });
    const sealed = await openLot(seller, { closesAt: minutes(45), saleMode: "sealed" });
    const watchers = [buyer, otherBuyer, recycler];
    for (const lot of [closing, later, fixed, sealed]) {
      for (const w of watchers) await watchLot(db(), w.userId, lot.id);
    }
    const before = await db().notification.count({ where: { kind: "ending_soon" } });

    const [a, b] = await Promise.all([notifyEndingSoon(now), notifyEndingSoon(now)]);
    const claimed = [...a.lots, ...b.lots];
    expect(claimed.filter((id) => id === closing.id)).toHaveLength(1);
    expect(claimed.filter((id) => id === sealed.id)).toHaveLength(1);
    expect(claimed).not.toContain(later.id);
    expect(claimed).not.toContain(fixed.id);

    for (const w of watchers) {
      const notices = await db().notification.findMany({ where: { userId: w.userId, kind: "ending_soon" } });
      expect(notices.filter((n) => n.lotId === closing.id)).toHaveLength(1);
      expect(notices.filter((n) => n.lotId === sealed.id)).toHaveLength(1);
      expect(notices.find((n) => n.lotId === closing.id)?.title).toContain("Closing soon");
    }
    expect(await db().notification.count({ where: { kind: "ending_soon" } })).toBe(before + 6);
    expect(
      (await db().lot.findUniqueOrThrow({ where: { id: closing.id } })).endingSoonNotifiedAt,
    ).not.toBeNull();

    // A later sweep finds nothing new to say.
    const again = await notifyEndingSoon(new Date());
    expect(again.lots).not.toContain(closing.id);
    expect(await db().notification.count({ where: { kind: "ending_soon" } })).toBe(before + 6);
  });
});

describe("questions on a lot", () => {
  const ask = (account: Account, lotId: string, question: string) =>
    callRoute(
      questionsRoute.action,
      postRequest(`/lots/${lotId}/questions`, { intent: "ask", question }, { cookie: account.cookie }),
      { lotId },
    );
  const answer = (account: Account, lotId: string, questionId: string, text: string) =>
    callRoute(
      questionsRoute.action,
      postRequest(
        `/lots/${lotId}/questions`,
        { intent: "answer", questionId, answer: text },
        { cookie: account.cookie },
      ),
      { lotId },
    );

  test("a bidder asks, the seller answers publicly; asker, watchers and seller hear the right things", async () => {
    const lot = await openLot(seller, { title: "Questioned lot" });
    await watchLot(db(), otherBuyer.userId, lot.id);
    const sellerEmail = await emailOf(seller);
    const askerEmail = await emailOf(buyer);
    const watcherEmail = await emailOf(otherBuyer);

    const asked = await ask(buyer, lot.id, "  Are the packs discharged?  ");
    expect(asked.status).toBe(302);
    expect(asked.location).toBe(`/lots/${lot.id}`);
    const question = await db().lotQuestion.findFirstOrThrow({ where: { lotId: lot.id } });
    expect(question).toMatchObject({
      question: "Are the packs discharged?",
      askedById: buyer.userId,
      organizationId: buyer.organizationId,
      answer: null,
    });
    const sellerNotices = await db().notification.findMany({
      where: { userId: seller.userId, lotId: lot.id },
    });
    expect(sellerNotices).toEqual([
      expect.objectContaining({ kind: "question_asked", link: `/lots/${lot.id}#questions` }),
    ]);
    expect(
      await db().outboxEmail.count({ where: { to: sellerEmail, kind: "question_asked" } }),
    ).toBeGreaterThan(0);
    // Asking watches the lot, so the answer reaches the asker.
    expect(await db().lotWatch.count({ where: { lotId: lot.id, userId: buyer.userId } })).toBe(1);

    // Before the answer: the seller sees it, the asker sees their own, a visitor sees nothing.
    const sellerView = await callRoute(
      detailRoute.loader,
      getRequest(`/lots/${lot.id}`, { cookie: seller.cookie }),
      {
        lotId: lot.id,
      },
    );
    expect((sellerView.data.engagement as { questions: unknown[] }).questions).toHaveLength(1);
    const visitorBefore = await callRoute(detailRoute.loader, getRequest(`/lots/${lot.id}`), {
      lotId: lot.id,
    });
    expect((visitorBefore.data.engagement as { questions: unknown[] }).questions).toHaveLength(0);

    // Only the seller answers.
    const wrong = await answer(otherBuyer, lot.id, question.id, "Yes");
    expect(wrong.status).toBe(403);
    expect(wrong.data.formError).toMatch(/Only the seller/);
    const emptyAnswer = await answer(seller, lot.id, question.id, "   ");
    expect(emptyAnswer.status).toBe(400);
    expect((emptyAnswer.data.errors as Record<string, string>).answer).toMatch(/Answer must not be empty/);
    const longAnswer = await answer(seller, lot.id, question.id, "x".repeat(2001));
    expect(longAnswer.status).toBe(400);
    expect((longAnswer.data.errors as Record<string, string>).answer).toMatch(/at most 2,000/);
    expect((await db().lotQuestion.findUniqueOrThrow({ where: { id: question.id } })).answer).toBeNull();

    const answered = await answer(seller, lot.id, question.id, "Yes, to 30 % state of charge.");
    expect(answered.status).toBe(302);
    expect(await db().lotQuestion.findUniqueOrThrow({ where: { id: question.id } })).toMatchObject({
      answer: "Yes, to 30 % state of charge.",
      answeredById: seller.userId,
    });
    for (const account of [buyer, otherBuyer]) {
      const notices = await db().notification.findMany({
        where: { userId: account.userId, lotId: lot.id, kind: "question_answered" },
      });
      expect(notices).toHaveLength(1);
      expect(notices[0].body).toBe("Yes, to 30 % state of charge.");
    }
    expect(
      await db().notification.count({ where: { userId: seller.userId, kind: "question_answered" } }),
    ).toBe(0);
    for (const to of [askerEmail, watcherEmail]) {
      expect(await db().outboxEmail.count({ where: { to, kind: "question_answered" } })).toBe(1);
    }

    const twice = await answer(seller, lot.id, question.id, "Changed my mind");
    expect(twice.status).toBe(409);

    // Everyone sees the answered question, anonymised.
    const visitor = await callRoute(detailRoute.loader, getRequest(`/lots/${lot.id}`), { lotId: lot.id });
    const shown = (visitor.data.engagement as { questions: Record<string, unknown>[] }).questions;
    expect(shown).toEqual([
      expect.objectContaining({
        question: "Are the packs discharged?",
        answer: "Yes, to 30 % state of charge.",
        mine: false,
      }),
    ]);
    expect(JSON.stringify(shown)).not.toContain(buyer.organizationId);
    expect(JSON.stringify(shown)).not.toContain(buyer.userId);
  });

  test("bad questions are refused per field and nothing is written", async () => {
    const lot = await openLot(seller);
    const empty = await ask(buyer, lot.id, "  ");
    expect(empty.status).toBe(400);
    expect((empty.data.errors as Record<string, string>).question).toMatch(/Question must not be empty/);
    const long = await ask(buyer, lot.id, "q".repeat(1001));
    expect(long.status).toBe(400);
    expect((long.data.errors as Record<string, string>).question).toMatch(/at most 1,000 characters/);
    const own = await ask(seller, lot.id, "Is this mine?");
    expect(own.status).toBe(403);
    const closed = await openLot(seller, { status: "closed" });
    const onClosed = await ask(buyer, closed.id, "Still available?");
    expect(onClosed.status).toBe(409);
    expect(onClosed.data.formError).toMatch(/only be asked while the lot is open/);
    const draft = await openLot(seller, { status: "draft", publishedAt: null });
    expect((await ask(buyer, draft.id, "Hello?")).status).toBe(404);
    expect(await db().lotQuestion.count({ where: { lotId: { in: [lot.id, closed.id, draft.id] } } })).toBe(0);
    const visitor = await callRoute(
      questionsRoute.action,
      postRequest(`/lots/${lot.id}/questions`, { intent: "ask", question: "Hi" }),
      { lotId: lot.id },
    );
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login/);
  });

  test("askers are limited to 10 questions an hour", async () => {
    const asker = await accountWith(["buyer"]);
    const lot = await openLot(seller);
    for (let i = 0; i < 10; i++) expect((await ask(asker, lot.id, `Question ${i}`)).status).toBe(302);
    const eleventh = await ask(asker, lot.id, "One more");
    expect(eleventh.status).toBe(429);
    expect((eleventh.data.errors as Record<string, string>).question).toMatch(
      /10 questions in the last hour/,
    );
    expect(await db().lotQuestion.count({ where: { askedById: asker.userId } })).toBe(10);
  });
});

describe("saved searches and new-lot notices", () => {
  const save = (account: Account, name: string, query: string) =>
    callRoute(
      searchesRoute.action,
      postRequest("/searches", { intent: "save", name, query }, { cookie: account.cookie }),
    );

  async function addFacility(
    account: Account,
    name: string,
    chemistries: string[],
    options: { holdsImportConsent?: boolean } = {},
  ) {
    return db().facility.create({
      data: {
        organizationId: account.organizationId,
        name,
        economyCode: "AU",
        holdsImportConsent: options.holdsImportConsent ?? false,
        lat: -38,
        lng: 144,
        processes: ["mechanical"],
        acceptedChemistries: chemistries as never,
        acceptedForms: ["pack"],
        acceptedConditions: ["intact"],
        recoveryLiBp: 9000,
        recoveryNiBp: 9500,
        recoveryCoBp: 9500,
        recoveryMnBp: 9000,
        recoveryCuBp: 9000,
      },
    });
  }

  test("bad saved searches are refused per field; good ones are listed and deletable", async () => {
    const account = await accountWith(["buyer"]);
    const noName = await save(account, " ", "chemistry=LFP");
    expect(noName.status).toBe(400);
    expect((noName.data.errors as Record<string, string>).name).toMatch(/Name must not be empty/);
    const badQuery = await save(account, "Bad", "chemistry=XYZ");
    expect(badQuery.status).toBe(400);
    expect((badQuery.data.errors as Record<string, string>).query).toMatch(/Unknown chemistry "XYZ"/);
    expect(await db().savedSearch.count({ where: { userId: account.userId } })).toBe(0);

    const ok = await save(account, "LFP packs", "?chemistry=lfp&form=pack&sort=mass_desc&view=map&offset=25");
    expect(ok.status).toBe(200);
    const list = await callRoute(searchesRoute.loader, getRequest("/searches", { cookie: account.cookie }));
    const searches = list.data.searches as { id: string; name: string; query: string }[];
    expect(searches).toEqual([
      expect.objectContaining({ name: "LFP packs", query: "chemistry=LFP&form=pack" }),
    ]);

    // Another user cannot delete it; its owner can.
    const theirs = await callRoute(
      searchesRoute.action,
      postRequest("/searches", { intent: "delete", id: searches[0].id }, { cookie: buyer.cookie }),
    );
    expect(theirs.status).toBe(404);
    const mine = await callRoute(
      searchesRoute.action,
      postRequest("/searches", { intent: "delete", id: searches[0].id }, { cookie: account.cookie }),
    );
    expect(mine.status).toBe(200);
    expect(await db().savedSearch.count({ where: { userId: account.userId } })).toBe(0);
  });

  test("publishing a lot tells matching saved searches and each accepting recycler once, never the seller", async () => {
    const lister = await accountWith(["seller", "recycler"]);
    const fan = await accountWith(["buyer"], "KR");
    const bystander = await accountWith(["buyer"], "NZ");
    const otherRecycler = await accountWith(["recycler"]);
    expect((await save(fan, "NMC532 in Australia", "chemistry=NMC532&economy=AU")).status).toBe(200);
    expect((await save(fan, "Any packs", "form=pack")).status).toBe(200);
    expect((await save(bystander, "LFP only", "chemistry=LFP")).status).toBe(200);
    expect((await save(lister, "My own kind", "chemistry=NMC532")).status).toBe(200);
    // Two facilities of one recycler accept the lot: one notice per member, not per facility.
    await addFacility(recycler, "Geelong", ["NMC532", "LFP"]);
    await addFacility(recycler, "Kwinana", ["NMC532"]);
    await addFacility(otherRecycler, "LFP only plant", ["LFP"]);
    await addFacility(lister, "Own plant", ["NMC532"]);

    const draft = await callRoute(
      newLotRoute.action,
      postRequest("/lots/new", { ...lotFields(), intent: "draft" }, { cookie: lister.cookie }),
    );
    expect(draft.status, JSON.stringify(draft.data)).toBe(302);
    const lotId = draft.location!.split("/").pop()!;
    expect(await db().notification.count({ where: { lotId } })).toBe(0);

    const published = await callRoute(
      detailRoute.action,
      postRequest(`/lots/${lotId}`, { intent: "publish" }, { cookie: lister.cookie }),
      { lotId },
    );
    expect(published.data.done).toBe("Published.");

    const fanNotices = await db().notification.findMany({ where: { userId: fan.userId, lotId } });
    expect(fanNotices).toHaveLength(1);
    expect(fanNotices[0]).toMatchObject({ kind: "lot_matches", link: `/lots/${lotId}` });
    expect(fanNotices[0].body).toContain('"NMC532 in Australia"');
    expect(fanNotices[0].body).toContain('"Any packs"');
    const recyclerNotices = await db().notification.findMany({ where: { userId: recycler.userId, lotId } });
    expect(recyclerNotices).toHaveLength(1);
    expect(recyclerNotices[0].title).toMatch(/your facility can take/);
    for (const nobody of [bystander, otherRecycler, lister]) {
      expect(await db().notification.count({ where: { userId: nobody.userId, lotId } })).toBe(0);
    }
    expect(await db().outboxEmail.count({ where: { to: await emailOf(fan), kind: "lot_matches" } })).toBe(1);
    const fanSearches = await db().savedSearch.findMany({ where: { userId: fan.userId } });
    expect(fanSearches.every((s) => s.lastNotifiedAt !== null)).toBe(true);

    // Listing and publishing in one step tells them too.
    const direct = await callRoute(
      newLotRoute.action,
      postRequest(
        "/lots/new",
        { ...lotFields({ title: "Published at once" }), intent: "publish" },
        { cookie: lister.cookie },
      ),
    );
    expect(direct.status).toBe(302);
    const directId = direct.location!.split("/").pop()!;
    expect(
      await db().notification.count({ where: { userId: fan.userId, lotId: directId, kind: "lot_matches" } }),
    ).toBe(1);
    expect(await db().notification.count({ where: { userId: recycler.userId, lotId: directId } })).toBe(1);
  });

  // Issue 15 item 10: the notice named a facility with no consent to import from Chile.
  test("a lot from Chile: only facilities that may legally import it are named, or told", async () => {
    const chileanSeller = await accountWith(["seller"], "CL");
    const consented = await accountWith(["recycler"]);
    const unconsented = await accountWith(["recycler"]);
    // Alphabetically first, so a notice that ignored the border would name it.
    await addFacility(consented, "Altona (no import consent)", ["LFP"]);
    await addFacility(consented, "Wodonga (import consent)", ["LFP"], { holdsImportConsent: true });
    await addFacility(unconsented, "Laverton (no import consent)", ["LFP"]);
    const listed = await callRoute(
      newLotRoute.action,
      postRequest(
        "/lots/new",
        {
          ...lotFields({ title: "LFP packs in Santiago", chemistry: "LFP", currency: "USD" }),
          lat: "-33.45",
          lng: "-70.67",
          locationLabel: "Santiago",
          intent: "publish",
        },
        { cookie: chileanSeller.cookie },
      ),
    );
    expect(listed.status, JSON.stringify(listed.data)).toBe(302);
    const lotId = listed.location!.split("/").pop()!;
    const lot = await db().lot.findUniqueOrThrow({ where: { id: lotId } });
    expect(lot.economyCode).toBe("CL");

    const told = await db().notification.findMany({ where: { userId: consented.userId, lotId } });
    expect(told).toHaveLength(1);
    expect(told[0].title).toBe(
      `New lot your facility can take: PL-${String(lot.number).padStart(6, "0")} ${lot.title}`,
    );
    expect(told[0].body).toContain("Wodonga (import consent)");
    expect(told[0].body).not.toContain("Altona");
    expect(await db().notification.count({ where: { userId: unconsented.userId, lotId } })).toBe(0);
  });
});
