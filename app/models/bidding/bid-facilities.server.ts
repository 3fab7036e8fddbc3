import { toMatchLot } from "~/domain/matching/match-records.ts";
import { DEFAULT_WEIGHTS, rankFacilities } from "~/domain/matching/ranking.ts";
import type { Lot } from "~/generated.server/prisma/client.ts";
import { loadMatchFacilities, matchContext } from "../lot-matches.server.ts";

/** One of the bidder's facilities in the bid form's list: whether it can take the lot, and why not. */
export interface BidFacilityChoice {
  id: string;
  name: string;
  canTake: boolean;
  /**
   * Why it cannot take the lot: the first blocker's code with the economies its sentence names,
   * worded by the page (blocker-sentences.ts, ADR 066); null when it can or was not judged.
   */
  reason: { code: string; lotEconomy: string; facilityEconomy: string } | null;
}

/**
 * A recycler's active facilities for the bid form (ADR 040): those that can take the lot first,
 * best first by the default ranking (the same matching as the lot page's "where this lot can go"),
 * then those that cannot, each with the first reason. The form preselects the first, so a recycler
 * does not bid for a facility that cannot receive the lot without being told.
 */
export async function bidFacilityChoices(
  lot: Lot,
  facilities: readonly { id: string; name: string }[],
  today = new Date(),
): Promise<BidFacilityChoice[]> {
  if (facilities.length === 0) return [];
  const ids = new Set(facilities.map((f) => f.id));
  const [all, ctx] = await Promise.all([loadMatchFacilities(today), matchContext(today)]);
  const own = all.filter((f) => ids.has(f.id));
  const ranked = rankFacilities(toMatchLot(lot), own, { ...ctx, weights: DEFAULT_WEIGHTS });
  const names = new Map(facilities.map((f) => [f.id, f.name]));
  const economies = new Map(own.map((f) => [f.id, f.economy as string]));
  const seen = new Set<string>();
  const choices: BidFacilityChoice[] = [];
  if (ranked.ok) {
    const ordered = [...ranked.matches].sort((a, b) => Number(b.feasible) - Number(a.feasible));
    for (const match of ordered) {
      if (!names.has(match.facilityId)) continue;
      seen.add(match.facilityId);
      choices.push({
        id: match.facilityId,
        name: names.get(match.facilityId) ?? "",
        canTake: match.feasible,
        reason: match.feasible
          ? null
          : {
              // No blocker named: the catalogue's general sentence (quote.blockers.other).
              code: match.blockers[0]?.code ?? "OTHER",
              lotEconomy: lot.economyCode,
              facilityEconomy: economies.get(match.facilityId) ?? lot.economyCode,
            },
      });
    }
  }
  // A facility the matching could not judge (no capacity data yet) is listed last, unmarked.
  for (const f of facilities) {
    if (!seen.has(f.id)) choices.push({ id: f.id, name: f.name, canTake: false, reason: null });
  }
  return choices;
}
