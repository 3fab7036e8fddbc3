import type { FacilityFilters } from "~/domain/facility-filters.ts";
import { Prisma } from "~/generated.server/prisma/client.ts";
import { db } from "~/utils/db.server.ts";
import { type FacilityWithCapacity, facilityInclude } from "./facility.server.ts";

/**
 * Public facility search for the /facilities list and map and GET /api/v1/facilities. Only active
 * facilities are public; filters come from parseFacilityFilters (app/domain/facility-filters.ts).
 */

/**
 * Facilities accepting any of the chosen values of each list filter, or null when no list filter
 * is set. Done in SQL of our own because pglite-prisma-adapter 0.7.2 sends the value of Prisma's
 * `has`/`hasSome` on enum arrays as a bare string, which PGlite rejects ("malformed array
 * literal"). The values are validated codes without commas, so joining them is lossless.
 */
async function idsMatchingListFilters(filters: FacilityFilters): Promise<string[] | null> {
  const lists: [string, readonly string[]][] = [
    ["processes", filters.processes],
    ["acceptedChemistries", filters.chemistries],
    ["acceptedForms", filters.forms],
    ["acceptedConditions", filters.conditions],
  ];
  const clauses = lists
    .filter(([, values]) => values.length > 0)
    .map(
      ([column, values]) =>
        Prisma.sql`${Prisma.raw(`"${column}"`)}::text[] && string_to_array(${values.join(",")}, ',')`,
    );
  if (clauses.length === 0) return null;
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "Facility" WHERE active AND ${Prisma.join(clauses, " AND ")}`;
  return rows.map((row) => row.id);
}

export async function facilityWhere(filters: FacilityFilters): Promise<Prisma.FacilityWhereInput> {
  const and: Prisma.FacilityWhereInput[] = [{ active: true }];
  if (filters.economies.length) and.push({ economyCode: { in: [...filters.economies] } });
  const ids = await idsMatchingListFilters(filters);
  if (ids) and.push({ id: { in: ids } });
  if (filters.holdsImportConsent !== null) and.push({ holdsImportConsent: filters.holdsImportConsent });
  if (filters.q) {
    and.push({
      OR: [
        { name: { contains: filters.q, mode: "insensitive" } },
        { description: { contains: filters.q, mode: "insensitive" } },
      ],
    });
  }
  if (filters.bbox) {
    const { minLng, minLat, maxLng, maxLat } = filters.bbox;
    and.push({ lat: { gte: minLat, lte: maxLat } });
    // A view across the Pacific (west edge at 120°E, east edge at 70°W) crosses the antimeridian.
    and.push(
      minLng <= maxLng
        ? { lng: { gte: minLng, lte: maxLng } }
        : { OR: [{ lng: { gte: minLng } }, { lng: { lte: maxLng } }] },
    );
  }
  return { AND: and };
}

function facilityOrder(sort: FacilityFilters["sort"]): Prisma.FacilityOrderByWithRelationInput[] {
  // The id breaks ties so that pages never repeat or skip a facility.
  switch (sort) {
    case "newest":
      return [{ createdAt: "desc" }, { id: "desc" }];
    case "economy":
      return [{ economyCode: "asc" }, { name: "asc" }, { id: "asc" }];
    default:
      return [{ name: "asc" }, { id: "asc" }];
  }
}

export async function searchFacilities(
  filters: FacilityFilters,
  page: { limit: number; offset: number },
  today = new Date(),
): Promise<{ facilities: FacilityWithCapacity[]; total: number }> {
  const where = await facilityWhere(filters);
  const [facilities, total] = await Promise.all([
    db().facility.findMany({
      where,
      include: facilityInclude(today),
      orderBy: facilityOrder(filters.sort),
      take: page.limit,
      skip: page.offset,
    }),
    db().facility.count({ where }),
  ]);
  return { facilities, total };
}

export interface FacilityMapPoint {
  id: string;
  name: string;
  lat: number;
  lng: number;
  processes: string[];
  economy: string;
}

/** Facilities are counted in hundreds at most; the cap only protects the response size. */
export const MAX_MAP_POINTS = 5_000;

/** The compact markers of the facility map, for the same filters as the list. */
export async function facilityMapPoints(filters: FacilityFilters): Promise<FacilityMapPoint[]> {
  const rows = await db().facility.findMany({
    where: await facilityWhere(filters),
    select: { id: true, name: true, lat: true, lng: true, processes: true, economyCode: true },
    orderBy: facilityOrder(filters.sort),
    take: MAX_MAP_POINTS,
  });
  return rows.map(({ economyCode, ...row }) => ({ ...row, economy: economyCode }));
}
