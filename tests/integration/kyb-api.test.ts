// KYB through the JSON API and revoking a verification (issue 15; ADR 050), on a real database:
// an owner (session or the organisation's token) reads its verification, uploads a document with
// the page's limits and asks to be verified; a plain member reads but may not write (403
// OWNER_REQUIRED); another organisation never sees these documents; anonymous is 401. A platform
// admin revokes a verified organisation only with a confirmation and a reason: back to unverified,
// the owners emailed, the reason shown to the organisation; a second revocation is a conflict.
import { beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "~/models/api-token.server.ts";
import { decideVerification } from "~/models/organization-verification.server.ts";
import { action as adminAction, loader as adminLoader } from "~/routes/admin.organizations.tsx";
import { loader as documentsLoader, action as uploadAction } from "~/routes/api.v1.verification.documents.ts";
import { action as requestAction } from "~/routes/api.v1.verification.request.ts";
import { loader as verificationLoader } from "~/routes/api.v1.verification.ts";
import { loader as pageLoader } from "~/routes/settings.verification.tsx";
import { db } from "~/utils/db.server.ts";
import { startSession } from "~/utils/session.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { apiGet } from "../fixtures/lots.ts";
import { callRoute, getRequest, ORIGIN, postRequest, sessionCookieFrom } from "../fixtures/routes.ts";

// biome-ignore lint/suspicious/noExplicitAny: the test reads loose JSON answers
type Json = Record<string, any>;
type Auth = { token?: string; cookie?: string };

const PDF = new TextEncoder().encode("%PDF-1.4\n% registration\n%%EOF\n");
const TEXT = new TextEncoder().encode("just some text, not a document");

let owner: Awaited<ReturnType<typeof accountWith>>;
let ownerToken: string;
let memberCookie: string;
let stranger: Awaited<ReturnType<typeof accountWith>>;
let strangerToken: string;
let admin: Awaited<ReturnType<typeof accountWith>>;

async function call(handler: (args: never) => Promise<Response>, request: Request) {
  const response = await handler({ request, params: {}, context: {} } as never);
  const type = response.headers.get("Content-Type") ?? "";
  return { status: response.status, type, body: (await response.json()) as Json };
}

function upload(auth: Auth, fields: { kind?: string; file?: { bytes: Uint8Array; name: string } }) {
  const form = new FormData();
  if (fields.kind !== undefined) form.set("kind", fields.kind);
  if (fields.file) form.set("file", new Blob([Buffer.from(fields.file.bytes)]), fields.file.name);
  const headers = new Headers();
  if (auth.token) headers.set("Authorization", `Bearer ${auth.token}`);
  if (auth.cookie) headers.set("Cookie", auth.cookie);
  return call(
    uploadAction,
    new Request(new URL("/api/v1/verification/documents", ORIGIN), { method: "POST", headers, body: form }),
  );
}

function requestVerification(auth: Auth) {
  const headers = new Headers();
  if (auth.token) headers.set("Authorization", `Bearer ${auth.token}`);
  if (auth.cookie) headers.set("Cookie", auth.cookie);
  return call(
    requestAction,
    new Request(new URL("/api/v1/verification/request", ORIGIN), { method: "POST", headers }),
  );
}

const tokenFor = async (account: { organizationId: string; userId: string }) =>
  (await createApiToken({ organizationId: account.organizationId, createdById: account.userId, name: "kyb" }))
    .token;

beforeAll(async () => {
  await insertEconomies(db());
  owner = await accountWith(["seller"]);
  stranger = await accountWith(["buyer"]);
  admin = await accountWith(["buyer"]);
  await db().user.update({ where: { id: admin.userId }, data: { isPlatformAdmin: true } });
  ownerToken = await tokenFor(owner);
  strangerToken = await tokenFor(stranger);
  // A plain member of the owner's organisation, acting for it.
  const member = await accountWith(["buyer"]);
  await db().membership.create({
    data: { userId: member.userId, organizationId: owner.organizationId, role: "member" },
  });
  const session = await startSession(getRequest("/login"), member.userId, owner.organizationId, "/dashboard");
  memberCookie = sessionCookieFrom(session.headers);
});

describe("KYB documents through the JSON API", () => {
  test("anonymous is 401 on every operation; nothing is written", async () => {
    const before = await db().organizationDocument.count();
    expect((await call(verificationLoader, apiGet("/api/v1/verification", {}))).status).toBe(401);
    expect((await call(documentsLoader, apiGet("/api/v1/verification/documents", {}))).status).toBe(401);
    const anonymousUpload = await upload({}, { kind: "registration", file: { bytes: PDF, name: "r.pdf" } });
    expect(anonymousUpload.status).toBe(401);
    expect(anonymousUpload.type).toContain("application/problem+json");
    expect((await requestVerification({})).status).toBe(401);
    expect(await db().organizationDocument.count()).toBe(before);
  });

  test("an owner's token reads, uploads within the limits, and asks to be verified", async () => {
    const start = await call(verificationLoader, apiGet("/api/v1/verification", { token: ownerToken }));
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({
      organizationId: owner.organizationId,
      status: "unverified",
      canRequest: true,
      documents: [],
    });

    // Asking before the registration is uploaded names the field.
    const early = await requestVerification({ token: ownerToken });
    expect(early.status).toBe(400);
    expect(early.type).toContain("application/problem+json");
    expect(early.body.errors).toEqual([expect.objectContaining({ field: "kind" })]);

    // A missing kind, a missing file and a file that is not a PDF or an image are refused by name.
    const noKind = await upload({ token: ownerToken }, { file: { bytes: PDF, name: "r.pdf" } });
    expect(noKind.status).toBe(400);
    expect(noKind.body.errors).toEqual([expect.objectContaining({ field: "kind" })]);
    const noFile = await upload({ token: ownerToken }, { kind: "registration" });
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors).toEqual([expect.objectContaining({ field: "file" })]);
    const notADocument = await upload(
      { token: ownerToken },
      { kind: "permit", file: { bytes: TEXT, name: "x.pdf" } },
    );
    expect(notADocument.status).toBe(422);
    expect(notADocument.body).toMatchObject({ code: "FILE_REFUSED" });
    expect(notADocument.body.errors).toEqual([expect.objectContaining({ field: "file" })]);
    expect(await db().organizationDocument.count({ where: { organizationId: owner.organizationId } })).toBe(
      0,
    );

    // JSON is not an upload.
    const json = await call(
      uploadAction,
      new Request(new URL("/api/v1/verification/documents", ORIGIN), {
        method: "POST",
        headers: { Authorization: `Bearer ${ownerToken}`, "Content-Type": "application/json" },
        body: "{}",
      }),
    );
    expect(json.status).toBe(415);

    const stored = await upload(
      { token: ownerToken },
      { kind: "registration", file: { bytes: PDF, name: "../../registration.pdf" } },
    );
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      kind: "registration",
      fileName: "registration.pdf",
      contentType: "application/pdf",
      sizeBytes: PDF.byteLength,
    });
    const listed = await call(
      documentsLoader,
      apiGet("/api/v1/verification/documents", { token: ownerToken }),
    );
    expect(listed.body.documents.map((d: Json) => d.id)).toEqual([stored.body.id]);

    const asked = await requestVerification({ token: ownerToken });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: "pending", canRequest: false });
    expect(asked.body.requestedAt).toEqual(expect.any(String));
    const again = await requestVerification({ token: ownerToken });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CONFLICT");
  });

  test("a member reads but may not upload or ask; another organisation never sees the documents", async () => {
    const read = await call(verificationLoader, apiGet("/api/v1/verification", { cookie: memberCookie }));
    expect(read.status).toBe(200);
    expect(read.body.organizationId).toBe(owner.organizationId);
    expect(read.body.documents).toHaveLength(1);

    const before = await db().organizationDocument.count();
    const memberUpload = await upload(
      { cookie: memberCookie },
      { kind: "permit", file: { bytes: PDF, name: "permit.pdf" } },
    );
    expect(memberUpload.status).toBe(403);
    expect(memberUpload.body.code).toBe("OWNER_REQUIRED");
    expect((await requestVerification({ cookie: memberCookie })).body.code).toBe("OWNER_REQUIRED");
    expect(await db().organizationDocument.count()).toBe(before);

    // The stranger's token reads its own (empty) verification, never the owner's.
    const theirs = await call(verificationLoader, apiGet("/api/v1/verification", { token: strangerToken }));
    expect(theirs.body.organizationId).toBe(stranger.organizationId);
    expect(theirs.body.documents).toEqual([]);
    const theirList = await call(
      documentsLoader,
      apiGet("/api/v1/verification/documents", { token: strangerToken }),
    );
    expect(theirList.body.documents).toEqual([]);
  });
});

