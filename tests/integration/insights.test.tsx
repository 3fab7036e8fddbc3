// /insights on a real database: a market of several sellers and recyclers, plus a lone seller in
// Peru and a lone recycler in Chile, rebuilt into the aggregates; then every figure of the page's
// tables and of every CSV is checked against an oracle computed straight from the source tables —
// a figure whose organisations number fewer than 3 on a side must read "—" / "suppressed", any
// other its exact value. Also: bad filters are refused naming the field, and the rebuild runs only
// when something changed.
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { beforeAll, describe, expect, test } from "vitest";
import { InsightTableView } from "~/components/insights/insight-table.tsx";
import { filtersQuery, monthOf } from "~/domain/insights/filters.ts";
import { ENGLISH_TABLE_WORDS, INSIGHT_TABLES, insightTable } from "~/domain/insights/insight-tables.ts";
import type { InsightsView } from "~/domain/insights/insights-view.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { i18nFor } from "~/i18n/i18n.ts";
import { insightsView } from "~/models/insights/insight-read.server.ts";
import { refreshInsights, refreshInsightsIfChanged } from "~/models/insights/insight-refresh.server.ts";
import * as page from "~/routes/insights._index.tsx";
import * as csvRoute from "~/routes/insights[.]csv.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import {
  marketCapacity,
  marketFacility,
  marketOrganization,
  seedMarket,
  seedMarketDeals,
} from "../fixtures/insights-market.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

const now = new Date();
const to = monthOf(now);
const from = `${Number(to.slice(0, 4)) - 1}-${to.slice(5)}`;
const query = `from=${from}&to=${to}`;

let view: InsightsView;
let market: Awaited<ReturnType<typeof seedMarket>>;

beforeAll(async () => {
  await insertEconomies(db());
  market = await seedMarket({
    tag: "market",
    deals: 300,
    sellers: [{ economy: "AU" }, { economy: "AU" }, { economy: "AU" }, { economy: "JP" }, { economy: "JP" }],
    recyclers: [{ economy: "KR" }, { economy: "KR" }, { economy: "CN" }, { economy: "US" }],
    now,
  });
  // One seller alone in Peru (selling to the market's recyclers), one recycler alone in Chile.
  const lonePeru = await marketOrganization("lone", "PE", ["seller"]);
  await seedMarketDeals(
    { tag: "lone", deals: 12, now },
    [{ id: lonePeru, economy: "PE" }],
    market.recyclerIds.map((id, i) => ({ id, facilityId: market.facilityIds[i] })),
  );
  const loneChile = await marketOrganization("lone", "CL", ["recycler"]);
  await marketCapacity([await marketFacility(loneChile, "CL")], now, 777_000);
  await refreshInsights();
  const outcome = await callRoute(page.loader as never, getRequest(`/insights?${query}`));
  expect(outcome.status).toBe(200);
  view = (outcome.data as { view: InsightsView }).view;
}, 120_000);

/** Tonnes and distinct organisations per economy, straight from the source tables. */
async function oracleByEconomy(): Promise<
  Map<string, { listed: [number, number, number]; sold: [number, number, number] }>
> {
  const range = [new Date(`${from}-01`), new Date(`${to}-01`)] as const;
  const listed = await db().$queryRawUnsafe<{ economy: string; kg: number; orgs: number }[]>(
    `SELECT "economyCode" AS economy, sum("massKg")::float8 AS kg, count(DISTINCT "organizationId")::int AS orgs
     FROM "Lot" WHERE date_trunc('month', "publishedAt" AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
     GROUP BY 1`,
    ...range,
  );
  const sold = await db().$queryRawUnsafe<{ economy: string; kg: number; sellers: number; buyers: number }[]>(
    `SELECT l."economyCode" AS economy, sum(d."massKg")::float8 AS kg,
       count(DISTINCT d."sellerOrganizationId")::int AS sellers, count(DISTINCT d."buyerOrganizationId")::int AS buyers
     FROM "Deal" d JOIN "Lot" l ON l.id = d."lotId"
     WHERE date_trunc('month', d."createdAt" AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
     GROUP BY 1`,
    ...range,
  );
  const result = new Map<string, { listed: [number, number, number]; sold: [number, number, number] }>();
  for (const row of listed) result.set(row.economy, { listed: [row.kg, row.orgs, 99], sold: [0, 0, 0] });
  for (const row of sold) {
    const entry = result.get(row.economy) ?? { listed: [0, 0, 0], sold: [0, 0, 0] };
    entry.sold = [row.kg, row.sellers, row.buyers];
    result.set(row.economy, entry);
  }
  return result;
}

