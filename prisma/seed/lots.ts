import type { BatteryCondition, Capability, SaleMode } from "~/domain/codes.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import { type LotTemplate, SELLER_PLANS } from "./catalog.ts";
import type { FacilitySpec } from "./facilities.ts";
import { bidStepMinor, quoteMinor, roundToStep } from "./prices.ts";
import { addDays, createRandom, type Random, utcDay, uuidv7 } from "./random.ts";

export interface SeededOrganization {
  id: string;
  key: string;
  economyCode: string;
  capabilities: Capability[];
  ownerUserId: string;
}

export interface SeededFacility {
  id: string;
  organizationKey: string;
  spec: FacilitySpec;
}

// Rows as written. Money is kept as plain integers here (the columns are BIGINT, which Prisma
// accepts as number or bigint), so the arithmetic below stays simple.
type MoneyColumns = "startingPriceMinor" | "reservePriceMinor" | "askingPriceMinor" | "currentPriceMinor";
export type LotRow = Omit<Prisma.LotCreateManyInput, MoneyColumns> & {
  id: string;
  startingPriceMinor: number | null;
  reservePriceMinor: number | null;
  askingPriceMinor: number | null;
  currentPriceMinor: number | null;
};
export type BidRow = Omit<Prisma.BidCreateManyInput, "amountMinor" | "maxAmountMinor"> & {
  id: string;
  amountMinor: number;
  maxAmountMinor: number | null;
};

export interface GeneratedLot {
  row: LotRow;
  sellerKey: string;
  status: "draft" | "open" | "closed" | "awarded";
}

type Status = GeneratedLot["status"];

/** Platform commission on awards in the demo data, in basis points [A]. */
export const DEMO_COMMISSION_BP = 150;

// Traders buy without a facility of their own; these are the forms each one deals in.
const TRADER_FORMS: Record<string, readonly string[]> = {
  "transpacific-metals": ["pack", "module", "cell", "black_mass", "production_scrap"],
  "busan-black-mass": ["black_mass", "production_scrap"],
  "kowloon-trading": ["cell", "black_mass", "production_scrap"],
};

// The demo buyer and recycler bid more often, so their dashboards have something to show.
const BIDDER_WEIGHT: Record<string, number> = { "transpacific-metals": 4, "li-cycle": 3 };

const CONDITION_VALUE: Record<BatteryCondition, number> = {
  intact: 1,
  damaged: 0.8,
  defective: 0.85,
  critically_damaged: 0.45,
};

const CONDITION_NOTE: Record<BatteryCondition, string> = {
  intact: "",
  damaged:
    " Some units have dented or cracked casings (photos attached); no leaks observed. Transport as damaged under SP 376 (P908/LP904).",
  defective: "",
  critically_damaged:
    " Includes units from a vehicle fire: liable to react dangerously, so transport needs P911/LP906 packaging or competent-authority approval (SP 376). Quarantined outdoors.",
};

interface Draft {
  sellerKey: string;
  currency: string;
  template: LotTemplate;
  condition: BatteryCondition;
  count: number;
  massKg: number;
  valueUsd: number;
  lowValue: boolean;
  saleMode: SaleMode;
  place: { label: string; lat: number; lng: number };
}

function draftLot(
  random: Random,
  sellerKey: string,
  currency: string,
  template: LotTemplate,
  place: Draft["place"],
): Draft {
  let count = random.int(template.count[0], template.count[1]);
  if (count > 1000) count = Math.round(count / 100) * 100;
  // Energy is stored in Wh in an int4 column: keep a lot below 2 GWh.
  if (template.unitWh) count = Math.min(count, Math.floor(2_000_000_000 / template.unitWh));
  const unitKg = template.form === "black_mass" ? random.int(900, 1000) : template.unitKg;
  const massKg = Math.max(1, Math.round(count * unitKg));
  const condition =
    template.condition ??
    random.weighted<BatteryCondition>([
      ["intact", 72],
      ["damaged", 14],
      ["defective", 9],
      ["critically_damaged", 5],
    ]);
  const usdPerTonne =
    random.between(template.usdPerTonne[0], template.usdPerTonne[1]) * CONDITION_VALUE[condition];
  const lowValue = usdPerTonne < 200;
  const saleMode = lowValue
    ? random.weighted<SaleMode>([
        ["sealed", 7],
        ["fixed", 3],
      ])
    : random.weighted<SaleMode>([
        ["auction", 50],
        ["sealed", 25],
        ["fixed", 25],
      ]);
  return {
    sellerKey,
    currency,
    template,
    condition,
    count,
    massKg,
    valueUsd: Math.max(50, (usdPerTonne * massKg) / 1000),
    lowValue,
    saleMode,
    place,
  };
}

