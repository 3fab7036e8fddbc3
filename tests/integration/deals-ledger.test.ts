// The deals' ledger on PGlite and PostgreSQL (issue 11, ADR 017): a balanced transaction commits;
// an unbalanced one is refused by the model, and — written with raw SQL past the model — by the
// database itself at commit, with nothing written. The ledger is append-only; a deal has exactly
// one source and one deal per award; the platform's deal settings fall back to their defaults.
import { beforeAll, describe, expect, test } from "vitest";
import type { DealPosition } from "~/domain/deals/ledger.ts";
import {
  finalSettlement,
  paymentReceived,
  payoutToPayee,
  provisionalRelease,
} from "~/domain/deals/ledger-builders.ts";
import { dealParties } from "~/domain/deals/settlement.ts";
import {
  dealLedgerPosition,
  organizationLedgerBalances,
  postLedgerTransaction,
} from "~/models/deals/ledger.server.ts";
import { readDealSettings, setDealSetting } from "~/models/deals/platform-settings.server.ts";
import { db, getDatabase } from "~/utils/db.server.ts";
import { type Bidder, openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

const onPostgres = process.env.TEST_DB_KIND === "postgres";
let seller: Bidder;
let buyer: Bidder;
let lotId: string;
let awardId: string;
let dealId: string;

async function newAward() {
  const award = await db().award.create({
    data: {
      lotId,
      organizationId: buyer.organizationId,
      amountMinor: 2_000_000n,
      currency: "USD",
      status: "confirmed",
    },
  });
  return award.id;
}

async function newDeal(source: { awardId?: string; bookingId?: string }) {
  const parties = dealParties({
    priceKind: "payable",
    sellerOrganizationId: seller.organizationId,
    counterpartyOrganizationId: buyer.organizationId,
  });
  return db().deal.create({
    data: {
      lotId,
      ...source,
      sellerOrganizationId: seller.organizationId,
      buyerOrganizationId: buyer.organizationId,
      ...parties,
      massKg: 10_000,
      priceMinorPerTonne: 200_000n,
      totalMinor: 2_000_000n,
      currency: "USD",
      priceKind: "payable",
      incoterm: "EXW",
      commissionBp: 250,
      provisionalShareBp: 9_000,
      inspectionDays: 7,
      paymentDueAt: new Date(Date.now() + 3 * 86_400_000),
    },
  });
}

const ctx = () => ({
  dealId,
  payerOrganizationId: buyer.organizationId,
  payeeOrganizationId: seller.organizationId,
  currency: "USD",
});

const counts = async () => ({
  transactions: await db().ledgerTransaction.count(),
  postings: await db().ledgerPosting.count(),
});

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"]);
  buyer = await accountWith(["buyer"]);
  lotId = (await openLot(seller.organizationId, { currency: "USD" })).id;
  awardId = await newAward();
  dealId = (await newDeal({ awardId })).id;
});

describe("a balanced transaction commits", () => {
  test("payment, release and payout are posted and the deal's position follows", async () => {
    const post = async (key: string, build: (pos: DealPosition) => ReturnType<typeof paymentReceived>) =>
      db().$transaction(async (tx) => {
        const built = build(await dealLedgerPosition(tx, dealId, "USD"));
        if (!built.ok) throw new Error(built.message);
        return postLedgerTransaction(tx, { ...built.entry, key, occurredAt: new Date() });
      });
    expect(await post("evt_pay_1", (pos) => paymentReceived(ctx(), pos, "stripe", 2_000_000n))).toMatchObject(
      {
        ok: true,
        replayed: false,
      },
    );
    await post("rel_1", (pos) => provisionalRelease(ctx(), pos, 1_777_680n));
    await post("out_1", (pos) => payoutToPayee(ctx(), pos, "stripe", 1_777_680n));
    expect(await dealLedgerPosition(db(), dealId, "USD")).toMatchObject({
      held: 222_320n,
      payeePayable: 0n,
      cash: { stripe: 222_320n, bank: 0n },
      cashIn: 2_000_000n,
      cashOut: 1_777_680n,
    });
    expect(await organizationLedgerBalances(db(), buyer.organizationId)).toEqual([
      { account: "payer_funds_held", currency: "USD", balanceMinor: -222_320n },
    ]);

    // The same key again posts nothing (a webhook delivered twice).
    const before = await counts();
    expect(await post("evt_pay_1", (pos) => paymentReceived(ctx(), pos, "stripe", 2_000_000n))).toMatchObject(
      {
        ok: true,
        replayed: true,
      },
    );
    expect(await counts()).toEqual(before);

    // Settle: the held money is shared out to the payee, the platform and the payer.
    await post("settle_1", (pos) =>
      finalSettlement(ctx(), pos, {
        balanceToPayeeMinor: 133_320n,
        commissionMinor: 49_000n,
        payerBalanceMinor: 40_000n,
      }),
    );
    expect(await dealLedgerPosition(db(), dealId, "USD")).toMatchObject({
      held: 0n,
      payeePayable: 133_320n,
      refundsPayable: 40_000n,
      revenue: 49_000n,
    });
  });

  test("raw SQL that balances per currency commits too: the check runs at commit, not per row", async () => {
    const before = await counts();
    await getDatabase().withConnection((sql) =>
      sql.exec(`
        BEGIN;
        INSERT INTO "LedgerTransaction" ("id", "dealId", "kind", "memo", "occurredAt")
          VALUES ('0193a000-0000-7000-8000-000000000001', '${dealId}', 'payment_received', 'by hand', now());
        INSERT INTO "LedgerPosting" ("id", "transactionId", "account", "amountMinor", "currency") VALUES
          (gen_random_uuid(), '0193a000-0000-7000-8000-000000000001', 'bank_clearing', 500, 'USD'),
          (gen_random_uuid(), '0193a000-0000-7000-8000-000000000001', 'payer_funds_held', -300, 'USD');
        INSERT INTO "LedgerPosting" ("id", "transactionId", "account", "amountMinor", "currency") VALUES
          (gen_random_uuid(), '0193a000-0000-7000-8000-000000000001', 'payer_funds_held', -200, 'USD');
        COMMIT;
      `),
    );
    expect(await counts()).toEqual({ transactions: before.transactions + 1, postings: before.postings + 3 });
  });
});

