// Accounts end to end through the real route modules on a real database: sign-up, log-in, log-out,
// sessions, the require* guards, password reset and invitations through the email outbox, and the
// pages that show an organisation's own data. Loaders and actions are called directly with real
// Request objects; the session cookie is carried from one call to the next like a browser would.
import { beforeAll, describe, expect, test } from "vitest";
import { requireActor } from "~/auth/actor.server.ts";
import type { Capability } from "~/domain/codes.ts";
import * as homeRoute from "~/routes/_index.tsx";
import * as notFoundRoute from "~/routes/$.tsx";
import * as outboxRoute from "~/routes/admin.outbox.tsx";
import * as dashboardRoute from "~/routes/dashboard.tsx";
import * as forgotRoute from "~/routes/forgot-password.tsx";
import * as invitationRoute from "~/routes/invitations.$token.tsx";
import * as loginRoute from "~/routes/login.tsx";
import * as logoutRoute from "~/routes/logout.tsx";
import * as resetRoute from "~/routes/reset-password.$token.tsx";
import * as settingsRoute from "~/routes/settings.organization.tsx";
import * as signupRoute from "~/routes/signup.tsx";
import * as verifyEmailRoute from "~/routes/verify-email.$token.tsx";
import { db } from "~/utils/db.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { callRoute, getRequest, postRequest, sessionCookieFrom, thrownResponse } from "../fixtures/routes.ts";

const PASSWORD = "correct horse battery";

beforeAll(async () => {
  await insertEconomies(db());
});

// ---- Helpers ----------------------------------------------------------------------------------------

let sequence = 0;
function uniqueEmail(prefix = "user"): string {
  sequence += 1;
  return `${prefix}-${sequence}@example.com`;
}

type Fields = Record<string, string | string[] | undefined>;

function signupFields(overrides: Fields = {}): Fields {
  return {
    name: "Ana Reyes",
    email: uniqueEmail("signup"),
    password: PASSWORD,
    organizationName: "Reyes Fleet Services",
    economy: "AU",
    capabilities: ["seller", "buyer"],
    ...overrides,
  };
}

function signUp(fields: Fields, options: { origin?: string } = {}) {
  return callRoute(signupRoute.action, postRequest("/signup", fields, options));
}

/** Opens the verification link of the latest sign-up email to `email` and confirms it. */
async function confirmEmail(email: string, options: { origin?: string } = {}) {
  const token = linkToken((await latestEmail(email, "email_verification")).text, "verify-email");
  return callRoute(verifyEmailRoute.action, postRequest(`/verify-email/${token}`, {}, options), { token });
}

/** Signs up a fresh account, confirms its email through the outbox link and returns its cookie and ids. */
async function signUpAccount(overrides: Fields = {}) {
  const fields = signupFields(overrides);
  const signedUp = await signUp(fields);
  expect(signedUp.status, JSON.stringify(signedUp.data)).toBe(200);
  const email = String(fields.email).trim().toLowerCase();
  const outcome = await confirmEmail(email);
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  const membership = await db().membership.findFirstOrThrow({ where: { userId: user.id } });
  return {
    email,
    cookie: sessionCookieFrom(outcome.headers),
    userId: user.id,
    organizationId: membership.organizationId,
    membershipId: membership.id,
  };
}

function logIn(email: string, password: string, redirectTo?: string) {
  return callRoute(loginRoute.action, postRequest("/login", { email, password, redirectTo }));
}

async function logInCookie(email: string, password = PASSWORD): Promise<string> {
  const outcome = await logIn(email, password);
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302);
  return sessionCookieFrom(outcome.headers);
}

/** A user added straight to an organisation with the given role, logged in. */
async function addMember(organizationId: string, role: "owner" | "member") {
  const email = uniqueEmail(role);
  const user = await db().user.create({
    data: { email, name: `A ${role}`, passwordHash: await hashPassword(PASSWORD) },
  });
  const membership = await db().membership.create({ data: { userId: user.id, organizationId, role } });
  return { email, userId: user.id, membershipId: membership.id, cookie: await logInCookie(email) };
}

async function rowCounts() {
  const [users, organizations, memberships, sessions, invitations, outbox, resets] = await Promise.all([
    db().user.count(),
    db().organization.count(),
    db().membership.count(),
    db().session.count(),
    db().invitation.count(),
    db().outboxEmail.count(),
    db().passwordReset.count(),
  ]);
  return { users, organizations, memberships, sessions, invitations, outbox, resets };
}

async function latestEmail(to: string, kind: string) {
  return db().outboxEmail.findFirstOrThrow({ where: { to, kind }, orderBy: { createdAt: "desc" } });
}

function linkToken(text: string, path: "reset-password" | "invitations" | "verify-email"): string {
  const match = new RegExp(`https?://[^\\s/]+/${path}/([A-Za-z0-9_-]{20,})(?:\\s|$)`).exec(text);
  if (!match) throw new Error(`no /${path}/<token> link in email text:\n${text}`);
  return match[1];
}

/** Asserts that the request is sent to log in, and returns where it would come back to. */
async function expectLoginRedirect(promise: Promise<unknown>): Promise<string> {
  const response = await thrownResponse(promise);
  expect(response.status).toBe(302);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/login\?redirectTo=/);
  return new URL(location, "http://x").searchParams.get("redirectTo") ?? "";
}

function settingsPost(cookie: string | null, fields: Fields) {
  return callRoute(settingsRoute.action, postRequest("/settings/organization", fields, { cookie }));
}

async function invite(cookie: string, email: string, role: "owner" | "member" = "member") {
  const outcome = await settingsPost(cookie, { intent: "invite", email, role });
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(200);
  const normalized = email.trim().toLowerCase();
  return linkToken((await latestEmail(normalized, "invitation")).text, "invitations");
}

function acceptInvitation(token: string, fields: Fields, cookie: string | null = null) {
  return callRoute(invitationRoute.action, postRequest(`/invitations/${token}`, fields, { cookie }), {
    token,
  });
}

