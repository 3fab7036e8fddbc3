import type { Chemistry, LotForm } from "~/domain/codes.ts";
import { type Assay, assayValue, PAYABLE_METALS, type PayableMetal } from "~/domain/deals/settlement.ts";
import type { EconomyCode } from "~/domain/economies.ts";
import type { Metal } from "~/domain/metal-content.ts";
import { INDEX_DEAL_STATUSES } from "~/domain/price-index/methodology.ts";
import type { DealFacts, FinalFacts } from "~/domain/price-index/observation.ts";
import type { DbClient } from "~/utils/db.server.ts";

/**
 * The deals of a date range as the index reads them (ADR 035): paid deals (INDEX_DEAL_STATUSES —
 * not awaiting payment, lapsed, cancelled, refunded, nor disputed while the dispute runs), with
 * their lot's chemistry, form and economy, the planned route's cost from their shipment, and for
 * settled deals the final figures recorded before settlement (final weight, or the assay).
 */
export async function loadDealFacts(client: DbClient, from: Date, until: Date): Promise<DealFacts[]> {
  const deals = await client.deal.findMany({
    where: { createdAt: { gte: from, lt: until }, status: { in: [...INDEX_DEAL_STATUSES] } },
    select: {
      id: true,
      status: true,
      sellerOrganizationId: true,
      buyerOrganizationId: true,
      priceKind: true,
      priceMinorPerTonne: true,
      currency: true,
      incoterm: true,
      massKg: true,
      createdAt: true,
      lot: { select: { chemistry: true, form: true, economyCode: true } },
      shipment: { select: { costMinor: true, currency: true } },
    },
  });
  const settledIds = deals.filter((d) => d.status === "settled").map((d) => d.id);
  const finals = new Map<string, unknown>();
  for (let i = 0; i < settledIds.length; i += 1000) {
    const events = await client.dealEvent.findMany({
      where: { dealId: { in: settledIds.slice(i, i + 1000) }, event: "final_figures_recorded" },
      orderBy: { sequence: "asc" },
      select: { dealId: true, data: true },
    });
    // The last recorded figures win, as at settlement (deal-settlement.server.ts recordedFigures).
    for (const event of events) finals.set(event.dealId, event.data);
  }
  return deals.map((deal) => ({
    dealId: deal.id,
    sellerId: deal.sellerOrganizationId,
    buyerId: deal.buyerOrganizationId,
    chemistry: deal.lot.chemistry as Chemistry,
    form: deal.lot.form as LotForm,
    economy: deal.lot.economyCode as EconomyCode,
    tradedAt: deal.createdAt,
    priceKind: deal.priceKind,
    priceMinorPerTonne: Number(deal.priceMinorPerTonne),
    currency: deal.currency,
    incoterm: deal.incoterm,
    massKg: deal.massKg,
    routeCost: deal.shipment
      ? { amountMinor: Number(deal.shipment.costMinor), currency: deal.shipment.currency }
      : null,
    final: deal.status === "settled" ? finalFacts(finals.get(deal.id), deal.currency) : null,
  }));
}

interface StoredFigures {
  figures?:
    | { basis: "weight"; finalKg: number }
    | {
        basis: "assay";
        assay: {
          wetKg: number;
          moisturePpm: number;
          metals: { metal: string; gradePpm: number; payableBp: number; priceMinorPerTonne: string }[];
        };
      };
}

/** The recorded figures as the index's final facts; null when none were recorded. */
function finalFacts(data: unknown, currency: string): FinalFacts | null {
  const figures = (data as StoredFigures | null)?.figures;
  if (!figures) return null;
  if (figures.basis === "weight") return { basis: "weight", finalKg: figures.finalKg };
  const assay: Assay = {
    wetKg: figures.assay.wetKg,
    moisturePpm: figures.assay.moisturePpm,
    metals: figures.assay.metals
      .filter((m) => (PAYABLE_METALS as readonly string[]).includes(m.metal))
      .map((m) => ({
        metal: m.metal as PayableMetal,
        gradePpm: m.gradePpm,
        payableBp: m.payableBp,
        priceMinorPerTonne: BigInt(m.priceMinorPerTonne),
      })),
  };
  const valued = assayValue(assay, currency);
  if (!valued.ok) return null;
  const grades: Partial<Record<Metal, number>> = {};
  for (const line of assay.metals) grades[line.metal] = line.gradePpm;
  return {
    basis: "assay",
    wetKg: assay.wetKg,
    moisturePpm: assay.moisturePpm,
    grades,
    valueMinor: Number(valued.value.total.amountMinor),
  };
}
