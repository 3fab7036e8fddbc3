// Issue 15 item 8: per-person email choices (a kind switched off is recorded in-app but never
// queued in the outbox) and the outbox's filters by recipient and kind, in the URL.
import { beforeAll, describe, expect, test } from "vitest";
import { NOTIFICATION_KINDS } from "~/domain/notification-titles.ts";
import { notifyOrganization, notifyUsers } from "~/models/notification.server.ts";
import * as outboxRoute from "~/routes/admin.outbox.tsx";
import * as settingsRoute from "~/routes/settings.notifications.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let person: Account;
let colleague: Account;
let admin: Account;

const emailOf = async (account: Account) =>
  (await db().user.findUniqueOrThrow({ where: { id: account.userId } })).email;

beforeAll(async () => {
  await insertEconomies(db());
  person = await accountWith(["buyer"]);
  colleague = await accountWith(["buyer"]);
  // The colleague joins the person's organisation, so one organisation notice reaches both.
  await db().membership.create({
    data: { userId: colleague.userId, organizationId: person.organizationId, role: "member" },
  });
  admin = await accountWith(["buyer"]);
  await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
});

function save(account: Account, emailed: string[]) {
  const body = new URLSearchParams({ intent: "save" });
  for (const kind of emailed) body.append("emailed", kind);
  return callRoute(
    settingsRoute.action,
    new Request("http://packloop.test/settings/notifications", {
      method: "POST",
      headers: { Cookie: account.cookie },
      body,
    }),
  );
}

describe("email choices", () => {
  test("every kind is emailed until the person switches one off", async () => {
    const page = await callRoute(
      settingsRoute.loader,
      getRequest("/settings/notifications", { cookie: person.cookie }),
    );
    const kinds = page.data.kinds as { kind: string; emailed: boolean }[];
    expect(kinds.map((k) => k.kind)).toEqual([...NOTIFICATION_KINDS]);
    expect(kinds.every((k) => k.emailed)).toBe(true);
  });

  test("an unknown kind is refused naming the field, and nothing is written", async () => {
    const refused = await save(person, ["outbid", "free_pizza"]);
    expect(refused.status).toBe(400);
    expect((refused.data.errors as Record<string, string>).emailed).toMatch(/free_pizza/);
    const user = await db().user.findUniqueOrThrow({ where: { id: person.userId } });
    expect(user.emailOptOuts).toEqual([]);
  });

  test("a kind switched off is recorded in-app but not queued in the outbox; others still are", async () => {
    const saved = await save(
      person,
      NOTIFICATION_KINDS.filter((k) => k !== "outbid"),
    );
    expect(saved.status).toBe(200);
    const page = await callRoute(
      settingsRoute.loader,
      getRequest("/settings/notifications", { cookie: person.cookie }),
    );
    const outbid = (page.data.kinds as { kind: string; emailed: boolean }[]).find((k) => k.kind === "outbid");
    expect(outbid?.emailed).toBe(false);

    const to = await emailOf(person);
    const colleagueTo = await emailOf(colleague);
    await notifyOrganization(db(), person.organizationId, {
      kind: "outbid",
      title: "Outbid on PL-000072 — test",
      link: "/lots/x",
    });
    // In-app for both members; the email only for the colleague, who did not opt out.
    expect(await db().notification.count({ where: { userId: person.userId, kind: "outbid" } })).toBe(1);
    expect(await db().notification.count({ where: { userId: colleague.userId, kind: "outbid" } })).toBe(1);
    expect(await db().outboxEmail.count({ where: { to, kind: "outbid" } })).toBe(0);
    expect(await db().outboxEmail.count({ where: { to: colleagueTo, kind: "outbid" } })).toBe(1);

    await notifyUsers(db(), [person.userId], { kind: "lost", title: "PL-000072 went to another bidder" });
    expect(await db().outboxEmail.count({ where: { to, kind: "lost" } })).toBe(1);

    // Switched back on: emailed again.
    expect((await save(person, [...NOTIFICATION_KINDS])).status).toBe(200);
    await notifyUsers(db(), [person.userId], { kind: "outbid", title: "Outbid on PL-000072 — again" });
    expect(await db().outboxEmail.count({ where: { to, kind: "outbid" } })).toBe(1);
  });
});

describe("/admin/outbox filters", () => {
  const list = async (query: string, account = admin) =>
    callRoute(outboxRoute.loader, getRequest(`/admin/outbox${query}`, { cookie: account.cookie }));

  test("by recipient and by kind, in the URL, with the total of what matches", async () => {
    const to = await emailOf(colleague);
    await notifyUsers(db(), [colleague.userId], {
      kind: "deal_settled",
      title: "Deal DL-000001 (PL-000001) is settled",
    });

    const byBoth = await list(`?to=${encodeURIComponent(to.toUpperCase())}&kind=deal_settled`);
    expect(byBoth.status).toBe(200);
    const emails = byBoth.data.emails as { to: string; kind: string }[];
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to, kind: "deal_settled" });
    expect(byBoth.data.total).toBe(1);
    expect(byBoth.data.filters).toEqual({ to: to.toUpperCase(), kind: "deal_settled" });

    const byRecipient = (await list(`?to=${encodeURIComponent(to)}`)).data.emails as { to: string }[];
    expect(byRecipient.length).toBeGreaterThanOrEqual(2); // the outbid and the settled deal
    expect(byRecipient.every((e) => e.to === to)).toBe(true);

    const byKind = (await list("?kind=outbid")).data.emails as { kind: string }[];
    expect(byKind.length).toBeGreaterThan(0);
    expect(byKind.every((e) => e.kind === "outbid")).toBe(true);

    const all = await list("");
    expect(all.data.total as number).toBeGreaterThan(byKind.length);
    expect(all.data.kinds).toEqual(expect.arrayContaining(["deal_settled", "lost", "outbid"]));
  });

  test("a malformed kind is refused naming the filter; members who are not admins are refused", async () => {
    const bad = await list("?kind=DROP%20TABLE");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/kind/);
    const notAdmin = await list("?kind=outbid", person);
    expect(notAdmin.status).toBe(403);
  });
});
