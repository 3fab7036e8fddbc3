// Direct dispatch of hot API endpoints to their route module's action (app/utils/direct-route.server.ts):
// what Remix's handler would have sent is what the client gets — status, headers and body, thrown
// Responses included — and what is not a POST, or has no action, falls through.
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { directAction, isDirectRoute, MAX_DIRECT_BODY_BYTES } from "~/utils/direct-route.server.ts";

const ROUTE_ID = "routes/echo";
let baseUrl = "";
let server: ReturnType<express.Express["listen"]>;

// A build with one route whose action echoes what it was given, or throws when asked to.
const build = {
  routes: {
    [ROUTE_ID]: {
      module: {
        action: async ({ request, params }: { request: Request; params: Record<string, string> }) => {
          const text = await request.text();
          if (text === "throw-response") {
            throw new Response(JSON.stringify({ code: "THROWN" }), {
              status: 409,
              headers: { "Content-Type": "application/problem+json" },
            });
          }
          if (text === "throw-error") throw new Error("boom");
          return new Response(
            JSON.stringify({
              method: request.method,
              url: request.url,
              params,
              body: text,
              auth: request.headers.get("authorization"),
              key: request.headers.get("idempotency-key"),
            }),
            { status: 201, headers: { "Content-Type": "application/json", Location: "/somewhere" } },
          );
        },
      },
    },
    "routes/no-action": { module: {} },
    // Reads its body the way the header says, and reports what it got.
    "routes/reader": {
      module: {
        action: async ({ request }: { request: Request }) => {
          const how = request.headers.get("x-read");
          let result: unknown;
          if (how === "json") result = await request.json();
          else if (how === "bytes") result = new TextDecoder().decode(await request.arrayBuffer());
          else if (how === "blob") result = await (await request.blob()).text();
          else {
            const first = await request.text();
            const again = await request.text().then(
              () => "read again",
              (error: unknown) => (error instanceof TypeError ? "TypeError" : String(error)),
            );
            result = { first, again };
          }
          return new Response(JSON.stringify({ result }), {
            headers: { "Content-Type": "application/json" },
          });
        },
      },
    },
  },
} as unknown as ServerBuild;

beforeAll(async () => {
  const app = express();
  app.post("/things/:thingId/echo", directAction(build, ROUTE_ID));
  app.post("/things/:thingId/none", directAction(build, "routes/no-action"));
  app.post("/things/:thingId/read", directAction(build, "routes/reader"));
  app.post(
    "/things/:thingId/compressed",
    directAction(build, ROUTE_ID, { compression: compression(), compressible: compression.filter }),
  );
  app.use((req, res) => {
    res.status(299).send(`remix ${req.method}`);
  });
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).send("handled");
  });
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("direct dispatch to a route action", () => {
  test("passes method, URL with query, params, headers and body; sends status, headers and body back", async () => {
    const response = await fetch(`${baseUrl}/things/abc/echo?x=1`, {
      method: "POST",
      headers: { Authorization: "Bearer t0k", "Idempotency-Key": "k-1", "Content-Type": "application/json" },
      body: JSON.stringify({ amount: 5 }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/somewhere");
    expect(response.headers.get("content-type")).toBe("application/json");
    const echoed = await response.json();
    expect(echoed).toEqual({
      method: "POST",
      url: `${baseUrl}/things/abc/echo?x=1`,
      params: { thingId: "abc" },
      body: '{"amount":5}',
      auth: "Bearer t0k",
      key: "k-1",
    });
  });

  test("a thrown Response is the answer", async () => {
    const response = await fetch(`${baseUrl}/things/abc/echo`, { method: "POST", body: "throw-response" });
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({ code: "THROWN" });
  });

  test("any other error goes to the app's error handler", async () => {
    const response = await fetch(`${baseUrl}/things/abc/echo`, { method: "POST", body: "throw-error" });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("handled");
  });

  test("a body over the limit is refused with 413 problem+json, and the action never runs", async () => {
    const response = await fetch(`${baseUrl}/things/abc/echo`, {
      method: "POST",
      body: "x".repeat(MAX_DIRECT_BODY_BYTES + 1),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect((await response.json()).code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("other methods, and routes without an action, fall through to Remix", async () => {
    const get = await fetch(`${baseUrl}/things/abc/echo`);
    expect(get.status).toBe(299);
    expect(await get.text()).toBe("remix GET");
    const none = await fetch(`${baseUrl}/things/abc/none`, { method: "POST", body: "{}" });
    expect(none.status).toBe(299);
    expect(await none.text()).toBe("remix POST");
  });

  test("the action's request answers text(), json(), arrayBuffer() and blob() from the body, once", async () => {
    const read = (how: string, body: string) =>
      fetch(`${baseUrl}/things/abc/read`, { method: "POST", headers: { "x-read": how }, body }).then((r) =>
        r.json(),
      );
    expect(await read("twice", '{"a":"é"}')).toEqual({ result: { first: '{"a":"é"}', again: "TypeError" } });
    expect(await read("json", '{"a":[1,2]}')).toEqual({ result: { a: [1, 2] } });
    expect(await read("bytes", "ünïcode")).toEqual({ result: "ünïcode" });
    expect(await read("blob", "blob body")).toEqual({ result: "blob body" });
  });

  test("with the app's compression: a small answer only varies by Accept-Encoding, a large one is compressed", async () => {
    const post = (body: string) =>
      fetch(`${baseUrl}/things/abc/compressed`, {
        method: "POST",
        headers: { "Accept-Encoding": "gzip" },
        body,
      });
    const small = await post("short");
    expect(small.status).toBe(201);
    expect(small.headers.get("vary")).toBe("Accept-Encoding");
    expect(small.headers.get("content-encoding")).toBeNull();
    expect((await small.json()).body).toBe("short");
    const long = "x".repeat(4000);
    const large = await post(long);
    expect(large.status).toBe(201);
    expect(large.headers.get("vary")).toBe("Accept-Encoding");
    expect(large.headers.get("content-encoding")).toBe("gzip");
    expect((await large.json()).body).toBe(long);
  });
});

describe("isDirectRoute", () => {
  test("matches a POST to a direct route's path as Express does: any case, one segment per parameter, a trailing slash", () => {
    const lot = "8d7a1a52-6b1f-4a43-9d55-2f3f9d1b6a10";
    expect(isDirectRoute("POST", `/api/v1/lots/${lot}/bids`)).toBe(true);
    expect(isDirectRoute("POST", `/API/V1/lots/${lot}/bids/`)).toBe(true);
    expect(isDirectRoute("GET", `/api/v1/lots/${lot}/bids`)).toBe(false);
    expect(isDirectRoute("POST", `/api/v1/lots/${lot}/x/bids`)).toBe(false);
    expect(isDirectRoute("POST", `/api/v1/lots/${lot}/bids/more`)).toBe(false);
    expect(isDirectRoute("POST", "/api/v1/lots//bids")).toBe(false);
  });
});
