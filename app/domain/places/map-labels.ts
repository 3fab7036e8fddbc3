/**
 * What the offline base map labels (ADR 039): each economy's name at a point inside it, and its
 * capital and cities of CITY_LABEL_POPULATION people or more (GeoNames population), each from the
 * zoom at which it no longer crowds its neighbours.
 */
import type { EconomyCode } from "../economies.ts";

export const CITY_LABEL_POPULATION = 1_000_000;

/** Where each economy's name is written (inland, by eye on the 1:50m map), and from which zoom. */
// biome-ignore format: a table, one economy a line
export const ECONOMY_LABEL_POINTS: Readonly<Record<EconomyCode, readonly [lat: number, lng: number, minZoom: number]>> = {
  AU: [-25.5, 134, 1],
  BN: [4.5, 114.7, 6],
  CA: [59, -103, 1],
  CL: [-27, -69.8, 2],
  CN: [34, 103, 1],
  HK: [22.4, 114.12, 7],
  ID: [-2.2, 113.5, 2],
  JP: [36.6, 138.6, 3],
  KR: [36.4, 127.9, 4],
  MY: [3.9, 102.3, 4],
  MX: [24, -102.5, 2],
  NZ: [-41.8, 172.4, 3],
  PG: [-6.3, 144.5, 3],
  PE: [-9.6, -75, 2],
  PH: [12.2, 122.6, 3],
  RU: [62, 95, 1],
  SG: [1.36, 103.8, 8],
  TW: [23.7, 120.95, 5],
  TH: [15.4, 101, 3],
  US: [39.5, -99, 1],
  VN: [15.6, 107.7, 4],
};

/** The zoom from which a city's label is drawn: capitals and megacities first, other big cities later. */
export function cityLabelMinZoom(population: number, capital: boolean): number {
  if (capital || population >= 5_000_000) return 4;
  if (population >= 2_000_000) return 5;
  return 6;
}
