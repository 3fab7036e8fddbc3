// Issue 17 defect 2: links in emails never follow the request's Host header. A password reset
// requested with `Host: evil.example` (the Express adapter builds the request URL from it, so the
// route sees http://evil.example/…) must email a link to APP_URL, to a host on ALLOWED_HOSTS, or —
// with neither set, the embedded default — to the address the server was started on. The same for
// invitations and for notification emails (which had no host at all without APP_URL).
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { notifyUsers } from "~/models/notification.server.ts";
import * as forgotRoute from "~/routes/forgot-password.tsx";
import * as settingsRoute from "~/routes/settings.organization.tsx";
import { db } from "~/utils/db.server.ts";
import { setListeningUrl } from "~/utils/public-url.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, postRequest } from "../fixtures/routes.ts";

let owner: { userId: string; organizationId: string; cookie: string; email: string };

beforeAll(async () => {
  await insertEconomies(db());
  const account = await accountWith(["seller"]);
  const user = await db().user.findUniqueOrThrow({ where: { id: account.userId } });
  owner = { ...account, email: user.email };
});

const saved = { APP_URL: process.env.APP_URL, ALLOWED_HOSTS: process.env.ALLOWED_HOSTS };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  setListeningUrl(null);
});

function configure(values: { APP_URL?: string; ALLOWED_HOSTS?: string }) {
  delete process.env.APP_URL;
  delete process.env.ALLOWED_HOSTS;
  Object.assign(process.env, values);
}