const expected = ([kg, orgs, counterparts]: [number, number, number]) =>
  orgs === 0 ? 0 : orgs < 3 || counterparts < 3 ? null : kg / 1000;

describe("/insights", () => {
  test("shows each economy's listed and sold tonnes, suppressed exactly where fewer than 3 organisations", async () => {
    const oracle = await oracleByEconomy();
    expect(oracle.get("PE")?.listed[1]).toBe(1);
    expect(view.byEconomy.map((e) => e.economy).sort()).toEqual([...oracle.keys()].sort());
    for (const stage of ["listed", "sold"] as const) {
      const key = stage === "sold" ? "awarded" : "listed";
      let complements = 0;
      for (const row of view.byEconomy) {
        const truth = expected(oracle.get(row.economy)![stage]);
        // Fewer than 3 organisations: hidden. Otherwise exact — or hidden once per stage as the
        // complement of a hidden economy (total minus the others must not give it away).
        if (truth === null || row.tonnes[key] === truth)
          expect(row.tonnes[key], `${row.economy} ${stage}`).toBe(truth);
        else {
          expect(row.tonnes[key], `${row.economy} ${stage}`).toBeNull();
          complements++;
        }
      }
      expect(complements, stage).toBe(1);
    }
    expect(view.byEconomy.find((e) => e.economy === "PE")?.tonnes.listed).toBeNull();
    // Australia (3 sellers) is the only economy with enough sellers, so it is the complement of
    // Japan's and Peru's: the region's total stays published, no economy's part can be derived.
    expect(view.byEconomy.find((e) => e.economy === "AU")?.tonnes.listed).toBeNull();
    expect(view.totals.listed).toBeGreaterThan(0);
    expect(view.capacity.find((c) => c.economy === "CL")).toEqual({
      economy: "CL",
      offeredTonnes: null,
      bookedTonnes: null,
    });
    // Two recyclers in Korea: their capacity is suppressed too; China and the US have one each.
    for (const code of ["KR", "CN", "US"])
      expect(view.capacity.find((c) => c.economy === code)?.offeredTonnes).toBeNull();
  });

  test("publishes the region's totals, flows, metals and medians, which have enough organisations", () => {
    for (const stage of ["listed", "awarded", "shipped", "received", "recovered"] as const)
      expect(view.totals[stage], stage).toBeGreaterThan(0);
    expect(view.metals.every((m) => m.tonnes !== null && m.tonnes > 0)).toBe(true);
    expect(view.transportCo2eTonnes).toBeGreaterThan(0);
    expect(view.days.every((d) => d.median !== null && d.median > 0)).toBe(true);
    // Flows: 5 sellers but each origin–destination pair has fewer than 3 recyclers: suppressed.
    expect(view.flows.length).toBeGreaterThan(0);
    for (const flow of view.flows) expect(flow.tonnes, `${flow.from}→${flow.to}`).toBeNull();
  });

  test("no figure from fewer than 3 organisations appears in the page's tables or any CSV", async () => {
    const peru = view.byEconomy.find((e) => e.economy === "PE")!;
    const oracle = await oracleByEconomy();
    const peruListedTonnes = oracle.get("PE")!.listed[0] / 1000;
    for (const id of INSIGHT_TABLES) {
      const table = insightTable(view, id);
      const html = renderToString(<InsightTableView table={table} csvHref="/insights.csv" />);
      const outcome = await callRoute(
        csvRoute.loader as never,
        getRequest(`/insights.csv?table=${id}&${query}`),
      );
      expect(outcome.status, id).toBe(200);
      expect(outcome.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      const csv = outcome.body!;
      expect(csv.split("\r\n").length, id).toBe(table.rows.length + 2);
      // Every cell suppressed in the view reads "—" on the page and "suppressed" in the CSV.
      const hidden = table.rows.flat().filter((cell) => cell === null).length;
      expect((html.match(/data-suppressed=""/g) ?? []).length, id).toBe(hidden);
      expect((csv.match(/suppressed/g) ?? []).length, id).toBe(hidden);
      // Peru's lone seller's tonnage is nowhere.
      expect(csv, id).not.toContain(String(Number(peruListedTonnes.toFixed(1))));
    }
    expect(peru.tonnes.listed).toBeNull();
    const economyCsv = (
      await callRoute(csvRoute.loader as never, getRequest(`/insights.csv?table=economy&${query}`))
    ).body!;
    expect(economyCsv).toMatch(/^Peru,suppressed,suppressed,/m);
  });

  test("the page's tables speak the reader's language; the CSV keeps English (ADR 059)", async () => {
    const i18n = i18nFor("ja", CATALOGUES.ja);
    const table = insightTable(view, "monthly", {
      ...ENGLISH_TABLE_WORDS,
      title: (id) => i18n.t(`insights.tables.${id}`),
      column: (key) => i18n.t(`insights.columns.${key}`),
    });
    const html = renderToString(
      <I18nextProvider i18n={i18n}>
        <InsightTableView table={table} csvHref="/insights.csv" />
      </I18nextProvider>,
    );
    expect(html).toContain("月別トン数");
    expect(html).toContain(">月<");
    expect(html).toContain("CSVをダウンロード");
    const csv = (
      await callRoute(csvRoute.loader as never, getRequest(`/insights.csv?table=monthly&${query}`))
    ).body!;
    expect(csv.split("\r\n")[0]).toBe("Month,Listed (t),Sold (t),Shipped (t),Received (t),Recovered (t)");
  });

  test("narrows by chemistry and economy, keeping the filters in the CSV links", async () => {
    const outcome = await callRoute(
      page.loader as never,
      getRequest(`/insights?${query}&chemistry=LFP&economy=AU`),
    );
    const narrowed = (outcome.data as { view: InsightsView }).view;
    expect(narrowed.byEconomy.map((e) => e.economy)).toEqual(["AU"]);
    expect(narrowed.byChemistry.map((c) => c.chemistry)).toEqual(["LFP"]);
    expect(narrowed.totals.listed).toBeLessThan(view.totals.listed!);
    expect(filtersQuery(narrowed.filters)).toBe(`${query}&chemistry=LFP&economy=AU`);
  });

  test("refuses bad filters and unknown tables with 400, naming the field", async () => {
    const bad = await callRoute(page.loader as never, getRequest("/insights?from=2026-13&economy=FR"));
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.data as { errors: object }).errors).sort()).toEqual(["economy", "from"]);
    const csv = await callRoute(csvRoute.loader as never, getRequest(`/insights.csv?table=secrets&${query}`));
    expect(csv.status).toBe(400);
    expect(Object.keys((csv.data as { errors: object }).errors)).toEqual(["table"]);
  });

  test("rebuilds only when a source table changed", async () => {
    expect((await refreshInsightsIfChanged()).rebuilt).toBe(false);
    const seller = await marketOrganization("late", "AU", ["seller"]);
    await db().lot.create({
      data: {
        organizationId: seller,
        title: "Late lot",
        chemistry: "LFP",
        form: "pack",
        condition: "intact",
        count: 1,
        massKg: 1234,
        lat: 0,
        lng: 100,
        economyCode: "AU",
        availableFrom: now,
        saleMode: "fixed",
        currency: "USD",
        status: "open",
        publishedAt: now,
      },
    });
    const again = await refreshInsightsIfChanged();
    expect(again.rebuilt).toBe(true);
    expect(again.facts).toBeGreaterThan(0);
    const after = await insightsView({ from, to, chemistry: null, economy: null });
    expect(after.totals.listed).toBeCloseTo(view.totals.listed! + 1.234, 3);
  });
  // ADR 045: how fresh the page is. The loop's tick (refreshInsightsIfChanged, every minute) sees
  // the new deal in the watermark and rebuilds; the very next load, through the loader and its
  // per-process view cache, counts it.
  test("a new deal is sold tonnes on the first load after the loop's next tick", async () => {
    const load = async () => {
      const outcome = await callRoute(page.loader as never, getRequest(`/insights?${query}`));
      return (outcome.data as { view: InsightsView }).view;
    };
    const soldKg = async () => {
      const [{ kg }] = await db().$queryRawUnsafe<{ kg: number }[]>(
        `SELECT COALESCE(sum("massKg"), 0)::float8 AS kg FROM "Deal"
         WHERE status NOT IN ('lapsed', 'cancelled')
           AND date_trunc('month', "createdAt" AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date`,
        `${from}-01`,
        `${to}-01`,
      );
      return kg;
    };
    await refreshInsightsIfChanged();
    const before = await load();
    const kgBefore = await soldKg();
    expect(before.totals.awarded).toBeCloseTo(kgBefore / 1000, 3);

    await seedMarketDeals(
      { tag: "fresh", deals: 1, now },
      [{ id: market.sellerIds[0], economy: "AU" }],
      [{ id: market.recyclerIds[0], facilityId: market.facilityIds[0] }],
    );
    const kgAfter = await soldKg();
    expect(kgAfter).toBeGreaterThan(kgBefore);

    expect((await refreshInsightsIfChanged()).rebuilt).toBe(true);
    const after = await load();
    expect(after.totals.awarded).toBeCloseTo(kgAfter / 1000, 3);
    expect(after.refreshedAt).not.toBe(before.refreshedAt);
  });
});
