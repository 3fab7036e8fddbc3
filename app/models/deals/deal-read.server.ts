// The read side of deals (issue 11 items 7 and 8): a deal as its parties, admins, the API and the
// pages see it, every figure read from the ledger. Only the parties (payer, payee, seller, buyer,
// the receiving facility's organisation) and platform admins see a deal; for anyone else it does
// not exist (null → 404).
import { dealLabel, paymentReference } from "~/domain/deals/deal-reference.ts";
import type { DealStatus } from "~/domain/deals/deal-state.ts";
import {
  type DealLedgerSummary,
  type DealStep,
  type DealViewerRole,
  ledgerSummary,
  type MoneyJson,
  nextSteps,
  windowClosesAt,
} from "~/domain/deals/deal-view.ts";
import type { LedgerAccount } from "~/domain/deals/ledger.ts";
import { commissionOn, valueAtWeight } from "~/domain/deals/settlement.ts";
import { isUuid, lotNumberLabel } from "~/domain/lot-json.ts";
import type { NoticeText } from "~/domain/notice-text.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import type { LanguageCode } from "~/i18n/languages.ts";
import { noticeLineIn } from "~/i18n/notice-title.ts";
import { db } from "~/utils/db.server.ts";
import { inspectionWindowOverrideMs } from "./deal-transitions.server.ts";
import { dealLedgerPosition } from "./ledger.server.ts";

export interface DealViewer {
  organizationId: string | null;
  isPlatformAdmin: boolean;
}

const INCLUDE = {
  lot: { select: { id: true, number: true, title: true } },
  payer: { select: { id: true, name: true } },
  payee: { select: { id: true, name: true } },
  seller: { select: { id: true, name: true } },
  buyer: { select: { id: true, name: true } },
  facility: { select: { id: true, name: true, organizationId: true } },
} as const;

type DealRow = Prisma.DealGetPayload<{ include: typeof INCLUDE }>;

function partyWhere(organizationId: string): Prisma.DealWhereInput {
  return {
    OR: [
      { payerOrganizationId: organizationId },
      { payeeOrganizationId: organizationId },
      { sellerOrganizationId: organizationId },
      { buyerOrganizationId: organizationId },
      { facility: { organizationId } },
    ],
  };
}

export function viewerRoles(deal: DealRow, viewer: DealViewer): DealViewerRole[] {
  const roles: DealViewerRole[] = [];
  if (viewer.organizationId === deal.payerOrganizationId) roles.push("payer");
  if (viewer.organizationId === deal.payeeOrganizationId) roles.push("payee");
  if (deal.facility && viewer.organizationId === deal.facility.organizationId)
    roles.push("receiving_facility");
  if (viewer.isPlatformAdmin) roles.push("admin");
  return roles;
}

export interface DealSummaryJson {
  id: string;
  reference: string;
  paymentReference: string;
  lotId: string;
  lot: { id: string; reference: string; title: string };
  status: DealStatus;
  payer: { id: string; name: string };
  payee: { id: string; name: string };
  seller: { id: string; name: string };
  buyer: { id: string; name: string };
  amount: MoneyJson;
  commission: { rateBp: number; estimate: MoneyJson };
  currency: string;
  massKg: number;
  pricePerTonne: MoneyJson;
  priceKind: "payable" | "gate_fee";
  incoterm: string;
  paymentDueAt: string;
  createdAt: string;
  /** The viewer's parts in the deal and the steps they can take now ("waiting for you"). */
  yourRoles: DealViewerRole[];
  nextSteps: DealStep[];
}

export interface DealMilestoneJson {
  sequence: number;
  event: string;
  from: DealStatus;
  to: DealStatus;
  by: string;
  at: string;
  data: Record<string, unknown> | null;
}

export interface DealMoneyLineJson {
  id: string;
  kind: string;
  memo: string;
  at: string;
  postings: { account: LedgerAccount; amountMinor: number; currency: string }[];
}

export interface DealJson extends DealSummaryJson {
  milestones: DealMilestoneJson[];
  payments: DealMoneyLineJson[];
  ledger: DealLedgerSummary;
  facility: { id: string; name: string } | null;
  receivedKg: number | null;
  inspectionClosesAt: string | null;
  provisionalShareBp: number;
  inspectionDays: number;
}