function title(draft: Draft): string {
  const { template, count, massKg } = draft;
  const tonnes = (massKg / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 });
  const what =
    template.form === "black_mass" || template.form === "production_scrap" || count > 1000
      ? `${tonnes} t ${template.product}`
      : `${count.toLocaleString("en-US")} × ${template.product}`;
  return `${what} — ${draft.place.label}`;
}

function stateOfHealth(random: Random, draft: Draft): number | null {
  const { form, unitWh } = draft.template;
  if (!unitWh || !(form === "pack" || form === "module" || form === "cell")) return null;
  if (draft.template.chemistry === "LCO" || draft.template.chemistry === "MIXED") return null;
  if (draft.condition === "intact") return random.int(62, 90);
  if (draft.condition === "damaged" && random.chance(0.5)) return random.int(45, 75);
  return null;
}

/** Chooses which lots are drafts, closed or awarded; the rest are open. */
function assignStatuses(random: Random, drafts: Draft[]): Status[] {
  const statuses: Status[] = drafts.map(() => "open");
  const fleet = drafts.map((d, i) => ({ d, i })).filter(({ d }) => d.sellerKey === "pacific-coast-fleet");
  // The demo seller always has one awarded lot and one draft.
  const fleetAward = fleet.find(({ d }) => !d.lowValue && d.template.form === "pack")!;
  fleetAward.d.saleMode = "auction";
  statuses[fleetAward.i] = "awarded";
  statuses[fleet[fleet.length - 1].i] = "draft";

  const auctionable = drafts
    .map((d, i) => ({ d, i }))
    .filter(({ d, i }) => statuses[i] === "open" && d.saleMode === "auction");
  const picked = random.sample(auctionable, 5);
  for (const [n, { i }] of picked.entries()) statuses[i] = n < 2 ? "awarded" : "closed";

  const openOnes = drafts.map((_, i) => i).filter((i) => statuses[i] === "open");
  for (const i of random.sample(openOnes, 6)) statuses[i] = "draft";
  return statuses;
}

