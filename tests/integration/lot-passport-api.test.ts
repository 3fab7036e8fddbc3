// GET /api/v1/lots/{id}/passport on a real database: the lot as a Catena-X battery passport, read
// back by the importer into the same lot fields; drafts stay private; black mass has no passport.
import { beforeAll, describe, expect, test } from "vitest";
import { BatteryPassResponse } from "~/api/passport-api.server.ts";
import { readBatteryPassport } from "~/domain/passport/import.ts";
import { createApiToken } from "~/models/api-token.server.ts";
import * as passportRoute from "~/routes/api.v1.lots.$lotId.passport.ts";
import * as lotsRoute from "~/routes/api.v1.lots.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { apiGet, jsonRequest, lotBody } from "../fixtures/lots.ts";

type Account = Awaited<ReturnType<typeof accountWith>> & { token: string };
let seller: Account;
let rival: Account;

async function withToken(account: Awaited<ReturnType<typeof accountWith>>): Promise<Account> {
  const { token } = await createApiToken({
    organizationId: account.organizationId,
    createdById: account.userId,
    name: "test",
  });
  return { ...account, token };
}

beforeAll(async () => {
  await insertEconomies(db());
  seller = await withToken(await accountWith(["seller"]));
  rival = await withToken(await accountWith(["seller"], "NZ"));
});

async function createLot(body: Record<string, unknown>): Promise<string> {
  const response = (await lotsRoute.action({
    request: jsonRequest("POST", "/api/v1/lots", body, { token: seller.token }),
    params: {},
    context: { cspNonce: "" },
  })) as Response;
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function passport(id: string, token?: string) {
  const response = (await passportRoute.loader({
    request: apiGet(`/api/v1/lots/${id}/passport`, token ? { token } : {}),
    params: { lotId: id },
    context: { cspNonce: "" },
  })) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /api/v1/lots/{id}/passport", () => {
  test("answers the owner's lot as a passport that reads back into the same lot fields", async () => {
    const id = await createLot(lotBody());
    const { status, body } = await passport(id, seller.token);
    expect(status).toBe(200);
    const parsed = BatteryPassResponse.parse(body);
    expect(parsed.sustainability.status).toBe("waste");
    expect(parsed.metadata.passportIdentifier).toBe(`urn:uuid:${id}`);
    expect(parsed.metadata.economicOperatorId).toBe(seller.organizationId);
    const back = readBatteryPassport(JSON.stringify(body));
    expect(back).toMatchObject({
      ok: true,
      fields: {
        chemistry: "LFP",
        form: "pack",
        massKg: "6000",
        energyKwh: "720",
        stateOfHealthPct: "81",
        title: "12 BYD Blade packs",
      },
    });
  });

  test("a draft is not found for another organisation; no credentials is 401", async () => {
    const id = await createLot(lotBody());
    expect((await passport(id, rival.token)).status).toBe(404);
    expect((await passport(id)).status).toBe(401);
  });

  test("black mass has no battery passport: 409 NOT_A_BATTERY", async () => {
    const id = await createLot(
      lotBody({ form: "black_mass", energyKwh: null, count: 10, title: "Black mass, 6 t" }),
    );
    const { status, body } = await passport(id, seller.token);
    expect(status).toBe(409);
    expect(body.code).toBe("NOT_A_BATTERY");
  });
});