function summary(deal: DealRow, viewer: DealViewer): DealSummaryJson {
  const total = valueAtWeight(deal.priceMinorPerTonne, deal.massKg, deal.currency, "due");
  const commission = commissionOn({ ...total, amountMinor: deal.totalMinor }, deal.commissionBp);
  const roles = viewerRoles(deal, viewer);
  const m = (amountMinor: bigint) => ({ amountMinor: Number(amountMinor), currency: deal.currency });
  return {
    id: deal.id,
    reference: dealLabel(deal.number),
    paymentReference: paymentReference(deal.number),
    lotId: deal.lotId,
    lot: { id: deal.lot.id, reference: lotNumberLabel(deal.lot.number), title: deal.lot.title },
    status: deal.status as DealStatus,
    payer: deal.payer,
    payee: deal.payee,
    seller: deal.seller,
    buyer: deal.buyer,
    amount: m(deal.totalMinor),
    commission: { rateBp: deal.commissionBp, estimate: m(commission.amountMinor) },
    currency: deal.currency,
    massKg: deal.massKg,
    pricePerTonne: m(deal.priceMinorPerTonne),
    priceKind: deal.priceKind,
    incoterm: deal.incoterm,
    paymentDueAt: deal.paymentDueAt.toISOString(),
    createdAt: deal.createdAt.toISOString(),
    yourRoles: roles,
    nextSteps: nextSteps(deal.status as DealStatus, roles),
  };
}

export const DEAL_LIST_ROLES = ["payer", "payee", "seller", "buyer"] as const;
export type DealListRole = (typeof DEAL_LIST_ROLES)[number];

/** The deals the viewer's organisation is party to (admins: all), "waiting for you" first, newest next. */
export async function listDeals(
  viewer: DealViewer,
  filter: { role?: DealListRole | null; status?: DealStatus | null; all?: boolean; limit?: number } = {},
): Promise<DealSummaryJson[]> {
  const where: Prisma.DealWhereInput[] = [];
  if (!(filter.all && viewer.isPlatformAdmin)) {
    if (!viewer.organizationId) return [];
    where.push(
      filter.role
        ? { [`${filter.role}OrganizationId`]: viewer.organizationId }
        : partyWhere(viewer.organizationId),
    );
  }
  if (filter.status) where.push({ status: filter.status });
  const rows = await db().deal.findMany({
    where: { AND: where },
    include: INCLUDE,
    orderBy: [{ createdAt: "desc" }, { number: "desc" }],
    take: filter.limit ?? 200,
  });
  const deals = rows.map((r) => summary(r, viewer));
  const waiting = (d: DealSummaryJson) => (d.nextSteps.some((s) => s.role !== "admin") ? 0 : 1);
  return deals.sort((a, b) => waiting(a) - waiting(b));
}

/** One deal with its milestones, money lines and ledger figures; null unless the viewer may see it. */
/**
 * With `language` (the deal page), a milestone's formulas are worded in it from the words stored
 * beside them (issue 14); without (the API), they are the stored English. The stored words
 * themselves never leave the server.
 */