describe("an unbalanced transaction is refused and nothing is written", () => {
  test("by the model, before the database", async () => {
    const before = await counts();
    const result = await db().$transaction((tx) =>
      postLedgerTransaction(tx, {
        kind: "payment_received",
        dealId,
        memo: "one cent short",
        occurredAt: new Date(),
        postings: [
          { account: "stripe_clearing", organizationId: null, amountMinor: 100n, currency: "USD" },
          {
            account: "payer_funds_held",
            organizationId: buyer.organizationId,
            amountMinor: -99n,
            currency: "USD",
          },
        ],
      }),
    );
    expect(result).toMatchObject({ ok: false, code: "UNBALANCED" });
    expect(await counts()).toEqual(before);
  });

  const unbalanced: [string, string][] = [
    ["one cent short", `('stripe_clearing', 100, 'USD'), ('payer_funds_held', -99, 'USD')`],
    [
      "zero in total but not per currency",
      `('stripe_clearing', 100, 'USD'), ('payer_funds_held', -100, 'AUD')`,
    ],
    ["a single posting", `('stripe_clearing', 100, 'USD')`],
  ];

  // On PostgreSQL the commit fails and Prisma says so. On PGlite the commit fails too — nothing is
  // written — but pglite-prisma-adapter 0.7.2 swallows errors raised at COMMIT and resolves the
  // transaction: postLedgerTransaction therefore runs the check before the commit (next test).
  test.each(unbalanced)("by the database, at the commit of a Prisma transaction: %s", async (_name, rows) => {
    const before = await counts();
    const id = crypto.randomUUID();
    const attempt = db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO "LedgerTransaction" ("id", "dealId", "kind", "memo", "occurredAt")
           VALUES ($1::uuid, $2::uuid, 'payment_received', 'raw', now())`,
        id,
        dealId,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "LedgerPosting" ("id", "transactionId", "account", "amountMinor", "currency")
           SELECT gen_random_uuid(), $1::uuid, v.account::"LedgerAccount", v.amount, v.currency
             FROM (VALUES ${rows}) AS v(account, amount, currency)`,
        id,
      );
    });
    if (onPostgres) await expect(attempt).rejects.toThrow(/does not balance|fewer than two postings/);
    else await expect(attempt).resolves.toBeUndefined();
    expect(await counts()).toEqual(before);
    expect(await db().ledgerTransaction.findUnique({ where: { id } })).toBeNull();
  });

  test.each(unbalanced)(
    "by the database, inside the transaction, when the model posts after raw SQL: %s",
    async (_name, rows) => {
      const before = await counts();
      const id = crypto.randomUUID();
      await expect(
        db().$transaction(async (tx) => {
          await tx.$executeRawUnsafe(
            `INSERT INTO "LedgerTransaction" ("id", "dealId", "kind", "memo", "occurredAt")
             VALUES ($1::uuid, $2::uuid, 'payment_received', 'raw', now())`,
            id,
            dealId,
          );
          await tx.$executeRawUnsafe(
            `INSERT INTO "LedgerPosting" ("id", "transactionId", "account", "amountMinor", "currency")
             SELECT gen_random_uuid(), $1::uuid, v.account::"LedgerAccount", v.amount, v.currency
               FROM (VALUES ${rows}) AS v(account, amount, currency)`,
            id,
          );
          const built = paymentReceived(ctx(), await dealLedgerPosition(tx, dealId, "USD"), "bank", 1n);
          if (!built.ok) throw new Error(built.message);
          await postLedgerTransaction(tx, { ...built.entry, occurredAt: new Date() });
        }),
      ).rejects.toThrow(/does not balance|fewer than two postings/);
      expect(await counts()).toEqual(before);
    },
  );

  test.each(unbalanced)("by the database, in a plain SQL transaction: %s", async (_name, rows) => {
    const before = await counts();
    const id = crypto.randomUUID();
    await expect(
      getDatabase().withConnection(async (sql) => {
        try {
          await sql.exec(`
            BEGIN;
            INSERT INTO "LedgerTransaction" ("id", "dealId", "kind", "memo", "occurredAt")
              VALUES ('${id}', '${dealId}', 'payment_received', 'raw', now());
            INSERT INTO "LedgerPosting" ("id", "transactionId", "account", "amountMinor", "currency")
              SELECT gen_random_uuid(), '${id}', v.account::"LedgerAccount", v.amount, v.currency
                FROM (VALUES ${rows}) AS v(account, amount, currency);
            COMMIT;
          `);
        } catch (error) {
          await sql.exec("ROLLBACK").catch(() => {});
          throw error;
        }
      }),
    ).rejects.toThrow(/does not balance|fewer than two postings/);
    expect(await counts()).toEqual(before);
  });

  test("a transaction without postings is refused", async () => {
    const before = await counts();
    const attempt = db().ledgerTransaction.create({
      data: { dealId, kind: "commission", memo: "empty", occurredAt: new Date() },
    });
    // Outside an interactive transaction the statement commits on its own, and both databases
    // report the failed commit.
    await expect(attempt).rejects.toThrow(/fewer than two postings/);
    expect(await counts()).toEqual(before);
  });

  test("two model postings in one database transaction: each is checked, both commit", async () => {
    const before = await counts();
    await db().$transaction(async (tx) => {
      for (const key of ["two_1", "two_2"]) {
        const built = paymentReceived(ctx(), await dealLedgerPosition(tx, dealId, "USD"), "bank", 10n);
        if (!built.ok) throw new Error(built.message);
        expect(
          await postLedgerTransaction(tx, { ...built.entry, key, occurredAt: new Date() }),
        ).toMatchObject({
          ok: true,
        });
      }
    });
    expect(await counts()).toEqual({ transactions: before.transactions + 2, postings: before.postings + 4 });
  });

  test("a zero posting is refused", async () => {
    const before = await counts();
    const tx = await db().ledgerTransaction.findFirstOrThrow({ where: { dealId } });
    await expect(
      db().ledgerPosting.create({
        data: { transactionId: tx.id, account: "bank_clearing", amountMinor: 0n, currency: "USD" },
      }),
    ).rejects.toThrow(/LedgerPosting_amount_not_zero/);
    expect(await counts()).toEqual(before);
  });
});

