// The /quote page's action on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// a visitor's form gets the marketplace's facilities ranked with names, every net-value term and the
// routes for the map; bad input comes back field by field with what was typed; a bot gets nothing.
import { beforeAll, describe, expect, test } from "vitest";
import { type Month, monthStart } from "~/domain/capacity.ts";
import { type FacilityProfile, validateFacilityProfile } from "~/domain/facility-input.ts";
import { createFacility } from "~/models/facility.server.ts";
import { forgetMarketplaceCache } from "~/models/matching.server.ts";
import { action } from "~/routes/quote.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith, facilityFields, monthFromNow } from "../fixtures/facilities.ts";
import { callRoute, postRequest } from "../fixtures/routes.ts";

function profile(overrides: Record<string, string | string[]>): FacilityProfile {
  const result = validateFacilityProfile(facilityFields(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.profile;
}

const FORM = {
  chemistry: "NMC811",
  form: "pack",
  condition: "intact",
  massKg: "12500",
  stateOfHealthPct: "62",
  lat: "-37.81",
  lng: "144.96",
  economy: "",
  availableFrom: "",
  wNet: "6",
  wCo2: "2",
  wTime: "2",
};

let nearId = "";

beforeAll(async () => {
  await insertEconomies(db());
  const owner = await accountWith(["recycler"]);
  const near = await createFacility(owner.organizationId, profile({ name: "Geelong Shredder" }));
  const lfpOnly = await createFacility(
    owner.organizationId,
    profile({ name: "Sydney LFP Works", lat: "-33.87", lng: "151.21", acceptedChemistries: ["LFP"] }),
  );
  for (const id of [near.id, lfpOnly.id]) {
    await db().capacityWindow.create({
      data: {
        facilityId: id,
        month: monthStart(monthFromNow(1) as Month),
        capacityKg: 500_000,
        priceMinorPerTonne: 250_000n,
        currency: "USD",
        priceKind: "payable",
        acceptedChemistries: [],
      },
    });
  }
  nearId = near.id;
  forgetMarketplaceCache();
});

const submit = (fields: Record<string, string>) => callRoute(action, postRequest("/quote", fields));

describe("/quote action", () => {
  test("field errors are written in the page's language (Accept-Language), English stays the default", async () => {
    const korean = await callRoute(
      action,
      postRequest(
        "/quote",
        { ...FORM, chemistry: "", wNet: "0", wCo2: "0", wTime: "0" },
        {
          headers: { "Accept-Language": "ko-KR" },
        },
      ),
    );
    expect(korean.status).toBe(400);
    expect((korean.data.errors as Record<string, string>).chemistry).toBe("화학 조성을 선택하세요.");
    const english = await submit({ ...FORM, chemistry: "" });
    expect((english.data.errors as Record<string, string>).chemistry).toBe("Choose the chemistry.");
  });

  test("ranks the facilities with names, every term of the net value and the routes", async () => {
    const { status, data } = await submit(FORM);
    expect(status).toBe(200);
    const quote = data.quote as {
      rows: {
        facilityId: string;
        name: string;
        feasible: boolean;
        terms: Record<string, { amountMinor: number }> | null;
        blockers: { code: string }[];
      }[];
      routes: { key: string; highlight: boolean; rank: number; endLabel: string; legs: { mode: string }[] }[];
      origin: { lat: number; lng: number };
      economy: string;
      listing: string;
    };
    expect(quote.rows.map((r) => [r.name, r.feasible])).toEqual([
      ["Geelong Shredder", true],
      ["Sydney LFP Works", false],
    ]);
    const terms = quote.rows[0].terms!;
    // 12.5 t × 2,500 USD = 31,250 USD posted; the net is posted less every logistics term.
    expect(terms.postedUsd.amountMinor).toBe(3_125_000);
    expect(terms.netValue.amountMinor).toBe(
      terms.postedUsd.amountMinor -
        terms.freight.amountMinor -
        terms.dangerousGoods.amountMinor -
        terms.portHandling.amountMinor,
    );
    expect(quote.rows[1].blockers.map((b) => b.code)).toEqual(["CHEMISTRY_NOT_ACCEPTED"]);
    expect(quote.routes).toEqual([expect.objectContaining({ key: nearId, highlight: true })]);
    // Numbered on the map as its row: the best facility is 1.
    expect(quote.routes[0].rank).toBe(1);
    expect(quote.routes[0].endLabel).toBe("1. Geelong Shredder");
    // The economy came from the point; "List this lot" carries the quoted lot to the listing form.
    expect(quote.economy).toBe("AU");
    const listing = new URL(quote.listing, "http://packloop.test");
    expect(listing.pathname).toBe("/lots/new");
    expect(Object.fromEntries(listing.searchParams)).toEqual({
      chemistry: "NMC811",
      form: "pack",
      condition: "intact",
      massKg: "12500",
      stateOfHealthPct: "62",
      lat: "-37.81",
      lng: "144.96",
      economy: "AU",
    });
    expect(quote.routes[0].legs[0].mode).toBe("road");
    expect(quote.origin).toEqual({ lat: -37.81, lng: 144.96 });
  });

  test("bad input is answered field by field, keeping what was typed", async () => {
    const { status, data } = await submit({ ...FORM, massKg: "-5", lat: "100" });
    expect(status).toBe(400);
    expect(Object.keys(data.errors as object).sort()).toEqual(["lat", "massKg"]);
    expect((data.values as Record<string, string>).chemistry).toBe("NMC811");
    expect(data.quote).toBeUndefined();
  });

  test("a filled honeypot gets no quote", async () => {
    const { status, data } = await submit({ ...FORM, websiteUrl: "https://spam.example" });
    expect(status).toBe(200);
    expect(data.quote).toBeUndefined();
  });
});