export async function getDeal(
  dealId: string,
  viewer: DealViewer,
  options: { language?: LanguageCode } = {},
): Promise<DealJson | null> {
  if (!isUuid(dealId)) return null;
  const deal = await db().deal.findUnique({ where: { id: dealId }, include: INCLUDE });
  if (!deal) return null;
  if (!viewer.isPlatformAdmin && viewerRoles(deal, viewer).length === 0) {
    const party = [deal.sellerOrganizationId, deal.buyerOrganizationId].includes(viewer.organizationId ?? "");
    if (!party) return null;
  }
  const [events, transactions] = await Promise.all([
    db().dealEvent.findMany({ where: { dealId }, orderBy: { sequence: "asc" } }),
    db().ledgerTransaction.findMany({
      where: { dealId },
      include: { postings: { orderBy: { id: "asc" } } },
      orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }],
    }),
  ]);
  const postings = transactions.flatMap((t) =>
    t.postings.map((p) => ({
      account: p.account as LedgerAccount,
      organizationId: p.organizationId,
      amountMinor: p.amountMinor,
      currency: p.currency,
    })),
  );
  const closes = windowClosesAt({
    status: deal.status as DealStatus,
    paymentDueAt: deal.paymentDueAt.getTime(),
    receivedAt: deal.receivedAt?.getTime() ?? null,
    finalFiguresAt: deal.finalFiguresAt?.getTime() ?? null,
    inspectionDays: deal.inspectionDays,
    inspectionMs: inspectionWindowOverrideMs(),
  });
  return {
    ...summary(deal, viewer),
    milestones: events.map((e) => ({
      sequence: e.sequence,
      event: e.event,
      from: e.fromStatus as DealStatus,
      to: e.toStatus as DealStatus,
      by: e.actorRole,
      at: e.occurredAt.toISOString(),
      data: milestoneData(e.data as Record<string, unknown> | null, options.language),
    })),
    payments: transactions.map((t) => ({
      id: t.id,
      kind: t.kind,
      memo: t.memo,
      at: t.occurredAt.toISOString(),
      postings: t.postings.map((p) => ({
        account: p.account as LedgerAccount,
        amountMinor: Number(p.amountMinor),
        currency: p.currency,
      })),
    })),
    ledger: ledgerSummary(postings, deal.currency),
    facility: deal.facility ? { id: deal.facility.id, name: deal.facility.name } : null,
    receivedKg: deal.receivedKg,
    inspectionClosesAt: closes === null ? null : new Date(closes).toISOString(),
    provisionalShareBp: deal.provisionalShareBp,
    inspectionDays: deal.inspectionDays,
  };
}

/** The organisation's ledger lines, for its statement (CSV): every posting on its accounts. */
export async function organizationStatement(organizationId: string) {
  const rows = await db().ledgerPosting.findMany({
    where: { organizationId },
    include: { transaction: { include: { deal: { select: { id: true, number: true } } } } },
    orderBy: [{ transaction: { occurredAt: "asc" } }, { id: "asc" }],
  });
  return rows.map((r) => ({
    at: r.transaction.occurredAt.toISOString(),
    deal: r.transaction.deal ? dealLabel(r.transaction.deal.number) : "",
    dealId: r.transaction.deal?.id ?? "",
    kind: r.transaction.kind,
    memo: r.transaction.memo,
    account: r.account,
    amountMinor: r.amountMinor,
    currency: r.currency,
  }));
}

/**
 * The admins' queues: deals awaiting payment (to record an incoming wire) and deals owing money
 * out — to the payee (earned, not yet transferred) or back to the payer — to record outgoing wires.
 */
export async function adminDealQueues(limit = 100) {
  const admin: DealViewer = { organizationId: null, isPlatformAdmin: true };
  const awaiting = await listDeals(admin, { all: true, status: "awaiting_payment", limit });
  const candidates = await db().deal.findMany({
    where: { status: { notIn: ["awaiting_payment", "lapsed", "cancelled"] } },
    include: INCLUDE,
    orderBy: { updatedAt: "desc" },
    take: limit,
  });
  const owing: (DealSummaryJson & { owedToPayee: MoneyJson; owedToPayer: MoneyJson })[] = [];
  for (const deal of candidates) {
    const position = await dealLedgerPosition(db(), deal.id, deal.currency);
    if (position.payeePayable <= 0n && position.refundsPayable <= 0n) continue;
    owing.push({
      ...summary(deal, admin),
      owedToPayee: { amountMinor: Number(position.payeePayable), currency: deal.currency },
      owedToPayer: { amountMinor: Number(position.refundsPayable), currency: deal.currency },
    });
  }
  return { awaiting, owing };
}

/** A milestone's facts for a reader: formulas worded in `language` where words were stored. */
function milestoneData(
  data: Record<string, unknown> | null,
  language: LanguageCode | undefined,
): Record<string, unknown> | null {
  if (!data || !("words" in data)) return data;
  const { words, ...facts } = data;
  if (!language || !words || typeof words !== "object") return facts;
  for (const [name, line] of Object.entries(words as Record<string, NoticeText>))
    if (typeof facts[name] === "string") facts[name] = noticeLineIn(line, language);
  return facts;
}