describe("the ledger is append-only", () => {
  test("postings and transactions cannot be edited or deleted", async () => {
    const posting = await db().ledgerPosting.findFirstOrThrow();
    await expect(
      db().ledgerPosting.update({
        where: { id: posting.id },
        data: { amountMinor: posting.amountMinor + 1n },
      }),
    ).rejects.toThrow(/append-only/);
    await expect(db().ledgerPosting.delete({ where: { id: posting.id } })).rejects.toThrow(/append-only/);
    await expect(
      db().ledgerTransaction.update({ where: { id: posting.transactionId }, data: { memo: "edited" } }),
    ).rejects.toThrow(/append-only/);
    expect((await db().ledgerPosting.findUniqueOrThrow({ where: { id: posting.id } })).amountMinor).toBe(
      posting.amountMinor,
    );
  });
});

describe("deals", () => {
  test("one deal per award", async () => {
    await expect(newDeal({ awardId })).rejects.toThrow(/Unique constraint|awardId/);
  });

  test("exactly one source: an award or a booking, not both, not neither", async () => {
    await expect(newDeal({})).rejects.toThrow(/Deal_one_source/);
    const window = await db().capacityWindow.findFirst();
    expect(window).toBeNull(); // no booking in this file: a second source is another award's id
    await expect(newDeal({ awardId: await newAward(), bookingId: crypto.randomUUID() })).rejects.toThrow(
      /Deal_one_source|Foreign key|foreign key/,
    );
  });
});

describe("deal settings", () => {
  test("defaults until an admin sets a value; bad values name the setting and write nothing", async () => {
    expect(await readDealSettings(db())).toEqual({
      commissionBp: 0,
      provisionalShareBp: 9_000,
      inspectionDays: 7,
      paymentDays: 7,
      disputeEscalationDays: 5,
    });
    expect(await setDealSetting(db(), "commissionBp", 250, buyer.userId)).toEqual({ ok: true, value: 250 });
    expect(await setDealSetting(db(), "inspectionDays", 0, buyer.userId)).toMatchObject({
      ok: false,
      field: "inspectionDays",
    });
    expect(await setDealSetting(db(), "provisionalShareBp", 90.5, null)).toMatchObject({ ok: false });
    expect(await readDealSettings(db())).toEqual({
      commissionBp: 250,
      provisionalShareBp: 9_000,
      inspectionDays: 7,
      paymentDays: 7,
      disputeEscalationDays: 5,
    });
    expect(await db().platformSetting.count()).toBe(1);
  });
});