export function generateLots(
  random: Random,
  now: Date,
  organizations: Map<string, SeededOrganization>,
  facilities: SeededFacility[],
): {
  lots: GeneratedLot[];
  bids: BidRow[];
  awards: Prisma.AwardCreateManyInput[];
} {
  const drafts: Draft[] = [];
  for (const plan of SELLER_PLANS) {
    const order = random.sample(plan.templates, plan.templates.length);
    for (let i = 0; i < plan.lots; i++) {
      drafts.push(
        draftLot(
          random,
          plan.organizationKey,
          plan.currency,
          order[i % order.length],
          random.pick(plan.places),
        ),
      );
    }
  }
  const statuses = assignStatuses(random, drafts);

  const lots: GeneratedLot[] = [];
  const bids: BidRow[] = [];
  const awards: Prisma.AwardCreateManyInput[] = [];
  const awardRandom = createRandom(PROVISIONAL_AWARD_SEED);

  for (const [index, draft] of drafts.entries()) {
    const status = statuses[index];
    const seller = organizations.get(draft.sellerKey)!;
    const { template, currency, saleMode, valueUsd } = draft;

    let publishedAt: Date | null = null;
    let closesAt: Date | null = null;
    let createdAt: Date;
    if (status === "draft") {
      createdAt = addDays(now, -random.between(0.1, 10));
    } else {
      const ageDays =
        status === "open"
          ? random.between(0.5, 20)
          : status === "closed"
            ? random.between(15, 30)
            : random.between(25, 45);
      publishedAt = addDays(now, -ageDays);
      createdAt = addDays(publishedAt, -random.between(0.05, 3));
      if (status === "closed") closesAt = addDays(now, -random.between(0.5, 3));
      else if (status === "awarded") closesAt = addDays(now, -random.between(5, 12));
      else if (saleMode !== "fixed") {
        closesAt = random.chance(0.12)
          ? addDays(now, random.between(0.02, 0.1))
          : addDays(now, random.between(0.25, 14));
      }
    }

    const startingPriceMinor = saleMode === "auction" ? quoteMinor(valueUsd * 0.7, currency) : null;
    const reservePriceMinor =
      saleMode === "auction" && (status !== "open" || random.chance(0.75))
        ? quoteMinor(valueUsd * 0.95, currency)
        : saleMode === "sealed" && !draft.lowValue && random.chance(0.6)
          ? quoteMinor(valueUsd * 0.9, currency)
          : null;
    const askingPriceMinor = saleMode === "fixed" ? quoteMinor(valueUsd * 1.05, currency) : null;

    const id = uuidv7(random, createdAt);
    const row: GeneratedLot["row"] = {
      id,
      organizationId: seller.id,
      createdById: seller.ownerUserId,
      title: title(draft),
      chemistry: template.chemistry,
      form: template.form,
      condition: draft.condition,
      count: draft.count,
      massKg: draft.massKg,
      energyWh: template.unitWh ? Math.round(draft.count * template.unitWh) : null,
      stateOfHealthPct: stateOfHealth(random, draft),
      originVehicle: template.originVehicle ?? null,
      originOem: template.originOem ?? null,
      lat: round4(draft.place.lat + random.between(-0.04, 0.04)),
      lng: round4(draft.place.lng + random.between(-0.04, 0.04)),
      locationLabel: draft.place.label,
      economyCode: seller.economyCode,
      availableFrom: utcDay(addDays(now, random.int(-20, 30))),
      saleMode,
      currency,
      startingPriceMinor,
      reservePriceMinor,
      askingPriceMinor,
      currentPriceMinor: null,
      bidCount: 0,
      leadingBidId: null,
      closesAt,
      originalClosesAt: closesAt,
      description: `${template.description}${CONDITION_NOTE[draft.condition]}`,
      status,
      version: 0,
      publishedAt,
      createdAt,
      updatedAt: publishedAt ?? createdAt,
    };
    lots.push({ row, sellerKey: draft.sellerKey, status });

    const wantsBids =
      saleMode === "auction" &&
      (status === "closed" || status === "awarded" || (status === "open" && random.chance(0.65)));
    if (!wantsBids || !publishedAt || startingPriceMinor === null) continue;

    const lotBids = placeBids(
      random,
      now,
      row,
      draft.sellerKey,
      status,
      publishedAt,
      organizations,
      facilities,
    );
    bids.push(...lotBids);
    const leading = lotBids[lotBids.length - 1];
    row.bidCount = lotBids.length;
    row.currentPriceMinor = leading.amountMinor;
    row.leadingMaxMinor = leading.amountMinor;
    row.leadingBidId = leading.id;
    row.version = lotBids.length;
    row.updatedAt = leading.createdAt as Date;

    if (status === "awarded" && closesAt) {
      const confirmedAt = addDays(closesAt, random.between(0.2, 2));
      awards.push({
        id: uuidv7(random, addDays(closesAt, 0.001)),
        lotId: id,
        bidId: leading.id,
        organizationId: leading.organizationId,
        facilityId: leading.facilityId ?? null,
        amountMinor: leading.amountMinor,
        currency,
        commissionMinor: Math.round((leading.amountMinor * DEMO_COMMISSION_BP) / 10_000),
        status: "confirmed",
        confirmBy: addDays(closesAt, 3),
        confirmedAt,
        createdAt: addDays(closesAt, 0.001),
      });
      row.updatedAt = confirmedAt;
    }
    if (status === "closed" && closesAt) {
      // Closed at or above reserve: the leader is the provisional winner, awaiting the seller.
      const confirmBy = new Date(Math.max(addDays(closesAt, 2).getTime(), addDays(now, 1).getTime()));
      awards.push({
        // A stream of its own, so adding provisional awards left every other demo row as it was.
        id: uuidv7(awardRandom, addDays(closesAt, 0.001)),
        lotId: id,
        bidId: leading.id,
        organizationId: leading.organizationId,
        facilityId: leading.facilityId ?? null,
        amountMinor: leading.amountMinor,
        currency,
        commissionMinor: Math.round((leading.amountMinor * DEMO_COMMISSION_BP) / 10_000),
        status: "provisional",
        reason: "highest bid",
        confirmBy,
        createdAt: addDays(closesAt, 0.001),
      });
    }
    if (status !== "open") row.closedAt = closesAt;
  }
  return { lots, bids, awards };
}

