// Direct dispatch of hot API endpoints to their route module's action (app/utils/direct-route.server.ts):
// what Remix's handler would have sent is what the client gets — status, headers and body, thrown
// Responses included — and what is not a POST, or has no action, falls through.
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { directAction, MAX_DIRECT_BODY_BYTES } from "~/utils/direct-route.server.ts";

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
  },
} as unknown as ServerBuild;

beforeAll(async () => {
  const app = express();
  app.post("/things/:thingId/echo", directAction(build, ROUTE_ID));
  app.post("/things/:thingId/none", directAction(build, "routes/no-action"));
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
});