// ---- Sign-up ------------------------------------------------------------------------------------------

describe("sign-up", () => {
  test("creates the user, the organisation and the owner membership, emails a link that verifies the address, starts a session and goes to the dashboard", async () => {
    const before = await rowCounts();
    const signedUp = await signUp(
      signupFields({
        name: "  Ana Reyes ",
        email: "  Ana.Reyes@Example.COM ",
        organizationName: "Reyes Fleet Services",
        economy: "CL",
        capabilities: ["seller", "recycler", "seller"],
      }),
    );
    // "Check your email", no session yet, the address not verified.
    expect(signedUp.status).toBe(200);
    expect(signedUp.data).toMatchObject({ sentTo: "Ana.Reyes@Example.COM" });
    expect(signedUp.headers.get("Set-Cookie")).toBeNull();
    const unverified = await db().user.findUniqueOrThrow({ where: { email: "ana.reyes@example.com" } });
    expect(unverified.emailVerifiedAt).toBeNull();
    const link = await latestEmail("ana.reyes@example.com", "email_verification");
    expect(link.text).toMatch(/^https?:\/\/[^\s/]+\/verify-email\/[A-Za-z0-9_-]{20,}$/m);
    // The link's page only shows a button (mail scanners that open links do not use it up).
    const token = linkToken(link.text, "verify-email");
    const page = await callRoute(verifyEmailRoute.loader, getRequest(`/verify-email/${token}`), { token });
    expect(page.data).toEqual({ valid: true, email: "ana.reyes@example.com" });
    expect((await db().user.findUniqueOrThrow({ where: { id: unverified.id } })).emailVerifiedAt).toBeNull();

    const outcome = await confirmEmail("ana.reyes@example.com");
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/dashboard?email=verified");
    expect(
      (await db().user.findUniqueOrThrow({ where: { id: unverified.id } })).emailVerifiedAt,
    ).not.toBeNull();
    const welcome = await latestEmail("ana.reyes@example.com", "welcome");
    expect(welcome.text).toMatch(/https?:\/\/[^\s/]+\/settings\/verification/);
    // The link works once.
    const again = await callRoute(verifyEmailRoute.action, postRequest(`/verify-email/${token}`, {}), {
      token,
    });
    expect(again.status).toBe(400);
    const setCookie = outcome.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^__session=[^;]+;/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).not.toMatch(/;\s*Secure/i);

    const user = await db().user.findUniqueOrThrow({
      where: { email: "ana.reyes@example.com" },
      include: { memberships: { include: { organization: true } }, sessions: true },
    });
    expect(user.name).toBe("Ana Reyes");
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.isPlatformAdmin).toBe(false);
    expect(user.memberships).toHaveLength(1);
    const [membership] = user.memberships;
    expect(membership.role).toBe("owner");
    expect(membership.organization).toMatchObject({
      name: "Reyes Fleet Services",
      economyCode: "CL",
      verificationStatus: "unverified",
    });
    expect([...membership.organization.capabilities].sort()).toEqual(["recycler", "seller"]);
    expect(membership.organization.slug).toMatch(/^reyes-fleet-services(-\d+)?$/);
    expect(user.sessions).toHaveLength(1);
    expect(user.sessions[0]).toMatchObject({
      activeOrganizationId: membership.organizationId,
      revokedAt: null,
    });
    expect(user.sessions[0].expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);

    const after = await rowCounts();
    expect(after.users - before.users).toBe(1);
    expect(after.organizations - before.organizations).toBe(1);
    expect(after.memberships - before.memberships).toBe(1);

    // The cookie authenticates as the new user.
    const found = await requireActor(
      getRequest("/dashboard", { cookie: sessionCookieFrom(outcome.headers) }),
      { organization: true },
    );
    expect(found.user.id).toBe(user.id);
    expect(found.organization.id).toBe(membership.organizationId);
  });

  test("marks the cookie Secure when the request came over HTTPS", async () => {
    const fields = signupFields();
    expect((await signUp(fields)).status).toBe(200);
    const outcome = await confirmEmail(String(fields.email), { origin: "https://packloop.example" });
    expect(outcome.status).toBe(302);
    const setCookie = outcome.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
  });

  test("gives a second organisation with the same name a different slug", async () => {
    const a = await signUpAccount({ organizationName: "Kiwi Cells" });
    const b = await signUpAccount({ organizationName: "Kiwi Cells" });
    const [orgA, orgB] = await Promise.all([
      db().organization.findUniqueOrThrow({ where: { id: a.organizationId } }),
      db().organization.findUniqueOrThrow({ where: { id: b.organizationId } }),
    ]);
    expect(orgA.slug).toBe("kiwi-cells");
    expect(orgB.slug).toBe("kiwi-cells-2");
  });

  const invalid: { case: string; overrides: Fields; field: string; message: RegExp }[] = [
    { case: "empty name", overrides: { name: "   " }, field: "name", message: /name/i },
    {
      case: "malformed email",
      overrides: { email: "not-an-email" },
      field: "email",
      message: /valid email/i,
    },
    { case: "missing email", overrides: { email: "" }, field: "email", message: /email/i },
    { case: "short password", overrides: { password: "short" }, field: "password", message: /at least 10/i },
    { case: "unknown economy", overrides: { economy: "XX" }, field: "economy", message: /APEC economy/i },
    {
      case: "no capabilities",
      overrides: { capabilities: undefined },
      field: "capabilities",
      message: /at least one/i,
    },
    {
      case: "unknown capability",
      overrides: { capabilities: ["seller", "smuggler"] },
      field: "capabilities",
      message: /.+/,
    },
    {
      case: "empty organisation",
      overrides: { organizationName: "" },
      field: "organizationName",
      message: /organisation/i,
    },
  ];

  test.each(invalid)(
    "answers 400 naming the field and writes nothing: $case",
    async ({ overrides, field, message }) => {
      const before = await rowCounts();
      const fields = signupFields(overrides);
      const outcome = await signUp(fields);
      expect(outcome.status).toBe(400);
      expect(outcome.headers.get("Set-Cookie")).toBeNull();
      const errors = outcome.data.errors as Record<string, string>;
      expect(Object.keys(errors)).toEqual([field]);
      expect(errors[field]).toMatch(message);
      // The form comes back as typed, without the password.
      const values = outcome.data.values as Record<string, unknown>;
      expect(values).not.toHaveProperty("password");
      expect(values.name).toBe(fields.name);
      expect(await rowCounts()).toEqual(before);
    },
  );

  test("reports every invalid field at once", async () => {
    const outcome = await signUp({
      name: "",
      email: "x@",
      password: "1",
      organizationName: "",
      economy: "XX",
    });
    expect(outcome.status).toBe(400);
    expect(Object.keys(outcome.data.errors as object).sort()).toEqual(
      ["capabilities", "economy", "email", "name", "organizationName", "password"].sort(),
    );
  });

  test("an email already registered, whatever its case, gets the same answer as a new one; its owner is emailed and nothing else is written", async () => {
    const first = await signUpAccount({ email: "dup@example.com" });
    const before = await rowCounts();
    const outcome = await signUp(
      signupFields({ email: "  DUP@Example.Com ", organizationName: "Another Org" }),
    );
    const fresh = await signUp(signupFields({ email: "fresh-dup-check@example.com" }));
    // The same status, shape and headers as for an address without an account.
    expect(outcome.status).toBe(200);
    expect(fresh.status).toBe(200);
    expect(outcome.headers.get("Set-Cookie")).toBeNull();
    expect(Object.keys(outcome.data).sort()).toEqual(Object.keys(fresh.data).sort());
    expect(JSON.stringify(outcome.data)).not.toMatch(/already|exists|log in/i);
    const note = await latestEmail("dup@example.com", "signup_existing_account");
    expect(note.text).toMatch(/already has one/);
    expect(note.text).toMatch(/https?:\/\/[^\s/]+\/forgot-password/);
    const after = await rowCounts();
    expect(after.outbox - before.outbox).toBe(2); // the note, and the fresh address's link
    expect(after.users - before.users).toBe(1); // the fresh address only
    expect(await db().organization.count({ where: { name: "Another Org" } })).toBe(0);
    expect(
      await db().user.count({ where: { email: { equals: "dup@example.com", mode: "insensitive" } } }),
    ).toBe(1);
    expect((await db().user.findUniqueOrThrow({ where: { id: first.userId } })).name).toBe("Ana Reyes");
  });

  test("a filled honeypot creates no account and no session", async () => {
    const before = await rowCounts();
    const fields = signupFields({ websiteUrl: "http://spam.example" });
    const outcome = await signUp(fields);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
    expect(outcome.headers.get("Set-Cookie")).toBeNull();
    expect(await rowCounts()).toEqual(before);
    expect(await db().user.findUnique({ where: { email: String(fields.email) } })).toBeNull();
  });

  test("the sign-up and log-in pages send a logged-in user to the dashboard", async () => {
    const { cookie } = await signUpAccount();
    for (const loader of [signupRoute.loader, loginRoute.loader]) {
      const outcome = await callRoute(loader, getRequest("/signup", { cookie }));
      expect(outcome.thrown).toBe(true);
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe("/dashboard");
    }
    const anonymous = await callRoute(loginRoute.loader, getRequest("/login"));
    expect(anonymous).toMatchObject({ thrown: false, status: 200 });
  });
});

