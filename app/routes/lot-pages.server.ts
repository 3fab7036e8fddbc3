import { auctionView } from "~/domain/bidding/auction-view.ts";
import type { Capability } from "~/domain/codes.ts";
import { economyByCode } from "~/domain/economies.ts";
import { rateProvenance } from "~/domain/matching/fx-rates.ts";
import { bidFacilityChoices } from "~/models/bidding/bid-facilities.server.ts";
import { bidderTag, liveAuctionOf, sellerLadder } from "~/models/bidding/bid-ladder.server.ts";
import { lotSaleColumns } from "~/models/bidding/lot-sale.server.ts";
import { currentDealSettings } from "~/models/deals/platform-settings.server.ts";
import { listActiveFacilityNames } from "~/models/facility.server.ts";
import { currentFactors } from "~/models/factor.server.ts";
import { listLotQuestions } from "~/models/lot-question.server.ts";
import { reservationNoteForBidders } from "~/models/lot-reservation.server.ts";
import { isWatching } from "~/models/lot-watch.server.ts";

/** Whoever looks at a lot page, as the page helpers need them (an Actor satisfies it); null for visitors. */
export type LotViewer = {
  userId: string;
  organizationId: string | null;
  capabilities: readonly Capability[];
} | null;

/**
 * The lot page's watch button and questions for this viewer: whether they watch the lot, which
 * questions they may see, and whether they may ask (logged in, another organisation, lot open).
 */
export async function lotEngagement(
  viewer: LotViewer,
  lot: { id: string; organizationId: string; status: string },
) {
  const isSeller = viewer !== null && viewer.organizationId === lot.organizationId;
  const [watching, questions] = await Promise.all([
    viewer && !isSeller ? isWatching(viewer.userId, lot.id) : Promise.resolve(false),
    listLotQuestions(lot, viewer),
  ]);
  return {
    canWatch: viewer !== null && !isSeller,
    watching,
    questions,
    canAsk: viewer !== null && viewer.organizationId !== null && !isSeller && lot.status === "open",
    isSeller,
  };
}

/**
 * The lot page's bid panel: the public live state (as the event stream sends it), this viewer's
 * own view (leading, its minimum), whether and how it may bid, and for the seller the ladder with
 * names and net values. The idempotency key is fresh per render, so a double submission of one
 * rendered form counts once while the next bid (after the page revalidates) gets a new key.
 */
export async function lotBidding(
  viewer: LotViewer,
  lot: Parameters<typeof bidFacilityChoices>[0],
  flash: string | null,
  /** `?facility=` from "Lots you can take": chosen in the form when it is one of the viewer's. */
  requestedFacilityId: string | null = null,
  /** `lot` was read in this request (the lot page's loader), so its row is current: not read again. */
  options: { current?: boolean } = {},
) {
  const organizationId = viewer?.organizationId ?? null;
  const isSeller = organizationId !== null && organizationId === lot.organizationId;
  // One read of the lot for the public state and this viewer's own view of it (ADR 053).
  const now = new Date();
  const read = await liveAuctionOf(lot.id, now, options.current ? lot : undefined);
  if (!read) return null;
  const { live } = read;
  const mine = auctionView(lotSaleColumns(read.lot), organizationId, now);
  const capabilities = viewer?.capabilities ?? [];
  const bidder = capabilities.includes("buyer") || capabilities.includes("recycler");
  // Why the viewer cannot bid, as a key the page words in its language (bidPanel.cannotBid.*).
  let cannotBid: "logIn" | "capability" | "notTaking" | null = null;
  if (!viewer) cannotBid = "logIn";
  else if (isSeller) cannotBid = null;
  else if (!bidder) cannotBid = "capability";
  else if (live.auction.status !== "open") cannotBid = "notTaking";
  const canBid = viewer !== null && !isSeller && bidder && live.auction.status === "open";
  // A recycler's facilities, marked by whether they can take the lot, the best first (ADR 040).
  const facilities =
    canBid && capabilities.includes("recycler") && organizationId
      ? await bidFacilityChoices(lot, await listActiveFacilityNames(organizationId))
      : [];
  // The amount preview's rough USD figure uses the dated rate in force (ADR 040).
  const { factors } = canBid ? await currentFactors() : { factors: null };
  const usdRate = factors?.fxRates.rates.find((r) => r.currency === lot.currency) ?? null;
  return {
    live,
    viewer: {
      leading: mine.leading,
      minimumBid: mine.minimumBid,
      // The leader's own hidden maximum (its minimum is one minor unit above it): only it sees this.
      maximum:
        mine.leading && mine.minimumBid
          ? { ...mine.minimumBid, amountMinor: mine.minimumBid.amountMinor - 1 }
          : null,
    },
    fx:
      usdRate && factors ? { rate: usdRate, asOf: rateProvenance(lot.currency, factors.fxRates).asOf } : null,
    myTag: organizationId && !isSeller ? bidderTag(lot.id, organizationId) : null,
    isSeller,
    canBid,
    cannotBid,
    buyer: capabilities.includes("buyer"),
    // Where an auction's bidders collect (EXW at the lot's location, ADR 013).
    location: lotLocation(lot),
    // The same, for the page to name the economy in its language (app/domain/economy-names.ts).
    locationLabel: lot.locationLabel,
    locationEconomy: lot.economyCode,
    facilities,
    preferredFacilityId: facilities.some((f) => f.id === requestedFacilityId) ? requestedFacilityId : null,
    idempotencyKey: crypto.randomUUID(),
    sellerLadder: isSeller ? await sellerLadder(lot.id, now, read.lot) : [],
    // Where the lot's tonnes are booked and what an award does to that (ADR 012).
    reservationNote: await reservationNoteForBidders(lot.id),
    // The platform's commission as it stands now (copied into the deal at the award, ADR 017).
    commissionBp: (await currentDealSettings()).commissionBp,
    // A fixed-price lot takes requests at the asking price, not bids: the flash says which it was.
    flash: bidFlash(flash, live.auction.saleMode),
  };
}

/** The answer to the last bid as a key the page words in its language (bidPanel.flash.*). */
function bidFlash(
  flash: string | null,
  saleMode: "auction" | "sealed" | "fixed",
): "placed" | "repeated" | "requestPlaced" | "requestRepeated" | null {
  const request = saleMode === "fixed";
  if (flash === "placed") return request ? "requestPlaced" : "placed";
  if (flash === "repeated") return request ? "requestRepeated" : "repeated";
  return null;
}

/** "Sydney fleet depot, Australia", or the economy's name when the lot names no place. */
function lotLocation(lot: { locationLabel: string | null; economyCode: string }): string {
  const economy = economyByCode(lot.economyCode)?.name ?? lot.economyCode;
  return lot.locationLabel ? `${lot.locationLabel}, ${economy}` : economy;
}

export type LotBidding = NonNullable<Awaited<ReturnType<typeof lotBidding>>>;
