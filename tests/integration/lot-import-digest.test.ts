// A bulk import that publishes its lots tells the owners of matching saved searches and the members
// of organisations whose facilities can take them with one digest each for the whole import (not
// one notice per lot), on PGlite and PostgreSQL; the seller is never told, and an import that does
// not publish, or fails, tells no one.
import { beforeAll, describe, expect, test } from "vitest";
import { BATTERY_CONDITIONS, type Chemistry, LOT_FORMS } from "~/domain/codes.ts";
import { checkImportRows } from "~/domain/lot-import.ts";
import type { LotInput } from "~/domain/lot-input.ts";
import { lotIdForImportRow, startLotImport } from "~/models/lot-import.server.ts";
import { createSavedSearch } from "~/models/saved-search.server.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { lotGrid, lotRow, todayUtc } from "../fixtures/lot-import-rows.ts";

const TODAY = todayUtc();
const ROWS = 60;

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;
let fan: Account;
let bystander: Account;
let recycler: Account;
let recyclerColleague: Account;
let both: Account;

function inputs(n: number, mode: "draft" | "publish"): LotInput[] {
  const result = checkImportRows(lotGrid(n, TODAY), { today: TODAY, mode, now: new Date() });
  if (!result.ok) throw new Error("fixture rows must be valid");
  return result.valid.map((v) => v.input);
}

function runImport(lots: LotInput[], publish: boolean) {
  return startLotImport({
    organizationId: seller.organizationId,
    createdById: seller.userId,
    fileName: "digest.csv",
    fileKind: "csv",
    totalRows: lots.length,
    lots,
    issues: [],
    validOnly: false,
    publish,
  });
}

async function search(account: Account, name: string, query: string) {
  const saved = await createSavedSearch(account, name, query);
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
}

async function facility(
  organizationId: string,
  name: string,
  accepts: { chemistries: Chemistry[]; forms?: string[] },
) {
  await db().facility.create({
    data: {
      organizationId,
      name,
      economyCode: "AU",
      // With a consent to import: the digest is about what the facilities accept, not the border.
      holdsImportConsent: true,
      lat: -38,
      lng: 144,
      processes: ["mechanical"],
      acceptedChemistries: accepts.chemistries,
      acceptedForms: (accepts.forms ?? [...LOT_FORMS]) as never,
      acceptedConditions: [...BATTERY_CONDITIONS],
      recoveryLiBp: 9000,
      recoveryNiBp: 9500,
      recoveryCoBp: 9500,
      recoveryMnBp: 9000,
      recoveryCuBp: 9000,
    },
  });
}

async function join(account: Account, organizationId: string) {
  await db().membership.create({ data: { userId: account.userId, organizationId } });
}

const digests = (account: Account) =>
  db().notification.findMany({ where: { userId: account.userId, kind: "lot_matches" } });

/** Which of the fixture's rows `keep` selects, worked out from the rows themselves. */
function rowsWhere(keep: (row: ReturnType<typeof lotRow>) => boolean): number[] {
  return Array.from({ length: ROWS }, (_, i) => i).filter((i) => keep(lotRow(i, TODAY)));
}

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller", "recycler"]);
  fan = await accountWith(["buyer"], "KR");
  bystander = await accountWith(["buyer"], "NZ");
  recycler = await accountWith(["recycler"]);
  recyclerColleague = await accountWith(["buyer"]);
  both = await accountWith(["buyer"]);
  await join(recyclerColleague, recycler.organizationId);
  await join(both, recycler.organizationId);

  // Two searches of one person that overlap (NMC811 lots in JP match both): one digest.
  await search(fan, "NMC811 anywhere", "chemistry=NMC811");
  await search(fan, "Anything in JP", "economy=JP");
  await search(bystander, "Nothing like it", "q=zeppelin");
  await search(both, "LFP modules", "chemistry=LFP&form=module");
  // The seller's own search and facility match everything: never told.
  await search(seller, "All of mine", "");
  await facility(seller.organizationId, "Seller's own plant", { chemistries: ["NMC811", "LFP", "NCA"] });
  // Two facilities of one recycler: its members hear once, counting lots either takes.
  await facility(recycler.organizationId, "Geelong LFP", { chemistries: ["LFP"] });
  await facility(recycler.organizationId, "Kwinana NCA packs", { chemistries: ["NCA"], forms: ["pack"] });
});

