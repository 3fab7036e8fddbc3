// The JSON API's shared plumbing: bearer tokens and session cookies, problem+json errors, strict
// bodies, pagination, the economies endpoint and the OpenAPI document.
import { beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { readJsonBody, readPagination } from "~/api/http.server.ts";
import { getApiActor, requireApiActor } from "~/auth/actor.server.ts";
import { createApiToken, revokeApiToken } from "~/models/api-token.server.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import { loader as economiesLoader } from "~/routes/api.v1.economies.ts";
import { loader as openApiLoader } from "~/routes/api.v1.openapi[.]json.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { ORIGIN } from "../fixtures/routes.ts";

let org: { id: string };
let userId: string;

beforeAll(async () => {
  await insertEconomies(db());
  const created = await createUserWithOrganization({
    name: "Ana API",
    email: "ana.api@example.com",
    password: "correct horse battery",
    organizationName: "API Fleet",
    economyCode: "CL",
    capabilities: ["seller"],
  });
  org = created.organization;
  userId = created.user.id;
});

const withToken = (token: string) =>
  new Request(`${ORIGIN}/api/v1/lots`, { headers: { Authorization: `Bearer ${token}` } });

async function problemOf(promise: Promise<unknown>) {
  const thrown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(Response);
  const response = thrown as Response;
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("bearer tokens", () => {
  test("a token authenticates as its organisation; only its hash is stored", async () => {
    const { token, record } = await createApiToken({
      organizationId: org.id,
      createdById: userId,
      name: "ERP",
    });
    expect(token).toMatch(/^plk_[A-Za-z0-9_-]{43}$/);
    expect(record.tokenHash).not.toContain(token.slice(4));
    const caller = await getApiActor(withToken(token));
    expect(caller).toMatchObject({ organization: { id: org.id }, via: "token" });
    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.lastUsedAt).not.toBeNull();
  });

  test.each([
    ["an unknown token", "plk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a malformed token", "not-a-token"],
  ])("%s is refused with 401 problem+json", async (_, token) => {
    expect(await getApiActor(withToken(token))).toBeNull();
    const { status, body } = await problemOf(requireApiActor(withToken(token), { capability: "seller" }));
    expect(status).toBe(401);
    expect(body.code).toBe("UNAUTHENTICATED");
  });

  test("a revoked token stops working at once", async () => {
    const { token, record } = await createApiToken({
      organizationId: org.id,
      createdById: userId,
      name: "old",
    });
    expect(await getApiActor(withToken(token))).not.toBeNull();
    expect(await revokeApiToken(org.id, record.id)).toBe(true);
    expect(await getApiActor(withToken(token))).toBeNull();
    expect(await revokeApiToken(org.id, record.id)).toBe(false);
  });

  test("a token of an organisation without the capability gets 403 CAPABILITY_REQUIRED", async () => {
    const { token } = await createApiToken({ organizationId: org.id, createdById: userId, name: "x" });
    const { status, body } = await problemOf(requireApiActor(withToken(token), { capability: "recycler" }));
    expect(status).toBe(403);
    expect(body.code).toBe("CAPABILITY_REQUIRED");
  });
});

describe("request bodies and pagination", () => {
  const schema = z.object({ massKg: z.number().int().positive(), note: z.string().optional() }).strict();
  const post = (body: string, type = "application/json") =>
    new Request(`${ORIGIN}/x`, { method: "POST", headers: { "Content-Type": type }, body });

  test("unknown fields and invalid fields are named", async () => {
    const { status, body } = await problemOf(readJsonBody(post('{"massKg": -3, "colour": "red"}'), schema));
    expect(status).toBe(400);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: "colour", message: "Unknown field." },
        expect.objectContaining({ field: "massKg" }),
      ]),
    );
  });

  test.each([
    ["broken JSON", post("{massKg: 1"), 400, "INVALID_JSON"],
    ["a form body", post("massKg=1", "application/x-www-form-urlencoded"), 415, "UNSUPPORTED_MEDIA_TYPE"],
  ])("%s is refused", async (_, request, status, code) => {
    const outcome = await problemOf(readJsonBody(request, schema));
    expect(outcome).toMatchObject({ status, body: { code } });
  });

  test.each([
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["limit=2.5", "limit"],
    ["offset=-1", "offset"],
    ["limit=abc", "limit"],
  ])("pagination %s names %s", async (query, field) => {
    const thrown = (() => {
      try {
        readPagination(new URLSearchParams(query));
        return null;
      } catch (error) {
        return error as Response;
      }
    })();
    expect(thrown?.status).toBe(400);
    const body = (await thrown!.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual([field]);
  });

  test("pagination defaults", () => {
    expect(readPagination(new URLSearchParams(""))).toEqual({ limit: 50, offset: 0 });
    expect(readPagination(new URLSearchParams("limit=500&offset=20"))).toEqual({ limit: 500, offset: 20 });
  });
});

describe("public endpoints", () => {
  test("GET /api/v1/economies lists the 21 economies with ports", async () => {
    const response = await economiesLoader();
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      economies: { code: string; port: { location: { lat: number } } }[];
      total: number;
    };
    expect(body.total).toBe(21);
    expect(body.economies.map((e) => e.code)).toContain("KR");
    for (const e of body.economies) expect(Math.abs(e.port.location.lat)).toBeLessThanOrEqual(90);
  });

  test("GET /api/v1/openapi.json is an OpenAPI 3.1 document that describes the economies endpoint", async () => {
    const response = await openApiLoader({
      request: new Request(`${ORIGIN}/api/v1/openapi.json`),
      params: {},
      context: { cspNonce: "" },
    });
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe("3.1.0");
    expect(document.paths).toHaveProperty("/api/v1/economies");
    expect(document.components.schemas).toHaveProperty("Money");
    expect(document.components.schemas).toHaveProperty("Problem");
  });
});
