// "List this lot" from /quote (issue 15 item 6) on a real database: the quote's link opens
// /lots/new with the quoted lot's chemistry, form, condition, mass, state of health, location,
// economy and availability as the form's starting values; nothing is saved; a visitor logs in and
// comes back to the same prefilled link; values that are not valid are left blank.
import { beforeAll, describe, expect, test } from "vitest";
import * as newRoute from "~/routes/lots.new.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { callRoute, getRequest } from "../fixtures/routes.ts";

type Account = Awaited<ReturnType<typeof accountWith>>;
let seller: Account;

beforeAll(async () => {
  await insertEconomies(db());
  seller = await accountWith(["seller"], "CL");
});

const QUOTED =
  "/lots/new?chemistry=NMC811&form=black_mass&condition=intact&massKg=12500&stateOfHealthPct=62" +
  "&lat=-33.45&lng=-70.66&economy=CL&availableFrom=2027-01-15";

describe("/lots/new prefilled from a quote", () => {
  test("the loader's defaults are the quoted lot's values, over the organisation's", async () => {
    const lotsBefore = await db().lot.count();
    const outcome = await callRoute(newRoute.loader, getRequest(QUOTED, { cookie: seller.cookie }));
    expect(outcome.status).toBe(200);
    expect(outcome.thrown).toBe(false);
    expect(outcome.data.defaults).toEqual({
      chemistry: "NMC811",
      form: "black_mass",
      condition: "intact",
      massKg: "12500",
      stateOfHealthPct: "62",
      lat: "-33.45",
      lng: "-70.66",
      economy: "CL",
      availableFrom: "2027-01-15",
      currency: "CLP",
      saleMode: "auction",
    });
    // Never submitted: opening the link saves nothing.
    expect(await db().lot.count()).toBe(lotsBefore);
  });

  test("without a query the form starts from the organisation's defaults only", async () => {
    const outcome = await callRoute(newRoute.loader, getRequest("/lots/new", { cookie: seller.cookie }));
    const defaults = outcome.data.defaults as Record<string, string>;
    expect(Object.keys(defaults).sort()).toEqual(["availableFrom", "currency", "saleMode"]);
  });

  test("values that are not valid are left blank; the rest still fill the form", async () => {
    const outcome = await callRoute(
      newRoute.loader,
      getRequest("/lots/new?chemistry=PLUTONIUM&form=pack&massKg=-3&economy=FR&saleMode=fixed", {
        cookie: seller.cookie,
      }),
    );
    const defaults = outcome.data.defaults as Record<string, string>;
    expect(defaults.form).toBe("pack");
    expect(defaults.chemistry).toBeUndefined();
    expect(defaults.massKg).toBeUndefined();
    expect(defaults.economy).toBeUndefined();
    // Only a quote's fields are read: the sale mode stays the default.
    expect(defaults.saleMode).toBe("auction");
  });

  test("a visitor is sent to log in and back to the same prefilled link", async () => {
    const outcome = await callRoute(newRoute.loader, getRequest(QUOTED));
    expect(outcome.thrown).toBe(true);
    expect(outcome.status).toBe(302);
    const back = new URL(outcome.location ?? "", "http://packloop.test").searchParams.get("redirectTo");
    expect(back).toBe(QUOTED);
  });
});
