// Shared pieces of the deal money models: the deal's terms and ledger context, its position, and
// posting a built entry with an idempotency key and a memo.
import type { BuildResult, DealLedgerContext } from "~/domain/deals/ledger-builders.ts";
import type { DealTerms } from "~/domain/deals/settlement.ts";
import { type Failure, fail } from "~/domain/failure.ts";
import type { Deal } from "~/generated.server/prisma/client.ts";
import type { DbTransaction } from "~/utils/db.server.ts";
import { dealLedgerPosition, postLedgerTransaction } from "./ledger.server.ts";

export const DEAL_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

export function dealTerms(deal: Deal): DealTerms {
  return {
    priceKind: deal.priceKind,
    priceMinorPerTonne: deal.priceMinorPerTonne,
    currency: deal.currency,
    contractedKg: deal.massKg,
    commissionBp: deal.commissionBp,
    provisionalShareBp: deal.provisionalShareBp,
  };
}

export function ledgerContext(deal: Deal): DealLedgerContext {
  return {
    dealId: deal.id,
    payerOrganizationId: deal.payerOrganizationId,
    payeeOrganizationId: deal.payeeOrganizationId,
    currency: deal.currency,
  };
}

export const positionOf = (tx: DbTransaction, deal: Deal) => dealLedgerPosition(tx, deal.id, deal.currency);

/** Posts a built entry (refusals become failures); the same key posts once. */
export async function postBuilt(
  tx: DbTransaction,
  built: BuildResult,
  options: { key: string; occurredAt: Date; memo?: string },
): Promise<{ ok: true; transactionId: string; replayed: boolean } | Failure> {
  if (!built.ok) return fail(built.code, built.message);
  const posted = await postLedgerTransaction(tx, {
    ...built.entry,
    memo: options.memo ?? built.entry.memo,
    key: options.key,
    occurredAt: options.occurredAt,
  });
  if (!posted.ok) return fail(posted.code, posted.message);
  return posted;
}

/** Thrown inside a transaction to roll it back and return the failure instead. */
export class DealRefused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export function orRefuse<T extends { ok: boolean }>(result: T | Failure): T {
  if (!result.ok) throw new DealRefused(result as Failure);
  return result as T;
}
