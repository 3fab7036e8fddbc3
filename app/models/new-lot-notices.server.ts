import {
  BATTERY_CONDITIONS,
  type BatteryCondition,
  CHEMISTRIES,
  type Chemistry,
  LOT_FORMS,
  type LotForm,
} from "~/domain/codes.ts";
import {
  emptyLotFilters,
  type LotFilters,
  lotFiltersToParams,
  parseLotFilters,
} from "~/domain/lot-filters.ts";
import { lotNumberLabel } from "~/domain/lot-json.ts";
import { noticeSentences, noticeText } from "~/domain/notice-text.ts";
import { lotTitleFacts, NOTIFICATION_TITLES } from "~/domain/notification-titles.ts";
import {
  type AcceptingFacility,
  facilityAcceptsLot,
  facilityMayReceiveLot,
  lotMatchesFilters,
  type MatchableLot,
} from "~/domain/saved-search-match.ts";
import type { DbClient } from "~/utils/db.server.ts";
import { type NotificationMessage, notifyUsers } from "./notification.server.ts";

/**
 * "A new lot matches": when a lot is published, the owners of saved searches it matches and the
 * recyclers with a facility that can take it are told, in the publishing transaction; a bulk
 * import's lots published together bring one digest per person.
 */

export type PublishedLot = MatchableLot & { id: string; organizationId: string };

/** The columns of a Lot that matching needs (a Prisma select). */
export const PUBLISHED_LOT_SELECT = {
  id: true,
  organizationId: true,
  number: true,
  status: true,
  chemistry: true,
  form: true,
  condition: true,
  saleMode: true,
  economyCode: true,
  massKg: true,
  stateOfHealthPct: true,
  lat: true,
  lng: true,
  title: true,
  description: true,
  originOem: true,
  originVehicle: true,
  locationLabel: true,
} as const;

/** Who hears of newly published lots and why: indexes into the lots that were published. */
interface Recipient {
  userId: string;
  /** The person's saved searches that match at least one lot, each with the lots it matches. */
  searches: { id: string; name: string; query: string; lots: number[] }[];
  /** An organisation of theirs with active facilities that accept some of the lots. */
  facility: { organizationId: string; names: string[]; lots: number[]; filters: LotFilters } | null;
}

/**
 * Everyone newly published `lots` (all of one seller) are for, each person once: owners of saved
 * searches a lot matches, and members of organisations with an active facility that accepts a
 * lot's chemistry, form and condition. The seller's own organisation is never among them. Saved
 * searches and accepting facilities are read once, whatever the number of lots, and matched in
 * memory (lotMatchesFilters and facilityAcceptsLot): an import publishing 10,000 lots costs four
 * queries, not 10,000.
 */
