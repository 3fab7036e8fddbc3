// The organisation's display currency on a real database (issue 14 item 4, ADR 051): the root
// loader hands every page the currency (the organisation's choice, else its economy's) and the
// dated rates; an owner sets it at /settings/organization; an unknown code is refused naming the
// field and writes nothing; an empty choice goes back to the economy's currency.
import { beforeAll, describe, expect, test } from "vitest";
import { createUserWithOrganization } from "~/models/user.server.ts";
import * as root from "~/root.tsx";
import * as loginRoute from "~/routes/login.tsx";
import * as settings from "~/routes/settings.organization.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { callRoute, getRequest, postRequest, sessionCookieFrom } from "../fixtures/routes.ts";

const PASSWORD = "correct horse battery";
let cookie: string;
let organizationId: string;

type RootDisplay = {
  display: {
    currency: string;
    fx: { asOf: string; rates: { currency: string; rateMicro: number; asOf: string }[] };
  } | null;
};

async function rootDisplay(cookieHeader: string | null) {
  const outcome = await callRoute(root.loader as never, getRequest("/lots", { cookie: cookieHeader }));
  return (outcome.data as RootDisplay).display;
}

async function stored() {
  return (await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).displayCurrency;
}

function choose(displayCurrency: string, headers: Record<string, string> = {}) {
  return callRoute(
    settings.action,
    postRequest(
      "/settings/organization",
      { intent: "display-currency", displayCurrency },
      { cookie, headers },
    ),
  );
}

beforeAll(async () => {
  await insertEconomies(db());
  const created = await createUserWithOrganization({
    name: "Camila Peso",
    email: "camila@example.com",
    password: PASSWORD,
    organizationName: "Peso Fleet",
    economyCode: "CL",
    capabilities: ["seller", "buyer"],
  });
  organizationId = created.organization.id;
  const login = await callRoute(
    loginRoute.action,
    postRequest("/login", { email: "camila@example.com", password: PASSWORD }),
  );
  cookie = sessionCookieFrom(login.headers);
});

describe("the display currency", () => {
  test("a visitor has none; a member's organisation shows its economy's currency until it picks one", async () => {
    expect(await rootDisplay(null)).toBeNull();
    const display = await rootDisplay(cookie);
    expect(display?.currency).toBe("CLP");
    // The dated rates of every APEC currency but the dollar itself, without their source texts.
    expect(display?.fx.rates.map((r) => r.currency)).toEqual(expect.arrayContaining(["JPY", "CLP", "IDR"]));
    expect(display?.fx.rates.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.asOf))).toBe(true);
    expect(JSON.stringify(display)).not.toMatch(/Federal Reserve/);
  });

  test("an owner saves JPY at /settings/organization, and every page then shows yen", async () => {
    const outcome = await choose("JPY");
    expect(outcome.status).toBe(200);
    expect(outcome.data.notice).toBe("Display currency saved.");
    expect(await stored()).toBe("JPY");
    expect((await rootDisplay(cookie))?.currency).toBe("JPY");
    const page = await callRoute(settings.loader, getRequest("/settings/organization", { cookie }));
    expect((page.data.organization as { displayCurrency: string }).displayCurrency).toBe("JPY");
  });

  test.each([["XYZ"], ["yen"], ["US"], ["<script>"]])(
    "an unknown code %j is refused naming the field, and nothing is written",
    async (code) => {
      const outcome = await choose(code);
      expect(outcome.status).toBe(400);
      expect(outcome.data.errors).toEqual({
        displayCurrency: "Display currency: choose one of the supported currencies.",
      });
      expect(await stored()).toBe("JPY");
    },
  );

  test("the refusal speaks the viewer's language", async () => {
    const outcome = await choose("XYZ", { "Accept-Language": "ja" });
    expect(outcome.status).toBe(400);
    expect((outcome.data.errors as { displayCurrency: string }).displayCurrency).toMatch(/^表示通貨/);
    expect(await stored()).toBe("JPY");
  });

  test("a lower-case code is kept upper-case; an empty choice goes back to the economy's currency", async () => {
    await choose("krw");
    expect(await stored()).toBe("KRW");
    await choose("");
    expect(await stored()).toBeNull();
    expect((await rootDisplay(cookie))?.currency).toBe("CLP");
  });
});
