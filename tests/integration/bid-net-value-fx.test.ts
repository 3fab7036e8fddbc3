// A seller deciding on bids for a lot priced in Chilean pesos sees each delivered bid's net value
// (issue 16): the freight, priced in US dollars, is converted at the shipped CLP reference rate
// instead of "No exchange rate for the freight cost". PGlite and PostgreSQL.
import { beforeAll, expect, test } from "vitest";
import { toUsdMinor } from "~/domain/matching/fx-rates.ts";
import { bidNetValues } from "~/models/bidding/bid-terms.server.ts";
import { db } from "~/utils/db.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";

let sellerOrganizationId: string;

beforeAll(async () => {
  await insertEconomies(db());
  sellerOrganizationId = (await accountWith(["seller"], "CL")).organizationId;
});

test("a DAP bid on a CLP lot has a net value in pesos: the amount less the converted freight", async () => {
  // Santiago, delivered to Concepción (about 500 km by road).
  const lot = await openLot(sellerOrganizationId, {
    economyCode: "CL",
    lat: -33.45,
    lng: -70.66,
    currency: "CLP",
    startingPriceMinor: 1_000_000n,
  });
  const amountMinor = 9_000_000; // CLP has no minor unit: 9 million pesos
  const values = await bidNetValues(lot, [
    {
      id: "dap",
      amountMinor,
      currency: "CLP",
      facilityId: null,
      incoterm: "DAP",
      destinationLat: -36.83,
      destinationLng: -73.05,
      destinationEconomyCode: "CL",
    },
    {
      id: "exw",
      amountMinor,
      currency: "CLP",
      facilityId: null,
      incoterm: "EXW",
      destinationLat: null,
      destinationLng: null,
      destinationEconomyCode: null,
    },
  ]);
  const dap = values.get("dap")!;
  expect(dap.note).toBeNull();
  expect(dap.logisticsMinor).toBeGreaterThan(0);
  expect(dap.netMinor).toBe(amountMinor - dap.logisticsMinor);
  // The freight in pesos is the route's US-dollar cost at 926 pesos a dollar (to within a peso's rounding).
  const usd = toUsdMinor(dap.logisticsMinor, "CLP")!;
  expect(Math.abs(dap.logisticsMinor - Math.round((usd * 926) / 100))).toBeLessThanOrEqual(10);
  expect(values.get("exw")).toMatchObject({ note: null, logisticsMinor: 0, netMinor: amountMinor });
});