// ---- Log-in, log-out, sessions ------------------------------------------------------------------------

describe("log-in and sessions", () => {
  test("logs in with the right password (email in any case) and records the session", async () => {
    const account = await signUpAccount();
    const outcome = await logIn(account.email.toUpperCase(), PASSWORD);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/dashboard");
    const cookie = sessionCookieFrom(outcome.headers);
    expect(outcome.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    const { session, user } = await requireActor(getRequest("/dashboard", { cookie }));
    expect(user.id).toBe(account.userId);
    expect(session.activeOrganizationId).toBe(account.organizationId);
    expect(await db().session.count({ where: { userId: account.userId, revokedAt: null } })).toBe(2);
  });

  test("answers the same generic message for a wrong password and for an unknown email", async () => {
    const account = await signUpAccount();
    const sessionsBefore = await db().session.count();

    const wrongPassword = await logIn(account.email, "not the password at all");
    const unknownEmail = await logIn("nobody-here@example.com", "not the password at all");
    for (const outcome of [wrongPassword, unknownEmail]) {
      expect(outcome.status).toBe(400);
      expect(outcome.headers.get("Set-Cookie")).toBeNull();
      expect(outcome.data.formError).toBe("Email or password is incorrect.");
      expect(outcome.data.errors).toEqual({});
      expect(outcome.data.values).not.toHaveProperty("password");
    }
    const { values: _a, ...restWrong } = wrongPassword.data;
    const { values: _b, ...restUnknown } = unknownEmail.data;
    expect(restWrong).toEqual(restUnknown);
    expect(await db().session.count()).toBe(sessionsBefore);
  });

  test("an empty form names both fields", async () => {
    const outcome = await logIn("", "");
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({
      email: expect.stringMatching(/email/i),
      password: expect.stringMatching(/password/i),
    });
  });

  test.each([
    ["/settings/organization?tab=members", "/settings/organization?tab=members"],
    ["/admin/outbox", "/admin/outbox"],
    ["//evil.com", "/dashboard"],
    ["//evil.com/dashboard", "/dashboard"],
    ["/\\evil.com", "/dashboard"],
    ["https://evil.com/", "/dashboard"],
    ["evil.com", "/dashboard"],
    ["/\t/evil.com", "/dashboard"],
    ["/\n/evil.com", "/dashboard"],
    ["", "/dashboard"],
  ])("honours redirectTo only for same-site paths: %j → %s", async (redirectTo, expected) => {
    const account = await signUpAccount();
    const outcome = await logIn(account.email, PASSWORD, redirectTo);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(expected);
    // What a browser would make of the Location header stays on this site.
    expect(new URL(outcome.location!, "https://packloop.test").origin).toBe("https://packloop.test");
  });

  test("log-out revokes the session row, clears the cookie, and the old cookie no longer authenticates", async () => {
    const account = await signUpAccount();
    const cookie = await logInCookie(account.email);
    const { session } = await requireActor(getRequest("/dashboard", { cookie }));

    // A GET does not log out.
    const get = await callRoute(logoutRoute.loader, getRequest("/logout", { cookie }));
    expect(get.status).toBe(302);
    expect(get.location).toBe("/");
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeNull();

    const outcome = await callRoute(logoutRoute.action, postRequest("/logout", {}, { cookie }));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/");
    expect(outcome.headers.get("Set-Cookie")).toMatch(/^__session=;.*Max-Age=0/i);
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeInstanceOf(
      Date,
    );

    expect(await expectLoginRedirect(requireActor(getRequest("/dashboard", { cookie })))).toBe("/dashboard");
    // The sign-up session of the same user is untouched.
    await expect(requireActor(getRequest("/dashboard", { cookie: account.cookie }))).resolves.toBeTruthy();
  });

  test("an expired or revoked session, or a tampered cookie, is sent to log in with the way back", async () => {
    const account = await signUpAccount();
    const cookie = await logInCookie(account.email);
    const { session } = await requireActor(getRequest("/dashboard", { cookie }));

    const back = await expectLoginRedirect(
      requireActor(getRequest("/admin/outbox?page=2", { cookie: "__session=nope" })),
    );
    expect(back).toBe("/admin/outbox?page=2");
    // Single fetch's data requests come back to the page, not to its .data URL.
    expect(await expectLoginRedirect(requireActor(getRequest("/dashboard.data")))).toBe("/dashboard");

    const [name, value] = cookie.split("=");
    const tampered = `${name}=${value.slice(0, -3)}${value.endsWith("AAA") ? "BBB" : "AAA"}`;
    await expectLoginRedirect(requireActor(getRequest("/dashboard", { cookie: tampered })));

    await db().session.update({
      where: { id: session.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectLoginRedirect(requireActor(getRequest("/dashboard", { cookie })));

    await db().session.update({
      where: { id: session.id },
      data: { expiresAt: new Date(Date.now() + 3600_000), revokedAt: new Date() },
    });
    await expectLoginRedirect(requireActor(getRequest("/dashboard", { cookie })));

    await db().session.update({ where: { id: session.id }, data: { revokedAt: null } });
    await expect(requireActor(getRequest("/dashboard", { cookie }))).resolves.toMatchObject({
      user: { id: account.userId },
    });
  });
});

// ---- Guards -------------------------------------------------------------------------------------------

describe("guards", () => {
  test("requireMembership: 403 without an organisation; the session's active organisation otherwise", async () => {
    const email = uniqueEmail("loner");
    await db().user.create({
      data: { email, name: "Lone User", passwordHash: await hashPassword(PASSWORD) },
    });
    const lonerCookie = await logInCookie(email);
    const response = await thrownResponse(
      requireActor(getRequest("/dashboard", { cookie: lonerCookie }), { organization: true }),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/not a member/i);

    const first = await signUpAccount({ organizationName: "First Org" });
    const second = await signUpAccount({ organizationName: "Second Org" });
    await db().membership.create({
      data: { userId: first.userId, organizationId: second.organizationId, role: "member" },
    });
    const found = await requireActor(getRequest("/dashboard", { cookie: first.cookie }), {
      organization: true,
    });
    expect(found.organization.id).toBe(first.organizationId);
    expect(found.memberships).toHaveLength(2);
    const { session } = found;
    await db().session.update({
      where: { id: session.id },
      data: { activeOrganizationId: second.organizationId },
    });
    const switched = await requireActor(getRequest("/dashboard", { cookie: first.cookie }), {
      organization: true,
    });
    expect(switched.organization.id).toBe(second.organizationId);
    expect(switched.membership.role).toBe("member");

    await expectLoginRedirect(requireActor(getRequest("/dashboard"), { organization: true }));
  });

  test("requireCapability: 403 naming the capability the organisation lacks", async () => {
    const seller = await signUpAccount({ capabilities: ["seller"] });
    const request = () => getRequest("/facilities/new", { cookie: seller.cookie });
    await expect(requireActor(request(), { capability: "seller" })).resolves.toMatchObject({
      organization: { id: seller.organizationId },
    });
    for (const capability of ["recycler", "buyer"] satisfies Capability[]) {
      const response = await thrownResponse(requireActor(request(), { capability }));
      expect(response.status).toBe(403);
      expect(await response.text()).toContain(capability);
    }
    await expectLoginRedirect(requireActor(getRequest("/facilities/new"), { capability: "seller" }));
  });

  test("requirePlatformAdmin: 403 for an ordinary user, through for an administrator", async () => {
    const account = await signUpAccount();
    const response = await thrownResponse(
      requireActor(getRequest("/admin/outbox", { cookie: account.cookie }), { admin: true }),
    );
    expect(response.status).toBe(403);
    await db().user.update({ where: { id: account.userId }, data: { isPlatformAdmin: true } });
    await expect(
      requireActor(getRequest("/admin/outbox", { cookie: account.cookie }), { admin: true }),
    ).resolves.toMatchObject({
      user: { id: account.userId, isPlatformAdmin: true },
    });
    await expectLoginRedirect(requireActor(getRequest("/admin/outbox"), { admin: true }));
  });

  test("requireOrganizationOwner: 403 for a member, through for an owner", async () => {
    const owner = await signUpAccount();
    const member = await addMember(owner.organizationId, "member");
    const response = await thrownResponse(
      requireActor(getRequest("/settings/organization", { cookie: member.cookie }), { role: "owner" }),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/owner/i);
    await expect(
      requireActor(getRequest("/settings/organization", { cookie: owner.cookie }), { role: "owner" }),
    ).resolves.toMatchObject({ membership: { role: "owner", organizationId: owner.organizationId } });
  });
});

// ---- Password reset -----------------------------------------------------------------------------------

describe("password reset", () => {
  function requestReset(email: string) {
    return callRoute(forgotRoute.action, postRequest("/forgot-password", { email }));
  }
  function submitNewPassword(token: string, password: string) {
    return callRoute(resetRoute.action, postRequest(`/reset-password/${token}`, { password }), { token });
  }
  function resetPage(token: string) {
    return callRoute(resetRoute.loader, getRequest(`/reset-password/${token}`), { token });
  }

  test("works end to end through the outbox, once, and signs the user out everywhere", async () => {
    const account = await signUpAccount();
    const secondCookie = await logInCookie(account.email);
    expect(await db().session.count({ where: { userId: account.userId, revokedAt: null } })).toBe(2);

    const asked = await requestReset(account.email.toUpperCase());
    expect(asked.status).toBe(200);
    expect(asked.data.sent).toBe(true);

    const email = await latestEmail(account.email, "password_reset");
    expect(email.status).toBe("pending");
    expect(email.subject).toMatch(/reset/i);
    const token = linkToken(email.text, "reset-password");
    const reset = await db().passwordReset.findFirstOrThrow({ where: { userId: account.userId } });
    // Only the token's hash is stored.
    expect(reset.tokenHash).not.toBe(token);
    expect(JSON.stringify(reset)).not.toContain(token);

    const page = await resetPage(token);
    expect(page.data).toEqual({ valid: true, email: account.email });

    const newPassword = "a brand new passphrase";
    const done = await submitNewPassword(token, newPassword);
    expect(done.status).toBe(200);
    expect(done.data.done).toBe(true);

    expect(await db().session.count({ where: { userId: account.userId, revokedAt: null } })).toBe(0);
    await expectLoginRedirect(requireActor(getRequest("/dashboard", { cookie: account.cookie })));
    await expectLoginRedirect(requireActor(getRequest("/dashboard", { cookie: secondCookie })));
    expect((await logIn(account.email, PASSWORD)).status).toBe(400);
    expect((await logIn(account.email, newPassword)).status).toBe(302);

    // The link works once.
    expect((await resetPage(token)).data).toEqual({ valid: false, email: null });
    const again = await submitNewPassword(token, "a third passphrase here");
    expect(again.status).toBe(400);
    expect(again.data.formError).toMatch(/expired or was already used/i);
    expect((await logIn(account.email, "a third passphrase here")).status).toBe(400);
    expect((await logIn(account.email, newPassword)).status).toBe(302);
  });

  test("refuses an expired link and leaves the password as it was", async () => {
    const account = await signUpAccount();
    await requestReset(account.email);
    const token = linkToken((await latestEmail(account.email, "password_reset")).text, "reset-password");
    await db().passwordReset.updateMany({
      where: { userId: account.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await resetPage(token)).data).toEqual({ valid: false, email: null });
    const outcome = await submitNewPassword(token, "a brand new passphrase");
    expect(outcome.status).toBe(400);
    expect(outcome.data.formError).toMatch(/expired/i);
    expect((await logIn(account.email, PASSWORD)).status).toBe(302);
    expect(await db().session.count({ where: { userId: account.userId, revokedAt: { not: null } } })).toBe(0);
  });

  test("a too-short new password is refused by field and the link stays usable", async () => {
    const account = await signUpAccount();
    await requestReset(account.email);
    const token = linkToken((await latestEmail(account.email, "password_reset")).text, "reset-password");
    const outcome = await submitNewPassword(token, "short");
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ password: expect.stringMatching(/at least 10/i) });
    expect((await resetPage(token)).data.valid).toBe(true);
    expect((await logIn(account.email, PASSWORD)).status).toBe(302);
  });

  test("an unknown email gets the same answer as a known one and no email is written", async () => {
    const account = await signUpAccount();
    const known = await requestReset(account.email);
    const before = await rowCounts();
    const unknown = await requestReset("nobody-at-all@example.com");
    expect(unknown.status).toBe(known.status);
    const { values: _k, ...knownRest } = known.data;
    const { values: _u, ...unknownRest } = unknown.data;
    expect(unknownRest).toEqual(knownRest);
    expect(await rowCounts()).toEqual(before);
    expect(await db().outboxEmail.count({ where: { to: "nobody-at-all@example.com" } })).toBe(0);
  });

  test("a malformed email is refused by field", async () => {
    const before = await rowCounts();
    const outcome = await requestReset("not-an-email");
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({ email: expect.stringMatching(/valid email/i) });
    expect(await rowCounts()).toEqual(before);
  });
});

// ---- Invitations and members -------------------------------------------------------------------------

describe("invitations and members", () => {
  test("an owner's invitation is emailed; accepting it creates the account and membership with the invited role", async () => {
    const owner = await signUpAccount({ organizationName: "Invite Co" });
    const invitee = uniqueEmail("invitee");
    const outcome = await settingsPost(owner.cookie, {
      intent: "invite",
      email: invitee.toUpperCase(),
      role: "member",
    });
    expect(outcome.status).toBe(200);
    expect(outcome.data.notice).toMatch(/Invitation sent/);

    const email = await latestEmail(invitee, "invitation");
    expect(email.subject).toContain("Invite Co");
    const token = linkToken(email.text, "invitations");
    const stored = await db().invitation.findFirstOrThrow({ where: { email: invitee } });
    expect(stored).toMatchObject({
      organizationId: owner.organizationId,
      role: "member",
      invitedById: owner.userId,
    });
    expect(stored.tokenHash).not.toBe(token);

    const page = await callRoute(invitationRoute.loader, getRequest(`/invitations/${token}`), { token });
    expect(page.data).toEqual({
      invitation: { email: invitee, organizationName: "Invite Co", role: "member", hasAccount: false },
      viewerEmail: null,
    });

    const accepted = await acceptInvitation(token, { name: "Ivy Invitee", password: PASSWORD });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/dashboard");
    const cookie = sessionCookieFrom(accepted.headers);
    const user = await db().user.findUniqueOrThrow({
      where: { email: invitee },
      include: { memberships: true },
    });
    expect(user.name).toBe("Ivy Invitee");
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.memberships).toEqual([
      expect.objectContaining({ organizationId: owner.organizationId, role: "member" }),
    ]);
    const context = await requireActor(getRequest("/dashboard", { cookie }), { organization: true });
    expect(context.organization.id).toBe(owner.organizationId);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: stored.id } })).acceptedAt).toBeInstanceOf(
      Date,
    );

    // A second acceptance fails and writes nothing.
    const before = await rowCounts();
    const second = await acceptInvitation(token, { name: "Someone Else", password: PASSWORD });
    expect(second.status).toBe(400);
    expect(second.data.formError).toMatch(/no longer valid/i);
    expect(second.headers.get("Set-Cookie")).toBeNull();
    expect(await rowCounts()).toEqual(before);
    const gone = await callRoute(invitationRoute.loader, getRequest(`/invitations/${token}`), { token });
    expect(gone.data.invitation).toBeNull();
  });

  test("an invitation as owner makes an owner", async () => {
    const owner = await signUpAccount();
    const invitee = uniqueEmail("co-owner");
    const token = await invite(owner.cookie, invitee, "owner");
    const accepted = await acceptInvitation(token, { name: "Co Owner", password: PASSWORD });
    expect(accepted.status).toBe(302);
    const context = await requireActor(
      getRequest("/settings/organization", { cookie: sessionCookieFrom(accepted.headers) }),
      { role: "owner" },
    );
    expect(context.organization.id).toBe(owner.organizationId);
  });

  test("a replaced or revoked invitation no longer works", async () => {
    const owner = await signUpAccount();
    const invitee = uniqueEmail("replaced");
    const firstToken = await invite(owner.cookie, invitee);
    const secondToken = await invite(owner.cookie, invitee);
    expect(secondToken).not.toBe(firstToken);

    const before = await rowCounts();
    const stale = await acceptInvitation(firstToken, { name: "Rae Placed", password: PASSWORD });
    expect(stale.status).toBe(400);
    expect(stale.data.formError).toMatch(/no longer valid/i);
    expect(await rowCounts()).toEqual(before);

    const pending = await db().invitation.findFirstOrThrow({ where: { email: invitee, revokedAt: null } });
    const revoked = await settingsPost(owner.cookie, {
      intent: "revoke-invitation",
      invitationId: pending.id,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.data.notice).toMatch(/revoked/i);
    const afterRevoke = await acceptInvitation(secondToken, { name: "Rae Placed", password: PASSWORD });
    expect(afterRevoke.status).toBe(400);
    expect(await db().user.findUnique({ where: { email: invitee } })).toBeNull();

    // Revoking again, or another organisation's invitation, is refused.
    expect(
      (await settingsPost(owner.cookie, { intent: "revoke-invitation", invitationId: pending.id })).status,
    ).toBe(400);
    const other = await signUpAccount();
    await invite(other.cookie, uniqueEmail("elsewhere"));
    const othersInvitation = await db().invitation.findFirstOrThrow({
      where: { organizationId: other.organizationId },
    });
    const crossOrg = await settingsPost(owner.cookie, {
      intent: "revoke-invitation",
      invitationId: othersInvitation.id,
    });
    expect(crossOrg.status).toBe(400);
    expect(
      (await db().invitation.findUniqueOrThrow({ where: { id: othersInvitation.id } })).revokedAt,
    ).toBeNull();
  });

  test("an expired invitation no longer works", async () => {
    const owner = await signUpAccount();
    const invitee = uniqueEmail("late");
    const token = await invite(owner.cookie, invitee);
    await db().invitation.updateMany({
      where: { email: invitee },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const outcome = await acceptInvitation(token, { name: "Late Comer", password: PASSWORD });
    expect(outcome.status).toBe(400);
    expect(await db().user.findUnique({ where: { email: invitee } })).toBeNull();
  });

  test("an invalid new-account form is refused by field and leaves the invitation usable", async () => {
    const owner = await signUpAccount();
    const invitee = uniqueEmail("typo");
    const token = await invite(owner.cookie, invitee);
    const outcome = await acceptInvitation(token, { name: "", password: "short" });
    expect(outcome.status).toBe(400);
    expect(outcome.data.errors).toEqual({
      name: expect.stringMatching(/name/i),
      password: expect.stringMatching(/at least 10/i),
    });
    expect(outcome.data.values).not.toHaveProperty("password");
    expect((await acceptInvitation(token, { name: "Ty Po", password: PASSWORD })).status).toBe(302);
  });

  test("someone who already has an account must be logged in as that account to accept", async () => {
    const owner = await signUpAccount({ organizationName: "Host Org" });
    const existing = await signUpAccount({ organizationName: "Guest Org" });
    const stranger = await signUpAccount({ organizationName: "Stranger Org" });
    const token = await invite(owner.cookie, existing.email);

    const page = await callRoute(invitationRoute.loader, getRequest(`/invitations/${token}`), { token });
    expect(page.data.invitation).toMatchObject({ hasAccount: true, email: existing.email });

    for (const cookie of [null, stranger.cookie]) {
      const refused = await acceptInvitation(token, {}, cookie);
      expect(refused.status).toBe(400);
      expect(refused.data.formError).toContain(`Log in as ${existing.email}`);
    }
    // The refused attempts did not use the invitation up.
    const invitation = await db().invitation.findFirstOrThrow({ where: { email: existing.email } });
    expect(invitation.acceptedAt).toBeNull();
    expect(await db().membership.count({ where: { userId: existing.userId } })).toBe(1);

    const accepted = await acceptInvitation(token, {}, existing.cookie);
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/dashboard");
    const context = await requireActor(getRequest("/dashboard", { cookie: existing.cookie }), {
      organization: true,
    });
    expect(context.organization.id).toBe(owner.organizationId);
    expect(context.membership.role).toBe("member");
    expect(context.memberships).toHaveLength(2);
  });

  test("inviting someone who is already a member is a field error on email and writes nothing", async () => {
    const owner = await signUpAccount();
    const member = await addMember(owner.organizationId, "member");
    for (const email of [owner.email.toUpperCase(), ` ${member.email} `]) {
      const before = await rowCounts();
      const outcome = await settingsPost(owner.cookie, { intent: "invite", email, role: "member" });
      expect(outcome.status).toBe(400);
      expect(outcome.data.errors).toEqual({ email: expect.stringMatching(/already a member/i) });
      expect(await rowCounts()).toEqual(before);
    }
    const badRole = await settingsPost(owner.cookie, {
      intent: "invite",
      email: "x@example.com",
      role: "admin",
    });
    expect(badRole.status).toBe(400);
    expect(badRole.data.errors).toEqual({ role: expect.any(String) });
  });

  test("a member who is not an owner cannot invite, revoke or remove (403) and nothing is written", async () => {
    const owner = await signUpAccount();
    const member = await addMember(owner.organizationId, "member");
    const before = await rowCounts();
    const attempts: Fields[] = [
      { intent: "invite", email: uniqueEmail("nope"), role: "member" },
      { intent: "remove-member", membershipId: owner.membershipId },
      { intent: "profile", name: "Hijacked", economy: "US", capabilities: ["buyer"] },
    ];
    for (const fields of attempts) {
      const outcome = await settingsPost(member.cookie, fields);
      expect(outcome.thrown).toBe(true);
      expect(outcome.status).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
    expect((await db().organization.findUniqueOrThrow({ where: { id: owner.organizationId } })).name).toBe(
      "Reyes Fleet Services",
    );
    const anonymous = await settingsPost(null, attempts[0]);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
  });

  test("the last owner cannot be removed; members and other owners can", async () => {
    const owner = await signUpAccount();
    const lastOwner = await settingsPost(owner.cookie, {
      intent: "remove-member",
      membershipId: owner.membershipId,
    });
    expect(lastOwner.status).toBe(400);
    expect(lastOwner.data.errors).toEqual({ form: "The last owner cannot be removed." });
    expect(await db().membership.count({ where: { id: owner.membershipId } })).toBe(1);

    const member = await addMember(owner.organizationId, "member");
    const removed = await settingsPost(owner.cookie, {
      intent: "remove-member",
      membershipId: member.membershipId,
    });
    expect(removed.status).toBe(200);
    expect(await db().membership.count({ where: { id: member.membershipId } })).toBe(0);
    expect(
      await db().session.count({
        where: { userId: member.userId, activeOrganizationId: owner.organizationId },
      }),
    ).toBe(0);
    const forbidden = await thrownResponse(
      requireActor(getRequest("/dashboard", { cookie: member.cookie }), { organization: true }),
    );
    expect(forbidden.status).toBe(403);

    // With a second owner, the first may go.
    const second = await addMember(owner.organizationId, "owner");
    const handedOver = await settingsPost(second.cookie, {
      intent: "remove-member",
      membershipId: owner.membershipId,
    });
    expect(handedOver.status).toBe(200);
    expect(
      await db().membership.count({ where: { organizationId: owner.organizationId, role: "owner" } }),
    ).toBe(1);

    // A membership of another organisation cannot be removed from here.
    const other = await signUpAccount();
    const cross = await settingsPost(second.cookie, {
      intent: "remove-member",
      membershipId: other.membershipId,
    });
    expect(cross.status).toBe(400);
    expect(await db().membership.count({ where: { id: other.membershipId } })).toBe(1);
  });

  test("an owner updates the profile; invalid fields are named and nothing is written", async () => {
    const owner = await signUpAccount({ capabilities: ["seller"] });
    const bad = await settingsPost(owner.cookie, {
      intent: "profile",
      name: "",
      economy: "XX",
      website: "not a url",
      description: "",
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors as object).sort()).toEqual([
      "capabilities",
      "economy",
      "name",
      "website",
    ]);
    expect(
      (await db().organization.findUniqueOrThrow({ where: { id: owner.organizationId } })).economyCode,
    ).toBe("AU");

    const good = await settingsPost(owner.cookie, {
      intent: "profile",
      name: "Renamed Org",
      economy: "NZ",
      capabilities: ["recycler", "buyer"],
      website: "https://renamed.example",
      description: "",
    });
    expect(good.status).toBe(200);
    const org = await db().organization.findUniqueOrThrow({ where: { id: owner.organizationId } });
    expect(org).toMatchObject({
      name: "Renamed Org",
      economyCode: "NZ",
      website: "https://renamed.example",
      description: null,
    });
    expect([...org.capabilities].sort()).toEqual(["buyer", "recycler"]);
  });
});

// ---- Pages scoped to the viewer -----------------------------------------------------------------------

describe("pages", () => {
  function lot(organizationId: string, massKg: number, status: "draft" | "open") {
    return db().lot.create({
      data: {
        organizationId,
        title: `Lot of ${massKg} kg`,
        chemistry: "NMC811",
        form: "pack",
        condition: "intact",
        count: 4,
        massKg,
        lat: -37.83,
        lng: 144.92,
        economyCode: "AU",
        availableFrom: new Date("2026-12-01"),
        saleMode: "auction",
        currency: "AUD",
        status,
      },
    });
  }
  function facility(organizationId: string, name: string) {
    return db().facility.create({
      data: {
        organizationId,
        name,
        economyCode: "KR",
        lat: 35.1,
        lng: 129.04,
        recoveryLiBp: 9000,
        recoveryNiBp: 9500,
        recoveryCoBp: 9500,
        recoveryMnBp: 9000,
        recoveryCuBp: 9000,
      },
    });
  }

  test("the dashboard shows the organisation's own lots, facilities, bids and members only", async () => {
    const mine = await signUpAccount({
      organizationName: "Mine Org",
      capabilities: ["seller", "recycler", "buyer"],
    });
    const theirs = await signUpAccount({
      organizationName: "Theirs Org",
      capabilities: ["seller", "recycler", "buyer"],
    });
    await addMember(mine.organizationId, "member");
    const myOpen = await lot(mine.organizationId, 2_000, "open");
    await lot(mine.organizationId, 500, "draft");
    const theirOpen = await lot(theirs.organizationId, 9_000, "open");
    await lot(theirs.organizationId, 7_000, "open");
    const myFacility = await facility(mine.organizationId, "Mine Works");
    const theirFacility = await facility(theirs.organizationId, "Theirs Plant");
    await db().capacityWindow.create({
      data: {
        facilityId: myFacility.id,
        month: new Date("2027-01-01"),
        capacityKg: 50_000,
        bookedKg: 5_000,
        priceMinorPerTonne: 10_000,
        currency: "KRW",
        priceKind: "payable",
      },
    });
    await db().capacityWindow.create({
      data: {
        facilityId: theirFacility.id,
        month: new Date("2027-01-01"),
        capacityKg: 999_000,
        priceMinorPerTonne: 10_000,
        currency: "KRW",
        priceKind: "payable",
      },
    });
    await db().bid.create({
      data: {
        lotId: theirOpen.id,
        organizationId: mine.organizationId,
        amountMinor: 100,
        currency: "AUD",
        sequence: 1,
        priceAfterMinor: 100,
        incoterm: "EXW",
      },
    });
    for (const [index, amountMinor] of [100, 200].entries()) {
      await db().bid.create({
        data: {
          lotId: myOpen.id,
          organizationId: theirs.organizationId,
          amountMinor,
          currency: "AUD",
          sequence: index + 1,
          priceAfterMinor: amountMinor,
          incoterm: "EXW",
        },
      });
    }

    const outcome = await callRoute(dashboardRoute.loader, getRequest("/dashboard", { cookie: mine.cookie }));
    expect(outcome.status).toBe(200);
    const { overview, organization, role } = outcome.data as {
      overview: {
        lotsByStatus: { status: string; count: number; massKg: number }[];
        facilities: { name: string; capacityKg: number; bookedKg: number }[];
        activeBids: number;
        members: number;
      };
      organization: { name: string; economyCode: string };
      role: string;
    };
    expect(organization).toMatchObject({ name: "Mine Org", economyCode: "AU" });
    expect(role).toBe("owner");
    expect([...overview.lotsByStatus].sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: "draft", count: 1, massKg: 500 },
      { status: "open", count: 1, massKg: 2_000 },
    ]);
    expect(overview.facilities).toEqual([
      expect.objectContaining({ name: "Mine Works", capacityKg: 50_000, bookedKg: 5_000 }),
    ]);
    expect(overview.activeBids).toBe(1);
    expect(overview.members).toBe(2);
    expect(JSON.stringify(outcome.data)).not.toContain("Theirs");

    const anonymous = await callRoute(dashboardRoute.loader, getRequest("/dashboard"));
    expect(anonymous).toMatchObject({
      thrown: true,
      status: 302,
      location: "/login?redirectTo=%2Fdashboard",
    });

    // The home page's public figures count open lots of everyone, and nothing else.
    const home = await callRoute(homeRoute.loader, getRequest("/"));
    const openLots = await db().lot.aggregate({
      where: { status: "open" },
      _count: { _all: true },
      _sum: { massKg: true },
    });
    expect(home.data.figures).toMatchObject({
      openLots: openLots._count._all,
      tonnesListed: Math.round((openLots._sum.massKg ?? 0) / 1000),
    });
  });

  test("/admin/outbox lists emails for platform administrators and answers 403 to others", async () => {
    const account = await signUpAccount();
    await callRoute(forgotRoute.action, postRequest("/forgot-password", { email: account.email }));

    const forbidden = await callRoute(
      outboxRoute.loader,
      getRequest("/admin/outbox", { cookie: account.cookie }),
    );
    expect(forbidden).toMatchObject({ thrown: true, status: 403 });
    const anonymous = await callRoute(outboxRoute.loader, getRequest("/admin/outbox"));
    expect(anonymous).toMatchObject({
      thrown: true,
      status: 302,
      location: "/login?redirectTo=%2Fadmin%2Foutbox",
    });

    await db().user.update({ where: { id: account.userId }, data: { isPlatformAdmin: true } });
    const outcome = await callRoute(
      outboxRoute.loader,
      getRequest("/admin/outbox", { cookie: account.cookie }),
    );
    expect(outcome.status).toBe(200);
    const total = await db().outboxEmail.count();
    expect(outcome.data.total).toBe(total);
    expect(outcome.data.page).toBe(1);
    const emails = outcome.data.emails as { to: string; kind: string; text: string; createdAt: string }[];
    expect(emails.length).toBe(Math.min(total, 50));
    // Newest first: the reset just requested is at the top.
    expect(emails[0]).toMatchObject({ to: account.email, kind: "password_reset" });
    expect(emails[0].text).toMatch(/\/reset-password\//);
    const times = emails.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test("an unknown URL is a 404", async () => {
    const loaded = await callRoute(notFoundRoute.loader, getRequest("/no/such/page"), {
      "*": "no/such/page",
    });
    expect(loaded).toMatchObject({ thrown: true, status: 404 });
    const posted = await callRoute(notFoundRoute.action, postRequest("/no/such/page"), {
      "*": "no/such/page",
    });
    expect(posted).toMatchObject({ thrown: true, status: 404 });
  });
});
