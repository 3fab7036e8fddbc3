/**
 * Publishing an import's drafts at once (issue 15 item 7): what it would open, for the confirmation
 * that states the consequence before many auctions and tenders start taking binding bids. Pure: the
 * model reads the drafts and says which of them could be published (complete, close time ahead).
 */

export interface ImportDraftFacts {
  readonly saleMode: "auction" | "sealed" | "fixed";
  readonly closesAt: Date | null;
  /** Complete for publication and, for an auction or tender, closing in the future. */
  readonly publishable: boolean;
}

export interface ImportPublishPlan {
  /** The import's lots still in draft. */
  readonly drafts: number;
  /** Of them, the ones publishing would open; the others stay drafts. */
  readonly publishable: number;
  readonly auctions: number;
  readonly tenders: number;
  readonly fixed: number;
  /** The earliest and latest close among the auctions and tenders to open (ISO), or null. */
  readonly closesFirst: string | null;
  readonly closesLast: string | null;
}

export function importPublishPlan(drafts: Iterable<ImportDraftFacts>): ImportPublishPlan {
  let count = 0;
  let publishable = 0;
  let auctions = 0;
  let tenders = 0;
  let fixed = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (const draft of drafts) {
    count++;
    if (!draft.publishable) continue;
    publishable++;
    if (draft.saleMode === "fixed") {
      fixed++;
      continue;
    }
    if (draft.saleMode === "auction") auctions++;
    else tenders++;
    const at = draft.closesAt?.getTime();
    if (at === undefined) continue;
    if (first === null || at < first) first = at;
    if (last === null || at > last) last = at;
  }
  return {
    drafts: count,
    publishable,
    auctions,
    tenders,
    fixed,
    closesFirst: first === null ? null : new Date(first).toISOString(),
    closesLast: last === null ? null : new Date(last).toISOString(),
  };
}

/**
 * Whether publishing must be confirmed: it opens auctions or tenders, whose bids bind from the
 * moment they are placed. Publishing only fixed-price lots takes requests the seller still decides.
 */
export function publishNeedsConfirmation(plan: ImportPublishPlan): boolean {
  return plan.auctions + plan.tenders > 0;
}
