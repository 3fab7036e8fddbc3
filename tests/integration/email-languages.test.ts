// Issue 14 (ADR 061): every email and notice body in its reader's language. The account emails
// (password reset, invitation) come from the `email` catalogue in the recipient's saved language —
// an invitation to an address with no account in the inviter's page language; notice bodies from
// `notices`, with amounts carrying their ISO code as each language writes them; English unchanged.
import { beforeAll, describe, expect, test } from "vitest";
import { noticeMoney, noticeText } from "~/domain/notice-text.ts";
import { formatMoneyIn } from "~/i18n/format.ts";
import { notifyOrganizationOncePerLot, notifyUsers } from "~/models/notification.server.ts";
import { requestPasswordReset } from "~/models/password-reset.server.ts";
import * as organizationRoute from "~/routes/settings.organization.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, postRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;

beforeAll(async () => {
  await insertEconomies(db());
});

const userOf = (account: { userId: string }) =>
  db().user.findUniqueOrThrow({ where: { id: account.userId } });
const speaks = (account: { userId: string }, language: string | null) =>
  db().user.update({ where: { id: account.userId }, data: { language } });
const lastEmailTo = async (to: string, kind: string) =>
  db().outboxEmail.findFirstOrThrow({ where: { to, kind }, orderBy: { createdAt: "desc" } });

async function readers(...languages: (string | null)[]): Promise<Account[]> {
  const accounts = await Promise.all(languages.map(() => accountWith(["buyer"])));
  await Promise.all(accounts.map((account, i) => speaks(account, languages[i])));
  return accounts;
}