describe("revoking a verification", () => {
  test("only confirmed and with a reason; back to unverified, owners emailed, reason shown; once", async () => {
    // The owner's organisation asked above: an admin verifies it.
    expect(
      await decideVerification({ userId: admin.userId }, owner.organizationId, { verdict: "verify" }, ORIGIN),
    ).toEqual({ ok: true });
    const queue = await callRoute(
      adminLoader as never,
      getRequest("/admin/organizations", { cookie: admin.cookie }),
    );
    expect((queue.data.verified as Json[]).map((o) => o.id)).toContain(owner.organizationId);

    const post = (fields: Record<string, string>, cookie = admin.cookie) =>
      callRoute(adminAction as never, postRequest("/admin/organizations", fields, { cookie }));
    const status = async () =>
      (await db().organization.findUniqueOrThrow({ where: { id: owner.organizationId } })).verificationStatus;

    // Not an admin: refused, nothing changes.
    const byOwner = await post(
      { organizationId: owner.organizationId, verdict: "revoke", confirmed: "yes", reason: "No." },
      owner.cookie,
    );
    expect(byOwner.status).toBe(403);
    expect(await status()).toBe("verified");

    // Without the confirmation the page asks first.
    const unconfirmed = await post({
      organizationId: owner.organizationId,
      verdict: "revoke",
      reason: "Permit expired.",
    });
    expect(unconfirmed.data).toMatchObject({ confirmRevoke: owner.organizationId });
    expect(await status()).toBe("verified");

    // Without a reason: refused by name, still verified.
    const noReason = await post({
      organizationId: owner.organizationId,
      verdict: "revoke",
      confirmed: "yes",
      reason: " ",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.data).toMatchObject({ errors: { reason: expect.any(String) } });
    expect(await status()).toBe("verified");

    const revoked = await post({
      organizationId: owner.organizationId,
      verdict: "revoke",
      confirmed: "yes",
      reason: "The waste permit expired in November.",
    });
    expect(revoked.status).toBe(200);
    expect(revoked.data).toMatchObject({ revoked: true });
    const row = await db().organization.findUniqueOrThrow({ where: { id: owner.organizationId } });
    expect(row).toMatchObject({
      verificationStatus: "unverified",
      verificationNote: "The waste permit expired in November.",
      verificationDecidedById: admin.userId,
    });

    const ownerUser = await db().user.findUniqueOrThrow({ where: { id: owner.userId } });
    const mail = await db().outboxEmail.findFirstOrThrow({
      where: { to: ownerUser.email, kind: "organization_revoked" },
    });
    expect(mail.text).toContain("The waste permit expired in November.");
    expect(mail.text).toMatch(/https?:\/\/\S+\/settings\/verification/);

    // The organisation reads why, on its page and through the API, and may ask again.
    const page = await callRoute(
      pageLoader as never,
      getRequest("/settings/verification", { cookie: owner.cookie }),
    );
    expect((page.data.verification as Json).verificationNote).toBe("The waste permit expired in November.");
    const api = await call(verificationLoader, apiGet("/api/v1/verification", { token: ownerToken }));
    expect(api.body).toMatchObject({
      status: "unverified",
      note: "The waste permit expired in November.",
      canRequest: true,
    });

    // Revoked already: a second revocation is a conflict and writes nothing.
    const twice = await post({
      organizationId: owner.organizationId,
      verdict: "revoke",
      confirmed: "yes",
      reason: "Again.",
    });
    expect(twice.status).toBe(409);
    expect(
      (await db().organization.findUniqueOrThrow({ where: { id: owner.organizationId } })).verificationNote,
    ).toBe("The waste permit expired in November.");
  });
});
