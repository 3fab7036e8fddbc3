// Evidence files and the umpire assay in disputes (ADR 030) on PGlite and PostgreSQL: evidence is
// stored as a real file with a custody event and read only by the parties and admins (nothing for
// a stranger); a refused step leaves no file behind; an umpire assay beyond a splitting limit waits
// for the umpire's result, recorded by an admin, and settles on the value of the agreed assay as
// the settlement code computes it; within every limit it settles on acceptance.
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { assayValue } from "~/domain/deals/settlement.ts";
import type { AssayExchange } from "~/domain/deals/umpire-assay.ts";
import { acceptPurchaseRequest } from "~/models/bidding/purchase-requests.server.ts";
import { transitionDeal } from "~/models/deals/deal-transitions.server.ts";
import { evidenceForViewer, evidenceOfDeal } from "~/models/deals/dispute-evidence.server.ts";
import { recordUmpireResult } from "~/models/deals/dispute-umpire.server.ts";
import {
  acceptProposal,
  type DisputePerson,
  openDispute,
  proposeOutcome,
} from "~/models/deals/disputes.server.ts";
import { recordPayment, releaseProvisional } from "~/models/deals/payments.server.ts";
import { setDealSetting } from "~/models/deals/platform-settings.server.ts";
import { uploadsDirectory } from "~/services/file-storage.server.ts";
import { db } from "~/utils/db.server.ts";
import { type Bidder, bid, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

let seller: Bidder;
let buyer: Bidder;
let stranger: Bidder;
const admin = { role: "admin" as const, userId: null };
const PDF = new TextEncoder().encode("%PDF-1.4\n% weighbridge ticket\n%%EOF\n");

beforeAll(async () => {
  process.env.DATA_DIR = await mkdtemp(path.join(tmpdir(), "packloop-evidence-"));
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"]);
  stranger = await accountWith(["buyer"]);
  await setDealSetting(db(), "commissionBp", 250, null);
});

const person = (b: Bidder): DisputePerson => ({
  organizationId: b.organizationId,
  userId: b.userId,
  isPlatformAdmin: false,
});
const platformAdmin: DisputePerson = { organizationId: null, userId: null, isPlatformAdmin: true };

function ok<T>(result: T): Extract<T, { ok: true }> {
  const r = result as { ok: boolean; code?: string; message?: string };
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return result as Extract<T, { ok: true }>;
}

/** A fixed-price black-mass deal (4 t at AUD 5,000/t), paid, shipped and received at 3,900 kg. */
async function receivedBlackMass(form: "black_mass" | "pack" = "black_mass") {
  const lot = await openLot(seller.organizationId, {
    form,
    saleMode: "fixed",
    startingPriceMinor: null,
    askingPriceMinor: 2_000_000n,
    closesAt: null,
    originalClosesAt: null,
  });
  const request = await bid(buyer, lot.id, 2_000_000);
  if (!request.ok) throw new Error(request.message);
  const accepted = ok(
    await acceptPurchaseRequest(
      { organizationId: seller.organizationId, userId: seller.userId },
      request.bid.id,
    ),
  );
  const deal = await db().deal.findUniqueOrThrow({ where: { awardId: accepted.award.id } });
  const now = new Date();
  ok(
    await recordPayment({
      dealId: deal.id,
      amountMinor: 2_000_000n,
      currency: "AUD",
      rail: "manual",
      reference: "wire",
      receivedAt: now,
      key: `wire:${deal.id}`,
      actor: admin,
    }),
  );
  await db().$transaction((tx) =>
    transitionDeal(tx, { dealId: deal.id, event: "shipment_departed", actor: { role: "payee" } }),
  );
  ok(await releaseProvisional(deal.id, 3_900, now, admin));
  return deal;
}

async function storedFiles(): Promise<number> {
  const dir = uploadsDirectory();
  const fans = await readdir(dir).catch(() => [] as string[]);
  let n = 0;
  for (const fan of fans) n += (await readdir(path.join(dir, fan))).length;
  return n;
}

const exchange = (coBuyerPpm: number): AssayExchange => ({
  wetKg: 3_900,
  moisture: { sellerPpm: 80_000, buyerPpm: 82_000, splittingLimitPpm: 5_000 },
  metals: [
    {
      metal: "Ni",
      sellerPpm: 223_500,
      buyerPpm: 220_500,
      splittingLimitPpm: 5_000,
      payableBp: 7_500,
      priceMinorPerTonne: 2_400_000n,
    },
    {
      metal: "Co",
      sellerPpm: 69_000,
      buyerPpm: coBuyerPpm,
      splittingLimitPpm: 3_000,
      payableBp: 7_000,
      priceMinorPerTonne: 5_000_000n,
    },
  ],
});

describe("evidence files", () => {
  test("stored with the dispute and a custody event; only the parties and admins read them", async () => {
    const deal = await receivedBlackMass();
    const before = await storedFiles();
    const opened = ok(
      await openDispute(deal.id, person(buyer), {
        reason: "quality_assay",
        description: "Cobalt below the contract grade.",
        evidence: [{ fileName: "assay.pdf", contentType: "application/pdf", bytes: PDF }],
      }),
    );
    expect(await storedFiles()).toBe(before + 1);
    const listed = await evidenceOfDeal(deal.id, {
      organizationId: seller.organizationId,
      isPlatformAdmin: false,
    });
    expect(listed).toMatchObject([
      { disputeId: opened.dispute.id, fileName: "assay.pdf", sizeBytes: PDF.byteLength },
    ]);
    expect(
      await evidenceOfDeal(deal.id, { organizationId: stranger.organizationId, isPlatformAdmin: false }),
    ).toEqual([]);
    expect(await evidenceOfDeal(deal.id, { organizationId: null, isPlatformAdmin: true })).toHaveLength(1);
    const id = listed[0].id;
    expect(
      await evidenceForViewer(deal.id, id, {
        organizationId: stranger.organizationId,
        isPlatformAdmin: false,
      }),
    ).toBeNull();
    expect(
      (await evidenceForViewer(deal.id, id, { organizationId: buyer.organizationId, isPlatformAdmin: false }))
        ?.sha256,
    ).toBe(listed[0].sha256);
    const custody = await db().auditEvent.findFirst({
      where: { lotId: deal.lotId, kind: "dispute_evidence_added" },
    });
    expect(custody?.data).toMatchObject({
      files: [{ sha256: listed[0].sha256, contentType: "application/pdf" }],
    });
    expect(JSON.stringify(custody?.data)).not.toContain("assay.pdf");

    // A refused step (a second dispute while one is live) stores nothing and leaves no file.
    const refused = await openDispute(deal.id, person(seller), {
      reason: "weight",
      description: "again",
      evidence: [{ fileName: "x.pdf", contentType: "application/pdf", bytes: PDF }],
    });
    expect(refused.ok).toBe(false);
    expect(await storedFiles()).toBe(before + 1);
    expect(await db().disputeEvidence.count({ where: { dispute: { dealId: deal.id } } })).toBe(1);

    // With a proposal: the file is tied to it.
    const proposed = ok(
      await proposeOutcome(deal.id, opened.dispute.id, person(seller), {
        kind: "partial_refund",
        amountMinor: 10_000n,
        evidence: [{ fileName: "photo.pdf", contentType: "application/pdf", bytes: PDF }],
      }),
    );
    const again = await evidenceOfDeal(deal.id, {
      organizationId: buyer.organizationId,
      isPlatformAdmin: false,
    });
    expect(again.map((e) => e.proposalId)).toEqual([null, proposed.proposal.id]);
  });
});

describe("umpire assay", () => {
  test("beyond a splitting limit: waits for the umpire, whose result settles on the agreed assay", async () => {
    const deal = await receivedBlackMass();
    const dispute = ok(
      await openDispute(deal.id, person(buyer), { reason: "quality_assay", description: "Co" }),
    ).dispute;
    // Missing exchange: refused, naming the field.
    expect(await proposeOutcome(deal.id, dispute.id, person(seller), { kind: "umpire_assay" })).toMatchObject(
      {
        ok: false,
        field: "assay",
      },
    );
    const proposal = ok(
      await proposeOutcome(deal.id, dispute.id, person(seller), {
        kind: "umpire_assay",
        assay: exchange(61_000),
      }),
    ).proposal;
    ok(await acceptProposal(deal.id, dispute.id, proposal.id, person(buyer)));
    expect((await db().deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe("disputed");
    // A party cannot record the umpire's result; without the cobalt figure it is refused.
    expect(
      await recordUmpireResult(deal.id, dispute.id, person(buyer), { metals: { Co: 64_000 } }),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await recordUmpireResult(deal.id, dispute.id, platformAdmin, {})).toMatchObject({
      ok: false,
      code: "UMPIRE_NEEDED",
    });
    const done = ok(await recordUmpireResult(deal.id, dispute.id, platformAdmin, { metals: { Co: 64_000 } }));
    expect(done.deal.status).toBe("settled");
    const expected = assayValue(
      {
        wetKg: 3_900,
        moisturePpm: 81_000,
        metals: [
          { metal: "Ni", gradePpm: 222_000, payableBp: 7_500, priceMinorPerTonne: 2_400_000n },
          { metal: "Co", gradePpm: 64_000, payableBp: 7_000, priceMinorPerTonne: 5_000_000n },
        ],
      },
      "AUD",
    );
    if (!expected.ok) throw new Error(expected.message);
    expect(done.dispute.outcome).toMatchObject({
      kind: "umpire_assay",
      by: "umpire",
      finalValueMinor: expected.value.total.amountMinor.toString(),
    });
    const sums = await db().ledgerPosting.groupBy({
      by: ["transactionId"],
      where: { transaction: { dealId: deal.id } },
      _sum: { amountMinor: true },
    });
    expect(sums.every((s) => s._sum.amountMinor === 0n)).toBe(true);
  });

  test("within every limit: the means settle the deal on acceptance", async () => {
    const deal = await receivedBlackMass();
    const dispute = ok(
      await openDispute(deal.id, person(buyer), { reason: "quality_assay", description: "Co" }),
    ).dispute;
    const proposal = ok(
      await proposeOutcome(deal.id, dispute.id, person(buyer), {
        kind: "umpire_assay",
        assay: exchange(67_000),
      }),
    ).proposal;
    const accepted = ok(await acceptProposal(deal.id, dispute.id, proposal.id, person(seller)));
    expect(accepted.deal.status).toBe("settled");
    expect(accepted.dispute.status).toBe("agreed");
  });

  test("not black mass: refused, naming the kind", async () => {
    const deal = await receivedBlackMass("pack");
    const dispute = ok(
      await openDispute(deal.id, person(buyer), { reason: "weight", description: "light" }),
    ).dispute;
    expect(
      await proposeOutcome(deal.id, dispute.id, person(seller), {
        kind: "umpire_assay",
        assay: exchange(67_000),
      }),
    ).toMatchObject({ ok: false, code: "VALIDATION", field: "kind" });
  });
});