describe("an import that publishes", () => {
  test("tells each recipient once for the whole import, with the right count; never the seller", async () => {
    const fanRows = rowsWhere((r) => r.chemistry === "NMC811" || r.economy === "JP");
    const recyclerRows = rowsWhere(
      (r) => r.chemistry === "LFP" || (r.chemistry === "NCA" && r.form === "pack"),
    );
    const bothRows = rowsWhere((r) => r.chemistry === "LFP" && r.form === "module");
    // The fixture must give each a real digest (several lots, not all of them), and the fan's two
    // searches must overlap.
    expect(rowsWhere((r) => r.chemistry === "NMC811" && r.economy === "JP").length).toBeGreaterThan(0);
    for (const rows of [fanRows, recyclerRows, bothRows]) {
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.length).toBeLessThan(ROWS);
    }

    const started = await runImport(inputs(ROWS, "publish"), true);
    expect(await started.finished).toEqual({ status: "done", imported: ROWS });
    const record = await db().lotImport.findUniqueOrThrow({ where: { id: started.id } });
    const ids = Array.from({ length: ROWS }, (_, i) => lotIdForImportRow(record.id, record.createdAt, i));
    const lots = await db().lot.findMany({ where: { id: { in: ids } }, orderBy: { number: "asc" } });
    expect(lots.every((l) => l.status === "open")).toBe(true);
    const label = (i: number) => `PL-${String(lots[i].number).padStart(6, "0")}`;

    const [fanNotice, ...fanRest] = await digests(fan);
    expect(fanRest).toHaveLength(0);
    expect(fanNotice).toMatchObject({
      kind: "lot_matches",
      lotId: null,
      title: `${fanRows.length} new lots (${label(fanRows[0])} and more) match your saved searches "NMC811 anywhere", "Anything in JP"`,
      // The search matching more of the lots gives the list.
      link: "/lots?economy=JP",
    });
    expect(fanNotice.body).toContain(`${label(fanRows[0])} ${lots[fanRows[0]].title}`);
    expect(fanNotice.body).toContain(`and ${fanRows.length - 3} more.`);
    expect(await db().outboxEmail.count({ where: { to: await emailOf(fan), kind: "lot_matches" } })).toBe(1);
    const fanSearches = await db().savedSearch.findMany({ where: { userId: fan.userId } });
    expect(fanSearches.every((s) => s.lastNotifiedAt !== null)).toBe(true);

    for (const member of [recycler, recyclerColleague]) {
      const notices = await digests(member);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        lotId: null,
        organizationId: recycler.organizationId,
        title: `${recyclerRows.length} new lots your facility can take (${label(recyclerRows[0])} and more)`,
      });
      expect(notices[0].body).toMatch(/^Geelong LFP and 1 other facility accept/);
      expect(notices[0].link).toBe("/lots?chemistry=LFP%2CNCA");
    }

    // A member of the recycler with a matching search of their own: one notice, the search's.
    const bothNotices = await digests(both);
    expect(bothNotices).toHaveLength(1);
    expect(bothNotices[0].title).toBe(
      `${bothRows.length} new lots (${label(bothRows[0])} and more) match your saved search "LFP modules"`,
    );
    expect(bothNotices[0].body).toContain(
      `Geelong LFP can take ${recyclerRows.length} of the import's lots.`,
    );

    expect(await digests(bystander)).toHaveLength(0);
    expect(await digests(seller)).toHaveLength(0);
    expect(
      (await db().savedSearch.findMany({ where: { userId: { in: [bystander.userId, seller.userId] } } })).map(
        (s) => s.lastNotifiedAt,
      ),
    ).toEqual([null, null]);
  });

  test("one matching lot: the digest links to it", async () => {
    const before = await digests(fan);
    const lone = await accountWith(["buyer"]);
    await search(lone, "The first row", "q=Import test lot 1:");
    const started = await runImport(inputs(5, "publish"), true);
    expect(await started.finished).toMatchObject({ status: "done" });
    const record = await db().lotImport.findUniqueOrThrow({ where: { id: started.id } });
    const notices = await digests(lone);
    expect(notices).toHaveLength(1);
    const first = await db().lot.findUniqueOrThrow({
      where: { id: lotIdForImportRow(record.id, record.createdAt, 0) },
    });
    expect(notices[0].title).toBe(
      `New lot PL-${String(first.number).padStart(6, "0")} matches your saved search "The first row"`,
    );
    expect(notices[0].link).toBe(`/lots/${lotIdForImportRow(record.id, record.createdAt, 0)}`);
    // The fan hears of this import too only if one of the five rows matches their searches.
    const fanMatches = [0, 1, 2, 3, 4].filter((i) => {
      const r = lotRow(i, TODAY);
      return r.chemistry === "NMC811" || r.economy === "JP";
    });
    expect(await digests(fan)).toHaveLength(before.length + (fanMatches.length > 0 ? 1 : 0));
  });
});

describe("imports that publish nothing", () => {
  test("an import of drafts tells no one", async () => {
    const before = await db().notification.count();
    const started = await runImport(inputs(ROWS, "draft"), false);
    expect(await started.finished).toEqual({ status: "done", imported: ROWS });
    expect(await db().notification.count()).toBe(before);
  });

  test("a publishing import that fails tells no one", async () => {
    const before = await db().notification.count();
    const lots = inputs(ROWS, "publish");
    lots[ROWS - 1] = { ...lots[ROWS - 1], economy: "XX" as LotInput["economy"] };
    const started = await runImport(lots, true);
    expect(await started.finished).toMatchObject({ status: "failed" });
    expect(await db().notification.count()).toBe(before);
  });
});

async function emailOf(account: Account) {
  return (await db().user.findUniqueOrThrow({ where: { id: account.userId } })).email;
}