// Newest by id too (here and in the lists below): consecutive emails can share a millisecond (8 of
// 300 did here), and the resets below go to one address back to back. The ids (UUIDv7) follow the
// order of creation.
async function latestEmailText(to: string, kind: string): Promise<string> {
  const email = await db().outboxEmail.findFirstOrThrow({
    where: { to, kind },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return email.text;
}

/** Every absolute link's origin in an email's text. */
const linkOrigins = (text: string) => [...text.matchAll(/https?:\/\/[^\s/]+/g)].map((m) => m[0]);

async function resetLinkOrigins(origin: string): Promise<string[]> {
  const outcome = await callRoute(
    forgotRoute.action,
    postRequest("/forgot-password", { email: owner.email }, { origin }),
  );
  expect(outcome.status).toBe(200);
  const text = await latestEmailText(owner.email, "password_reset");
  expect(text).toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
  return linkOrigins(text);
}

async function invitationLinkOrigins(origin: string): Promise<string[]> {
  const invitee = `invitee-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const outcome = await callRoute(
    settingsRoute.action,
    postRequest(
      "/settings/organization",
      { intent: "invite", email: invitee, role: "member" },
      {
        cookie: owner.cookie,
        origin,
      },
    ),
  );
  expect(outcome.data).toMatchObject({ notice: `Invitation sent to ${invitee}.` });
  return linkOrigins(await latestEmailText(invitee, "invitation"));
}

describe("APP_URL and ALLOWED_HOSTS unset (the embedded default)", () => {
  test("a reset requested with Host: evil.example links to the address the server was started on", async () => {
    configure({});
    setListeningUrl("http://localhost:4321");
    expect(await resetLinkOrigins("http://evil.example")).toEqual(["http://localhost:4321"]);
    expect(await invitationLinkOrigins("http://evil.example")).toEqual(["http://localhost:4321"]);
  });

  test("without a known listening address, the configured PORT on localhost — never the Host header", async () => {
    configure({});
    const origins = await resetLinkOrigins("http://evil.example:8080");
    expect(origins).toHaveLength(1);
    expect(origins[0]).toMatch(/^http:\/\/localhost:\d+$/);
  });

  test("notification emails carry an absolute link to the same address", async () => {
    configure({});
    setListeningUrl("http://localhost:4321");
    await notifyUsers(db(), [owner.userId], {
      kind: "question_answered",
      title: "Answered",
      link: "/lots/abc",
    });
    const text = await latestEmailText(owner.email, "question_answered");
    expect(text).toContain("http://localhost:4321/lots/abc");
  });
});

/**
 * Every link-like token in an email's text: an absolute http(s) URL is fine; a path alone
 * ("/lots/…", "lots/…?x") is not — a mail client has no origin to resolve it against.
 */
function relativeLinks(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((token) => /^\.{0,2}\/[a-z]/i.test(token) || /^[a-z-]+\/[^\s]*[?#/]/i.test(token))
    .filter((token) => !/^https?:\/\//.test(token));
}

describe("email bodies carry only absolute links", () => {
  test("the relative-link finder finds what it should", () => {
    expect(relativeLinks("See /lots/abc for more")).toEqual(["/lots/abc"]);
    expect(relativeLinks("Open https://market.example/lots/abc now")).toEqual([]);
  });

  test("every notification kind's email, with a link and a body, links absolutely", async () => {
    configure({ APP_URL: "https://market.packloop.example" });
    const to = owner.email;
    const kinds = [
      "outbid",
      "deal_settled",
      "booking_requested",
      "lot_matches",
      "question_answered",
    ] as const;
    for (const kind of kinds) {
      await notifyUsers(db(), [owner.userId], {
        kind,
        title: `A ${kind} notice about PL-000072`,
        body: "Price: USD 1,000.00. Bid again before the close.",
        link: `/lots/abc?from=${kind}#questions`,
      });
    }
    const emails = await db().outboxEmail.findMany({
      where: { to, kind: { in: [...kinds] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: kinds.length,
    });
    expect(emails).toHaveLength(kinds.length);
    for (const email of emails) {
      expect(relativeLinks(email.text), email.text).toEqual([]);
      // The notice's link and where to choose which notices are emailed (issue 14), both absolute.
      expect([...new Set(linkOrigins(email.text))], email.text).toEqual(["https://market.packloop.example"]);
      expect(email.text).toContain("https://market.packloop.example/settings/notifications");
    }
  });

  test("password resets and invitations link absolutely, whatever the Host", async () => {
    configure({});
    setListeningUrl("http://localhost:4321");
    await resetLinkOrigins("http://evil.example");
    await invitationLinkOrigins("http://evil.example");
    const emails = await db().outboxEmail.findMany({
      where: { kind: { in: ["password_reset", "invitation"] } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 2,
    });
    expect(emails).toHaveLength(2);
    for (const email of emails) expect(relativeLinks(email.text), email.text).toEqual([]);
  });
});

describe("configured", () => {
  test("APP_URL wins over any Host header", async () => {
    configure({ APP_URL: "https://market.packloop.example/" });
    setListeningUrl("http://localhost:4321");
    expect(await resetLinkOrigins("http://evil.example")).toEqual(["https://market.packloop.example"]);
    expect(await invitationLinkOrigins("http://evil.example")).toEqual(["https://market.packloop.example"]);
    await notifyUsers(db(), [owner.userId], { kind: "question_answered", title: "Again", link: "/lots/x" });
    expect(await latestEmailText(owner.email, "question_answered")).toContain(
      "https://market.packloop.example/lots/x",
    );
  });

  test("ALLOWED_HOSTS: a listed host is used as the request came in; any other falls back", async () => {
    configure({ ALLOWED_HOSTS: "market.example, Other.Example:8443" });
    setListeningUrl("http://localhost:4321");
    expect(await resetLinkOrigins("https://market.example")).toEqual(["https://market.example"]);
    expect(await resetLinkOrigins("https://other.example:8443")).toEqual(["https://other.example:8443"]);
    expect(await resetLinkOrigins("https://other.example")).toEqual(["http://localhost:4321"]);
    expect(await resetLinkOrigins("http://evil.example")).toEqual(["http://localhost:4321"]);
    expect(await resetLinkOrigins("http://market.example.evil.example")).toEqual(["http://localhost:4321"]);
  });
});
