// Issue 14: notices and their emails are written in each recipient's saved language
// (User.language), English when none is saved: the title from the catalogue, the email's own lines,
// a moment in the title the language's way; an outbid notice refreshed in place keeps its reader's
// language. Through the real question route and the notification model on a real database.
import { beforeAll, describe, expect, test } from "vitest";
import { lotNumberLabel } from "~/domain/lot-json.ts";
import { noticeMoment } from "~/domain/notice-moments.ts";
import { lotTitleFacts, NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import { notifyOrganizationOncePerLot, notifyUsers } from "~/models/notification.server.ts";
import * as questionsRoute from "~/routes/lots.$lotId_.questions.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let buyer: Account;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"], "KR");
  buyer = await accountWith(["buyer"], "AU");
});

const emailOf = async (account: { userId: string }) =>
  (await db().user.findUniqueOrThrow({ where: { id: account.userId } })).email;

const speaks = (account: { userId: string }, language: string | null) =>
  db().user.update({ where: { id: account.userId }, data: { language } });

async function openLot(account: Account, title: string) {
  const closesAt = new Date(Date.now() + 7 * 24 * 3600_000);
  return db().lot.create({
    data: {
      organizationId: account.organizationId,
      createdById: account.userId,
      title,
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
    },
  });
}

describe("notices and emails in the recipient's language", () => {
  test("a seller whose language is Korean gets the question's notice and email in Korean", async () => {
    await speaks(seller, "ko");
    const lot = await openLot(seller, "Korean seller's packs");
    const asked = await callRoute(
      questionsRoute.action,
      postRequest(
        `/lots/${lot.id}/questions`,
        { intent: "ask", question: "Are the packs discharged?" },
        { cookie: buyer.cookie },
      ),
      { lotId: lot.id },
    );
    expect(asked.status).toBe(302);

    const number = lotNumberLabel(lot.number);
    const notice = await db().notification.findFirstOrThrow({
      where: { userId: seller.userId, lotId: lot.id, kind: "question_asked" },
    });
    expect(notice.title).toBe(`로트 ${number} Korean seller's packs에 새 질문이 있습니다`);

    const email = await db().outboxEmail.findFirstOrThrow({
      where: { to: await emailOf(seller), kind: "question_asked", subject: { contains: number } },
    });
    expect(email.subject).toBe(notice.title);
    expect(email.text).toContain(notice.title);
    // The email's own lines are Korean too, and its links absolute.
    expect(email.text).toContain("Packloop에서 열기:");
    expect(email.text).toContain("이메일로 받을 알림은 여기에서 선택하세요:");
    expect(email.text).toMatch(new RegExp(`https?://[^\\s]+/lots/${lot.id}#questions`));
    expect(email.text).not.toContain("Open it on Packloop");
  });

  test("one notice to three readers: Korean, Japanese and (no language saved) English", async () => {
    const [ko, ja, none] = await Promise.all([
      accountWith(["buyer"]),
      accountWith(["buyer"]),
      accountWith(["buyer"]),
    ]);
    await speaks(ko, "ko");
    await speaks(ja, "ja");
    await speaks(none, null);
    const lot = await openLot(seller, "Three readers");
    const number = lotNumberLabel(lot.number);
    await db().$transaction((tx) =>
      notifyUsers(tx, [ko.userId, ja.userId, none.userId], {
        kind: "lot_closed",
        title: NOTIFICATION_TITLES.lot_closed.confirmWinner({
          ...lotTitleFacts(lot),
          date: noticeMoment(new Date("2026-12-08T04:30:00Z")),
        }),
        link: `/lots/${lot.id}`,
        lotId: lot.id,
      }),
    );
    const titleOf = async (account: Account) =>
      (await db().notification.findFirstOrThrow({ where: { userId: account.userId, lotId: lot.id } })).title;
    const [korean, japanese, english] = await Promise.all([titleOf(ko), titleOf(ja), titleOf(none)]);
    expect(korean).toContain(`로트 ${number} Three readers 마감:`);
    // The moment in a translated title is written the language's way (the zone is UTC: none saved).
    expect(korean).toContain("2026년 12월 8일");
    expect(japanese).toContain(`ロット ${number} Three readers が締め切られました`);
    expect(japanese).toContain("2026年12月8日");
    expect(english).toBe(`${number} Three readers closed: confirm the winner by 8 Dec 2026, 04:30 UTC`);

    const subjects = await db().outboxEmail.findMany({
      where: { to: { in: await Promise.all([ko, ja, none].map(emailOf)) }, subject: { contains: number } },
      select: { subject: true },
    });
    expect(subjects.map((s) => s.subject).sort()).toEqual([english, korean, japanese].sort());
  });

  test("an outbid notice refreshed in place keeps each member's language", async () => {
    const bidder = await accountWith(["buyer"]);
    await speaks(bidder, "ko");
    const lot = await openLot(seller, "Hot auction");
    const number = lotNumberLabel(lot.number);
    const outbid = (body: string) =>
      db().$transaction((tx) =>
        notifyOrganizationOncePerLot(tx, bidder.organizationId, {
          kind: "outbid",
          title: NOTIFICATION_TITLES.outbid.bidder(lotTitleFacts(lot)),
          body,
          link: `/lots/${lot.id}`,
          lotId: lot.id,
        }),
      );
    await outbid("The price is now AUD 1,100.00.");
    await outbid("The price is now AUD 1,200.00.");
    const notices = await db().notification.findMany({ where: { userId: bidder.userId, lotId: lot.id } });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.title).toBe(`로트 ${number}에서 더 높은 입찰이 나왔습니다 — Hot auction`);
    expect(notices[0]?.body).toBe("The price is now AUD 1,200.00.");
    // One email, for the first notice only, in Korean.
    const emails = await db().outboxEmail.findMany({
      where: { to: await emailOf(bidder), kind: "outbid", subject: { contains: number } },
    });
    expect(emails.map((e) => e.subject)).toEqual([notices[0]?.title]);
  });
});