async function findRecipients(
  tx: DbClient,
  sellerOrganizationId: string,
  lots: readonly PublishedLot[],
): Promise<Recipient[]> {
  if (lots.length === 0) return [];
  const sellers = await tx.membership.findMany({
    where: { organizationId: sellerOrganizationId },
    select: { userId: true },
  });
  const seller = new Set(sellers.map((m) => m.userId));
  const byUser = new Map<string, Recipient>();
  const recipient = (userId: string) => {
    let entry = byUser.get(userId);
    if (!entry) {
      entry = { userId, searches: [], facility: null };
      byUser.set(userId, entry);
    }
    return entry;
  };

  // Saved searches: each is a small query string; the matcher decides in memory.
  const searches = await tx.savedSearch.findMany({
    where: { organizationId: { not: sellerOrganizationId }, facilityId: null },
    select: { id: true, userId: true, name: true, query: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  for (const search of searches) {
    if (seller.has(search.userId)) continue;
    const parsed = parseLotFilters(new URLSearchParams(search.query));
    if (!parsed.ok) continue;
    const matched: number[] = [];
    for (let i = 0; i < lots.length; i++) if (lotMatchesFilters(parsed.filters, lots[i])) matched.push(i);
    if (matched.length === 0) continue;
    recipient(search.userId).searches.push({ ...search, lots: matched });
  }

  // Recyclers: a facility implicitly searches for what it accepts and may legally receive (the
  // border rules between the lot's economy and the facility's). Only facilities accepting at
  // least one of the lots' (chemistry, form, condition) combinations are read — the combinations
  // travel as one JSON parameter, since the PGlite adapter does not send JavaScript arrays as
  // arrays — and facilityAcceptsLot and facilityMayReceiveLot then decide per combination (and the
  // lots' economy) in memory.
  const byKind = new Map<string, number[]>();
  for (let i = 0; i < lots.length; i++) {
    const key = `${lots[i].chemistry}|${lots[i].form}|${lots[i].condition}|${lots[i].economyCode}`;
    const same = byKind.get(key);
    if (same) same.push(i);
    else byKind.set(key, [i]);
  }
  const kinds = [...byKind.values()].map((indexes) => ({
    chemistry: lots[indexes[0]].chemistry,
    form: lots[indexes[0]].form,
    condition: lots[indexes[0]].condition,
    economyCode: lots[indexes[0]].economyCode,
    indexes,
  }));
  const combinations = JSON.stringify(
    kinds.map(({ chemistry, form, condition }) => ({ chemistry, form, condition })),
  );
  const facilities = await tx.$queryRaw<
    {
      name: string;
      organizationId: string;
      economyCode: string;
      holdsImportConsent: boolean;
      chemistries: string;
      forms: string;
      conditions: string;
    }[]
  >`
    SELECT f."name", f."organizationId"::text AS "organizationId", f."economyCode", f."holdsImportConsent",
      array_to_string(f."acceptedChemistries", ',') AS "chemistries",
      array_to_string(f."acceptedForms", ',') AS "forms",
      array_to_string(f."acceptedConditions", ',') AS "conditions"
    FROM "Facility" f
    WHERE f."active"
      AND f."organizationId" <> ${sellerOrganizationId}::uuid
      AND EXISTS (
        SELECT 1 FROM json_to_recordset(${combinations}::json) AS c(chemistry text, form text, condition text)
        WHERE c.chemistry::"Chemistry" = ANY(f."acceptedChemistries")
          AND c.form::"LotForm" = ANY(f."acceptedForms")
          AND c.condition::"BatteryCondition" = ANY(f."acceptedConditions"))
    ORDER BY f."name", f."id"`;
  const byOrganization = new Map<string, { names: string[]; lots: Set<number>; filters: LotFilters }>();
  for (const row of facilities) {
    const facility: AcceptingFacility = {
      acceptedChemistries: row.chemistries.split(",") as Chemistry[],
      acceptedForms: row.forms.split(",") as LotForm[],
      acceptedConditions: row.conditions.split(",") as BatteryCondition[],
    };
    const accepted = kinds.filter(
      (kind) =>
        facilityAcceptsLot(facility, kind) &&
        facilityMayReceiveLot(
          { economyCode: row.economyCode, holdsImportConsent: row.holdsImportConsent },
          kind,
        ),
    );
    if (accepted.length === 0) continue;
    let entry = byOrganization.get(row.organizationId);
    if (!entry) {
      entry = { names: [], lots: new Set(), filters: emptyLotFilters() };
      byOrganization.set(row.organizationId, entry);
    }
    entry.names.push(row.name);
    for (const kind of accepted) for (const i of kind.indexes) entry.lots.add(i);
    // The link's filters: what the organisation's accepting facilities take between them.
    const union = <T>(have: T[], more: readonly T[]) => [...new Set([...have, ...more])];
    entry.filters.chemistry = union(entry.filters.chemistry, facility.acceptedChemistries);
    entry.filters.form = union(entry.filters.form, facility.acceptedForms);
    entry.filters.condition = union(entry.filters.condition, facility.acceptedConditions);
  }
  if (byOrganization.size > 0) {
    const members = await tx.membership.findMany({
      where: { organizationId: { in: [...byOrganization.keys()] } },
      select: { userId: true, organizationId: true },
    });
    const membersOf = new Map<string, string[]>();
    for (const m of members) {
      const list = membersOf.get(m.organizationId);
      if (list) list.push(m.userId);
      else membersOf.set(m.organizationId, [m.userId]);
    }
    // In the order facilities were read (by name): a member of two such organisations hears as a
    // member of the first.
    for (const [organizationId, entry] of byOrganization) {
      for (const userId of membersOf.get(organizationId) ?? []) {
        if (seller.has(userId)) continue;
        const person = recipient(userId);
        if (person.facility) continue;
        person.facility = {
          organizationId,
          names: entry.names,
          lots: [...entry.lots].sort((a, b) => a - b),
          filters: entry.filters,
        };
      }
    }
  }
  return [...byUser.values()];
}

/**
 * Sends each recipient the message `compose` writes for them (none when it returns null), one
 * createMany for everyone who gets the same message, and marks the saved searches that matched as
 * notified.
 */
async function tellRecipients(
  tx: DbClient,
  recipients: readonly Recipient[],
  now: Date,
  compose: (recipient: Recipient) => NotificationMessage | null,
): Promise<number> {
  const groups = new Map<string, { message: NotificationMessage; userIds: string[] }>();
  const notifiedSearchIds: string[] = [];
  for (const recipient of recipients) {
    const message = compose(recipient);
    if (!message) continue;
    const key = JSON.stringify(message);
    const group = groups.get(key);
    if (group) group.userIds.push(recipient.userId);
    else groups.set(key, { message, userIds: [recipient.userId] });
    for (const search of recipient.searches) notifiedSearchIds.push(search.id);
  }
  let notices = 0;
  for (const { message, userIds } of groups.values()) notices += await notifyUsers(tx, userIds, message);
  if (notifiedSearchIds.length > 0) {
    await tx.savedSearch.updateMany({
      where: { id: { in: notifiedSearchIds } },
      data: { lastNotifiedAt: now },
    });
  }
  return notices;
}

const quotedNames = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * Tells everyone a newly published lot is for (kind lot_matches), inside the publishing
 * transaction: owners of saved searches the lot matches, and every member of an organisation with
 * an active facility that accepts the lot's chemistry, form and condition (once per person, however
 * many facilities or searches match; a matching saved search wins over a facility). The seller's
 * own organisation is never told.
 */
export async function notifyNewLotMatches(tx: DbClient, lot: PublishedLot, now = new Date()) {
  const link = `/lots/${lot.id}`;
  const recipients = await findRecipients(tx, lot.organizationId, [lot]);
  return tellRecipients(tx, recipients, now, ({ searches, facility }) => {
    if (searches.length > 0) {
      return {
        kind: "lot_matches",
        title: NOTIFICATION_TITLES.lot_matches.search(lotTitleFacts(lot)),
        body: noticeText("matchesSearches", { searches: quotedNames(searches.map((s) => s.name)) }),
        link,
        lotId: lot.id,
      };
    }
    if (!facility) return null;
    return {
      kind: "lot_matches",
      title: NOTIFICATION_TITLES.lot_matches.facility(lotTitleFacts(lot)),
      body: noticeText("facilityAccepts", { facility: facility.names[0] }),
      link,
      lotId: lot.id,
      organizationId: facility.organizationId,
    };
  });
}

/** /lots filtered to what a recycler's facilities take; a facet they take every value of is left out. */
function facilityListLink(filters: LotFilters): string {
  const every = <T>(values: T[], all: readonly T[]) => (values.length >= all.length ? [] : values);
  const params = lotFiltersToParams({
    ...filters,
    chemistry: every(filters.chemistry, CHEMISTRIES),
    form: every(filters.form, LOT_FORMS),
    condition: every(filters.condition, BATTERY_CONDITIONS),
  }).toString();
  return params === "" ? "/lots" : `/lots?${params}`;
}

/** Lots named in a digest's body before "and N more". */
export const DIGEST_LOTS_NAMED = 3;
/** Saved searches named in a digest's title before "and N more" (a person may have 50). */
const DIGEST_SEARCHES_NAMED = 3;

/**
 * Tells everyone the lots published together by one bulk import are for, with one digest notice
 * per person for the whole import (an import can publish 10,000 lots): the same people as
 * notifyNewLotMatches, each told how many of the import's lots match their saved searches (or,
 * failing any, how many their organisation's facilities can take), with a few lots named and a
 * link to the matching list on /lots (or to the lot itself when only one matches). lotId is null:
 * a digest is about many lots. The seller's own organisation is never told.
 */
export async function notifyImportedLotMatches(
  tx: DbClient,
  seller: { organizationId: string; name: string },
  lots: readonly PublishedLot[],
  now = new Date(),
) {
  const recipients = await findRecipients(tx, seller.organizationId, lots);
  // "From one import by <seller>: PL-000071 Packs; PL-000072 Modules and 4 more."
  const fromImport = (indexes: readonly number[]) => {
    const named = indexes
      .slice(0, DIGEST_LOTS_NAMED)
      .map((i) => `${lotNumberLabel(lots[i].number)} ${lots[i].title}`)
      .join("; ");
    const more = indexes.length - DIGEST_LOTS_NAMED;
    return more > 0
      ? noticeText("fromImportMore", { seller: seller.name, lots: named, more })
      : noticeText("fromImport", { seller: seller.name, lots: named });
  };
  return tellRecipients(tx, recipients, now, ({ searches, facility }) => {
    if (searches.length > 0) {
      const matched = [...new Set(searches.flatMap((s) => s.lots))].sort((a, b) => a - b);
      const n = matched.length;
      const names =
        searches.length > DIGEST_SEARCHES_NAMED
          ? `${quotedNames(searches.slice(0, DIGEST_SEARCHES_NAMED).map((s) => s.name))} and ${searches.length - DIGEST_SEARCHES_NAMED} more`
          : quotedNames(searches.map((s) => s.name));
      // The search matching the most lots lists them, newest (so these) first.
      const best = searches.reduce((a, b) => (b.lots.length > a.lots.length ? b : a));
      const extra =
        facility && facility.lots.length > 0
          ? noticeText("canTakeOfImport", { facility: facility.names[0], count: facility.lots.length })
          : null;
      return {
        kind: "lot_matches",
        title: NOTIFICATION_TITLES.lot_matches.searchDigest({
          lot: lotNumberLabel(lots[matched[0]].number),
          count: n,
          searches: names,
          searchCount: searches.length,
        }),
        body: noticeSentences(fromImport(matched), extra),
        link: n === 1 ? `/lots/${lots[matched[0]].id}` : best.query === "" ? "/lots" : `/lots?${best.query}`,
      };
    }
    if (!facility) return null;
    const n = facility.lots.length;
    const takers =
      facility.names.length === 1
        ? noticeText("facilitiesAccept", { facility: facility.names[0] })
        : noticeText("facilitiesAcceptOthers", {
            facility: facility.names[0],
            count: facility.names.length - 1,
          });
    return {
      kind: "lot_matches",
      title: NOTIFICATION_TITLES.lot_matches.facilityDigest({
        lot: lotNumberLabel(lots[facility.lots[0]].number),
        count: n,
      }),
      body: noticeSentences(takers, fromImport(facility.lots)),
      link: n === 1 ? `/lots/${lots[facility.lots[0]].id}` : facilityListLink(facility.filters),
      organizationId: facility.organizationId,
    };
  });
}
