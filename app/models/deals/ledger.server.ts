// The deals' ledger in the database (ADR 017). postLedgerTransaction writes one balanced
// transaction inside the caller's database transaction, so a money event and the state change it
// belongs to commit together or not at all. The database checks the balance again at commit (a
// deferred constraint trigger): a bug here, or a script writing postings by hand, cannot leave an
// unbalanced transaction behind.
import {
  checkPostings,
  dealPosition,
  type LedgerAccount,
  type LedgerEntry,
  type Posting,
} from "~/domain/deals/ledger.ts";
import type { Failure } from "~/domain/failure.ts";
import type { DbClient, DbTransaction } from "~/utils/db.server.ts";

export interface LedgerPostInput extends LedgerEntry {
  /** Idempotency key (webhook event id, outbox row id…): the same key posts once. */
  key?: string | null;
  occurredAt: Date;
}

export type PostLedgerResult =
  | { ok: true; transactionId: string; replayed: boolean }
  | Failure<"UNBALANCED" | "INVALID_POSTING">;

/** Posts a transaction within `tx` (a database transaction: the balance is checked at its commit). */
export async function postLedgerTransaction(
  tx: DbTransaction,
  input: LedgerPostInput,
): Promise<PostLedgerResult> {
  const checked = checkPostings(input.postings);
  if (!checked.ok) return checked;
  if (input.key) {
    const existing = await tx.ledgerTransaction.findUnique({
      where: { key: input.key },
      select: { id: true },
    });
    if (existing) return { ok: true, transactionId: existing.id, replayed: true };
  }
  const created = await tx.ledgerTransaction.create({
    data: {
      dealId: input.dealId,
      kind: input.kind,
      key: input.key ?? null,
      memo: input.memo,
      occurredAt: input.occurredAt,
      postings: {
        create: input.postings.map((p) => ({
          account: p.account,
          organizationId: p.organizationId,
          amountMinor: p.amountMinor,
          currency: p.currency,
        })),
      },
    },
    select: { id: true },
  });
  // Check the balance now, inside the transaction, instead of only at COMMIT: an error raised at
  // COMMIT is swallowed by the PGlite Prisma adapter (pglite-prisma-adapter 0.7.2 resolves the
  // transaction although it rolled back). Switching the constraints to IMMEDIATE runs the pending
  // checks at once (and raises here); switching back keeps later postings of the same database
  // transaction deferred, so they can still be inserted one by one.
  await tx.$executeRawUnsafe(
    `SET CONSTRAINTS "LedgerPosting_balanced", "LedgerTransaction_has_postings" IMMEDIATE`,
  );
  await tx.$executeRawUnsafe(
    `SET CONSTRAINTS "LedgerPosting_balanced", "LedgerTransaction_has_postings" DEFERRED`,
  );
  return { ok: true, transactionId: created.id, replayed: false };
}

/** Every posting of a deal, in posting order. */
export async function dealPostings(client: DbClient, dealId: string): Promise<Posting[]> {
  const rows = await client.ledgerPosting.findMany({
    where: { transaction: { dealId } },
    orderBy: [{ transaction: { occurredAt: "asc" } }, { id: "asc" }],
  });
  return rows.map((r) => ({
    account: r.account as LedgerAccount,
    organizationId: r.organizationId,
    amountMinor: r.amountMinor,
    currency: r.currency,
  }));
}

/** A deal's money position in its currency (held, payable, cash per rail, in and out). */
export async function dealLedgerPosition(client: DbClient, dealId: string, currency: string) {
  return dealPosition(await dealPostings(client, dealId), currency);
}

/** An organisation's balance per account and currency (debit positive), over all its deals. */
export async function organizationLedgerBalances(client: DbClient, organizationId: string) {
  const rows = await client.ledgerPosting.groupBy({
    by: ["account", "currency"],
    where: { organizationId },
    _sum: { amountMinor: true },
    orderBy: [{ account: "asc" }, { currency: "asc" }],
  });
  return rows.map((r) => ({
    account: r.account as LedgerAccount,
    currency: r.currency,
    balanceMinor: r._sum.amountMinor ?? 0n,
  }));
}
