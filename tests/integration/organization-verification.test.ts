// Organisation verification (issue 15; ADR 038) through the model: asking needs the registration,
// a rejection needs a reason (nothing written without one), a decision is taken once, the owners
// are emailed, and documents are read only by the organisation's members and platform admins.
import { beforeAll, describe, expect, test } from "vitest";
import {
  addOrganizationDocument,
  decideVerification,
  organizationDocumentFor,
  requestVerification,
} from "~/models/organization-verification.server.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

const BASE = "https://packloop.example";
const pdf = (name: string) => new TextEncoder().encode(`%PDF-1.4\n% ${name}\n%%EOF\n`);

beforeAll(async () => {
  await insertEconomies(db());
});

describe("organisation verification", () => {
  test("registration first; a reason to reject; one decision; owners emailed; documents kept private", async () => {
    const seller = await accountWith(["seller"]);
    const other = await accountWith(["buyer"]);
    const admin = await accountWith(["buyer"]);

    const early = await requestVerification(seller.organizationId);
    expect(early).toMatchObject({ ok: false, code: "VALIDATION", field: "kind" });

    const added = await addOrganizationDocument(
      { organizationId: seller.organizationId, userId: seller.userId },
      {
        kind: "registration",
        fileName: "registration.pdf",
        contentType: "application/pdf",
        bytes: pdf("reg"),
      },
    );
    expect(added.ok).toBe(true);
    const documentId = added.ok ? added.documentId : "";
    expect(await requestVerification(seller.organizationId)).toEqual({ ok: true });
    expect(await requestVerification(seller.organizationId)).toMatchObject({ ok: false, code: "CONFLICT" });

    const before = await db().organization.findUniqueOrThrow({ where: { id: seller.organizationId } });
    const noReason = await decideVerification(
      { userId: admin.userId },
      seller.organizationId,
      { verdict: "reject", reason: "  " },
      BASE,
    );
    expect(noReason).toMatchObject({ ok: false, code: "VALIDATION", field: "reason" });
    expect(await db().organization.findUniqueOrThrow({ where: { id: seller.organizationId } })).toEqual(
      before,
    );

    const rejected = await decideVerification(
      { userId: admin.userId },
      seller.organizationId,
      { verdict: "reject", reason: "The scan is unreadable." },
      BASE,
    );
    expect(rejected).toEqual({ ok: true });
    const after = await db().organization.findUniqueOrThrow({ where: { id: seller.organizationId } });
    expect(after).toMatchObject({
      verificationStatus: "rejected",
      verificationNote: "The scan is unreadable.",
    });
    const owner = await db().user.findUniqueOrThrow({ where: { id: seller.userId } });
    const mail = await db().outboxEmail.findFirstOrThrow({
      where: { to: owner.email, kind: "organization_rejected" },
    });
    expect(mail.text).toContain("The scan is unreadable.");
    expect(mail.text).toContain(`${BASE}/settings/verification`);

    // Decided already: a second decision is refused.
    const again = await decideVerification(
      { userId: admin.userId },
      seller.organizationId,
      { verdict: "verify" },
      BASE,
    );
    expect(again).toMatchObject({ ok: false, code: "CONFLICT" });

    expect(await requestVerification(seller.organizationId)).toEqual({ ok: true });
    expect(
      await decideVerification({ userId: admin.userId }, seller.organizationId, { verdict: "verify" }, BASE),
    ).toEqual({ ok: true });
    expect(
      (await db().organization.findUniqueOrThrow({ where: { id: seller.organizationId } }))
        .verificationStatus,
    ).toBe("verified");

    expect(
      await organizationDocumentFor(documentId, {
        organizationIds: [seller.organizationId],
        isPlatformAdmin: false,
      }),
    ).not.toBeNull();
    expect(
      await organizationDocumentFor(documentId, { organizationIds: [], isPlatformAdmin: true }),
    ).not.toBeNull();
    expect(
      await organizationDocumentFor(documentId, {
        organizationIds: [other.organizationId],
        isPlatformAdmin: false,
      }),
    ).toBeNull();
  });
});