describe("emails in the recipient's language", () => {
  test("a Korean reader's password reset email is Korean; an English reader's unchanged", async () => {
    const [ko, en] = await readers("ko", null);
    const [koUser, enUser] = await Promise.all([userOf(ko), userOf(en)]);
    await requestPasswordReset(koUser.email, "https://packloop.example");
    await requestPasswordReset(enUser.email, "https://packloop.example");

    const korean = await lastEmailTo(koUser.email, "password_reset");
    expect(korean.subject).toBe("Packloop 비밀번호 재설정");
    expect(korean.text).toContain(`${koUser.name}님, 안녕하세요.`);
    expect(korean.text).toContain("새 비밀번호를 정하세요");
    expect(korean.text).toMatch(/https:\/\/packloop\.example\/reset-password\/\S+/);
    expect(korean.text).not.toContain("Someone asked");

    const english = await lastEmailTo(enUser.email, "password_reset");
    expect(english.subject).toBe("Reset your Packloop password");
    expect(english.text).toContain(`Hello ${enUser.name},`);
    expect(english.text).toContain(
      "Someone asked to reset the password of your Packloop account. Choose a new one here (the link works for one hour, once):",
    );
  });

  test("a notice's body and its email: Korean with the ISO code, Spanish plural, English as before", async () => {
    const [ko, es, en] = await readers("ko", "es", null);
    await db().$transaction((tx) =>
      notifyUsers(tx, [ko.userId, es.userId, en.userId], {
        kind: "outbid",
        title: "Outbid",
        body: [
          noticeText("outbid", { price: noticeMoney(110_000n, "AUD") }),
          noticeText("endingSoon", { count: 1, date: "soon" }),
        ],
        link: "/lots",
      }),
    );
    const bodyOf = async (account: Account) =>
      (await db().notification.findFirstOrThrow({ where: { userId: account.userId, kind: "outbid" } })).body;

    const korean = await bodyOf(ko);
    expect(korean).toBe(
      "현재 가격은 AUD\u00a01,100.00입니다. 마감 전에 다시 입찰하세요.\n입찰이 약 1분 후에 마감됩니다(soon).",
    );
    const koEmail = await lastEmailTo((await userOf(ko)).email, "outbid");
    expect(koEmail.text).toContain(korean as string);
    expect(koEmail.text).toContain("Packloop에서 열기:");
    expect(koEmail.text).not.toContain("The price is now");

    // Spanish writes the amount as its locale does, still with the code, and one minute in the singular. Intl
    // keeps the code and the figure together with a no-break space, as the pages do.
    const spanish = await bodyOf(es);
    const aud = formatMoneyIn("es", { amountMinor: 110_000, currency: "AUD" });
    expect(aud).toMatch(/^AUD\s1[.,]100[.,]00$/);
    expect(spanish).toContain(`El precio es ahora ${aud}. Vuelva a pujar antes del cierre.`);
    expect(spanish).toContain("La subasta cierra en aproximadamente 1 minuto (soon).");

    expect(await bodyOf(en)).toBe(
      "The price is now AUD\u00a01,100.00. Bid again before the close.\nBidding closes in about 1 minute (soon).",
    );
  });

  test("an outbid notice refreshed in place rewrites the body in each member's language", async () => {
    const bidder = await accountWith(["buyer"]);
    await speaks(bidder, "ko");
    const seller = await accountWith(["seller"]);
    const closesAt = new Date(Date.now() + 86_400_000);
    const lot = await db().lot.create({
      data: {
        organizationId: seller.organizationId,
        createdById: seller.userId,
        title: "Refreshed body",
        chemistry: "NMC532",
        form: "pack",
        condition: "intact",
        count: 1,
        massKg: 500,
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
    const outbid = (minor: bigint) =>
      db().$transaction((tx) =>
        notifyOrganizationOncePerLot(tx, bidder.organizationId, {
          kind: "outbid",
          title: "Outbid",
          body: noticeText("outbid", { price: noticeMoney(minor, "AUD") }),
          lotId: lot.id,
        }),
      );
    await outbid(110_000n);
    await outbid(120_000n);
    const notices = await db().notification.findMany({ where: { userId: bidder.userId, lotId: lot.id } });
    expect(notices.map((n) => n.body)).toEqual([
      "현재 가격은 AUD\u00a01,200.00입니다. 마감 전에 다시 입찰하세요.",
    ]);
  });

  test("an invitation to a new address is in the inviter's page language; to a known reader, in theirs", async () => {
    const owner = await accountWith(["seller"]);
    const newcomer = `newcomer-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const invited = await callRoute(
      organizationRoute.action,
      postRequest(
        "/settings/organization",
        { intent: "invite", email: newcomer, role: "member" },
        { cookie: owner.cookie, headers: { "Accept-Language": "ja-JP,ja;q=0.9" } },
      ),
    );
    expect(invited.status).toBe(200);
    const japanese = await lastEmailTo(newcomer, "invitation");
    const ownerName = (await userOf(owner)).name;
    expect(japanese.subject).toContain(`${ownerName}さんがPackloopの`);
    expect(japanese.text).toContain("メンバーとして参加するよう招待しました。");
    expect(japanese.text).toContain("こちらから招待を承諾してください（リンクの有効期間は7日間です）：");

    // A reader who already has an account reads their own saved language, whatever the page's.
    const [known] = await readers("ko");
    const knownEmail = (await userOf(known)).email;
    await callRoute(
      organizationRoute.action,
      postRequest(
        "/settings/organization",
        { intent: "invite", email: knownEmail, role: "owner" },
        { cookie: owner.cookie, headers: { "Accept-Language": "ja-JP" } },
      ),
    );
    const korean = await lastEmailTo(knownEmail, "invitation");
    expect(korean.text).toContain("소유자로 참여하도록 초대했습니다.");

    // English page, no saved language: the English email as before.
    const another = `another-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await callRoute(
      organizationRoute.action,
      postRequest(
        "/settings/organization",
        { intent: "invite", email: another, role: "member" },
        { cookie: owner.cookie },
      ),
    );
    const english = await lastEmailTo(another, "invitation");
    expect(english.text).toContain(`${ownerName} invited you to join`);
    expect(english.text).toContain("on Packloop as a member.");
    expect(english.text).toContain("If you did not expect this email you can ignore it.");
  });
});
