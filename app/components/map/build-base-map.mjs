// Writes public/map/world.json, the offline base map, from Natural Earth 1:50m (world-atlas).
// Run once after upgrading world-atlas: `node app/components/map/build-base-map.mjs`.
//
// world-atlas stores spherical geometry; Leaflet draws planar coordinates. A polygon such as
// Russia or Antarctica that crosses the map's seam would otherwise be drawn as a band across the
// whole map. So we cut every shape once, here, with d3-geo's antimeridian clipping — at 30°W, the
// seam of a map centred on 150°E, because the Pacific is the middle of this marketplace — and
// write longitudes in [-30°, 330°]: Chile is at ~290° and sits east of New Zealand, as on a
// Pacific-centred wall map. The map components shift lot and facility longitudes the same way
// (app/components/map/pacific.ts).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoEquirectangular, geoStream } from "d3-geo";
import { feature, mesh } from "topojson-client";

const CENTRE_LNG = 150;
const require = createRequire(import.meta.url);
const land50 = require("world-atlas/land-50m.json");
const countries50 = require("world-atlas/countries-50m.json");

// ~1 km at the equator: finer than 1:50m source data needs, and half the file of full precision.
const round = (v) => Math.round(v * 100) / 100;

// Rotating the sphere by -150° puts the antimeridian of the rotated sphere on 30°W; the clipped
// planar output is then shifted back by +150°. y comes out as -latitude (screen convention).
const projection = geoEquirectangular()
  .scale(180 / Math.PI)
  .translate([0, 0])
  .rotate([-CENTRE_LNG, 0])
  .precision(0);

function collect(object) {
  const polygons = [];
  const lines = [];
  let current = null;
  let rings = null;
  const sink = {
    point(x, y) {
      const p = [round(x + CENTRE_LNG), round(-y)];
      const last = current[current.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) current.push(p);
    },
    lineStart() {
      current = [];
    },
    lineEnd() {
      if (rings) {
        if (current.length >= 3) rings.push([...current, current[0]]);
      } else if (current.length >= 2) lines.push(current);
    },
    polygonStart() {
      rings = [];
    },
    polygonEnd() {
      polygons.push(...assemble(rings));
      rings = null;
    },
    sphere() {},
  };
  geoStream(object, projection.stream(sink));
  return { polygons, lines };
}

// Shoelace area in lng/lat: positive for counter-clockwise rings. d3-geo emits exteriors
// clockwise and holes (the Caspian Sea) counter-clockwise.
function area(ring) {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function contains(ring, [x, y]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function assemble(rings) {
  const exteriors = rings.filter((r) => area(r) < 0).map((r) => [r]);
  for (const hole of rings.filter((r) => area(r) > 0)) {
    const owner = exteriors.find((polygon) => contains(polygon[0], hole[0]));
    if (owner) owner.push(hole);
  }
  // GeoJSON (RFC 7946) wants the opposite winding: exteriors counter-clockwise, holes clockwise.
  return exteriors.map((polygon) => polygon.map((ring) => [...ring].reverse()));
}

const land = collect(feature(land50, land50.objects.land));
const borders = collect(mesh(countries50, countries50.objects.countries, (a, b) => a !== b));

const world = {
  type: "FeatureCollection",
  // Natural Earth is public domain; world-atlas is ISC-licensed (Mike Bostock).
  attribution: "Natural Earth (public domain) via world-atlas 2.0.2",
  seamLng: CENTRE_LNG - 180,
  features: [
    {
      type: "Feature",
      properties: { layer: "land" },
      geometry: { type: "MultiPolygon", coordinates: land.polygons },
    },
    {
      type: "Feature",
      properties: { layer: "borders" },
      geometry: { type: "MultiLineString", coordinates: borders.lines },
    },
  ],
};

const out = new URL("../../../public/map/world.json", import.meta.url);
writeFileSync(out, JSON.stringify(world));
console.log(
  `wrote ${out.pathname}: ${land.polygons.length} land polygons, ${borders.lines.length} border lines`,
);