const PROVISIONAL_AWARD_SEED = 0x5eed_a4a2;

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function accepts(facility: FacilitySpec, lot: GeneratedLot["row"]): boolean {
  return (
    facility.chemistries.includes(lot.chemistry) &&
    facility.forms.includes(lot.form) &&
    facility.conditions.includes(lot.condition)
  );
}

function placeBids(
  random: Random,
  now: Date,
  lot: GeneratedLot["row"],
  sellerKey: string,
  status: Status,
  publishedAt: Date,
  organizations: Map<string, SeededOrganization>,
  facilities: SeededFacility[],
): BidRow[] {
  const bidders = [...organizations.values()]
    .filter((org) => org.key !== sellerKey && org.capabilities.includes("buyer"))
    .map((org) => ({
      org,
      sites: facilities.filter((f) => f.organizationKey === org.key && accepts(f.spec, lot)),
    }))
    .filter(({ org, sites }) => sites.length > 0 || TRADER_FORMS[org.key]?.includes(lot.form));
  if (bidders.length === 0) return [];

  const count = status === "open" ? random.int(1, 6) : random.int(2, 6);
  const start = lot.startingPriceMinor!;
  const floor = Math.max(start, lot.reservePriceMinor ?? start);
  const final = status === "open" ? start * random.between(1, 1.35) : floor * random.between(1.0, 1.08);
  const step = bidStepMinor(start, lot.currency);
  const end = lot.closesAt && (lot.closesAt as Date) < now ? (lot.closesAt as Date) : now;
  const span = end.getTime() - publishedAt.getTime();

  const result: BidRow[] = [];
  let previousKey: string | null = null;
  let previousAmount = 0;
  for (let k = 0; k < count; k++) {
    const choices = bidders.filter(({ org }) => org.key !== previousKey || bidders.length === 1);
    const bidder = random.weighted(choices.map((b) => [b, BIDDER_WEIGHT[b.org.key] ?? 1] as const));
    const linear = count === 1 ? final : start + ((final - start) * k) / (count - 1);
    let amountMinor = roundToStep(linear, step);
    if (k === 0) amountMinor = Math.max(amountMinor, start);
    if (k === count - 1 && status !== "open") amountMinor = Math.max(amountMinor, floor);
    if (amountMinor <= previousAmount) amountMinor = previousAmount + step;
    const createdAt = new Date(
      publishedAt.getTime() + span * ((k + random.between(0.3, 0.9)) / count) - 60_000,
    );
    const last = k === count - 1;
    const bidId = uuidv7(random, createdAt);
    result.push({
      id: bidId,
      // Straight bids, each above the last: every one takes the lead at its own amount.
      sequence: k + 1,
      priceAfterMinor: amountMinor,
      leadingAfterId: bidId,
      lotId: lot.id,
      organizationId: bidder.org.id,
      placedById: bidder.org.ownerUserId,
      amountMinor,
      maxAmountMinor: null,
      currency: lot.currency,
      // A recycler names the site the lot goes to; a trader without one names none. Either way an
      // auction is on EXW terms at the lot (ADR 013): the bidder collects.
      facilityId: bidder.sites.length > 0 ? random.pick(bidder.sites).id : null,
      incoterm: "EXW",
      status: status === "awarded" ? (last ? "won" : "lost") : last ? "active" : "outbid",
      createdAt,
    });
    previousKey = bidder.org.key;
    previousAmount = amountMinor;
  }
  return result;
}
