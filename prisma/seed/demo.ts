import { ECONOMIES, type EconomyCode, economyByCode } from "~/domain/economies.ts";
import type { Prisma } from "~/generated.server/prisma/client.ts";
import type { AppPrismaClient } from "~/utils/db.server.ts";
import { seedCustody } from "./custody.ts";
import { seedDeals } from "./deals.ts";
import { ASSUMED_ANNUAL_CAPACITY_T, FACILITIES, type FacilitySpec } from "./facilities.ts";
import { generateLots, type SeededFacility, type SeededOrganization } from "./lots.ts";
import { DEMO_ACCOUNT_DETAILS, DEMO_ACCOUNTS, DEMO_PASSWORD, ORGANIZATIONS } from "./organizations.ts";
import { quoteMinor } from "./prices.ts";
import { addDays, createRandom, monthStart, slugify, utcDay, uuidv7 } from "./random.ts";
import { seedShipments } from "./shipments.ts";

export { DEMO_ACCOUNT_DETAILS, DEMO_ACCOUNTS, DEMO_PASSWORD };

/** The transaction client handed to `$transaction(async (tx) => …)` by the app's Prisma client. */
type SeedTx = Parameters<Parameters<AppPrismaClient["$transaction"]>[0]>[0];

export interface SeedDemoOptions {
  /** The clock: every date in the demo data is relative to it, so seeding is reproducible. */
  now: Date;
  /** Hash of DEMO_PASSWORD, given by the caller so this module needs no hashing library. */
  passwordHash: string;
  log?: (line: string) => void;
}

export interface SeedDemoResult {
  seeded: boolean;
  counts: Record<string, number>;
}

const SEED = 0x9ac10; // fixed: the same `now` gives the same rows
const CAPACITY_MONTHS = 6;
// Key for pg_advisory_xact_lock, so two instances starting together cannot both seed.
const SEED_LOCK_KEY = 72_707_370;

async function upsertEconomies(client: Pick<SeedTx, "economy">): Promise<number> {
  for (const economy of ECONOMIES) {
    const data = {
      name: economy.name,
      portName: economy.portName,
      portLocode: economy.portLocode,
      portLat: economy.portLat,
      portLng: economy.portLng,
      baselParty: economy.baselParty,
      oecdMember: economy.oecdMember,
      currency: economy.currency,
    };
    await client.economy.upsert({
      where: { code: economy.code },
      create: { code: economy.code, ...data },
      update: data,
    });
  }
  return ECONOMIES.length;
}

/** Creates or refreshes the 21 APEC economies. Idempotent; safe on every start. */
export async function seedEconomies(prisma: AppPrismaClient): Promise<number> {
  return upsertEconomies(prisma);
}

/**
 * Fills an empty database with the demo marketplace. Does nothing (and says so) when any user or
 * organisation exists, so it can run on every start without touching real data. Everything is
 * written in one transaction: a failure leaves the database empty, not half-seeded.
 */
export async function seedDemo(prisma: AppPrismaClient, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const log = options.log ?? (() => {});
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})::text AS locked`);
      const [users, organizations] = await Promise.all([tx.user.count(), tx.organization.count()]);
      if (users > 0 || organizations > 0) {
        log(`database not empty (${users} users, ${organizations} organisations): demo data not seeded`);
        return { seeded: false, counts: { users, organizations } };
      }
      const counts = await writeDemo(tx, options);
      log(
        `seeded demo data: ${Object.entries(counts)
          .map(([table, n]) => `${n} ${table}`)
          .join(", ")}`,
      );
      return { seeded: true, counts };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

async function writeDemo(
  tx: SeedTx,
  { now, passwordHash }: SeedDemoOptions,
): Promise<Record<string, number>> {
  const random = createRandom(SEED);
  const counts: Record<string, number> = { economies: await upsertEconomies(tx) };

  // Users and organisations.
  const users: Prisma.UserCreateManyInput[] = [];
  const orgRows: Prisma.OrganizationCreateManyInput[] = [];
  const memberships: Prisma.MembershipCreateManyInput[] = [];
  const seededOrgs = new Map<string, SeededOrganization>();

  const addUser = (email: string, name: string, createdAt: Date) => {
    const id = uuidv7(random, createdAt);
    users.push({
      id,
      email,
      name,
      passwordHash,
      isPlatformAdmin: email === DEMO_ACCOUNTS.admin,
      emailVerifiedAt: createdAt,
      createdAt,
      updatedAt: createdAt,
    });
    return id;
  };

  for (const spec of ORGANIZATIONS) {
    const createdAt = addDays(now, -random.between(60, 420));
    const ownerId = addUser(spec.owner.email, spec.owner.name, createdAt);
    const id = uuidv7(random, createdAt);
    orgRows.push({
      id,
      name: spec.name,
      slug: slugify(spec.name),
      economyCode: spec.economyCode,
      capabilities: spec.capabilities,
      verificationStatus: spec.verificationStatus,
      description: spec.description,
      createdAt,
      updatedAt: createdAt,
    });
    memberships.push({
      id: uuidv7(random, createdAt),
      userId: ownerId,
      organizationId: id,
      role: "owner",
      createdAt,
    });
    for (const member of spec.members ?? []) {
      const joinedAt = addDays(createdAt, random.between(1, 30));
      const memberId = addUser(member.email, member.name, joinedAt);
      memberships.push({
        id: uuidv7(random, joinedAt),
        userId: memberId,
        organizationId: id,
        role: "member",
        createdAt: joinedAt,
      });
    }
    seededOrgs.set(spec.key, {
      id,
      key: spec.key,
      economyCode: spec.economyCode,
      capabilities: spec.capabilities,
      ownerUserId: ownerId,
    });
  }

  // Facilities, certifications and six months of capacity.
  const facilityRows: Prisma.FacilityCreateManyInput[] = [];
  const certifications: Prisma.FacilityCertificationCreateManyInput[] = [];
  const windows: (Prisma.CapacityWindowCreateManyInput & { id: string })[] = [];
  const seededFacilities: SeededFacility[] = [];
  for (const spec of FACILITIES) {
    const org = seededOrgs.get(spec.organizationKey)!;
    const createdAt = addDays(now, -random.between(20, 50));
    const id = uuidv7(random, createdAt);
    const annualT = spec.annualCapacityT ?? ASSUMED_ANNUAL_CAPACITY_T[spec.name];
    facilityRows.push({
      id,
      organizationId: org.id,
      name: spec.name,
      economyCode: spec.economyCode,
      lat: spec.lat,
      lng: spec.lng,
      address: spec.address,
      // Real sites keep their location and public figures under a fictional operator's name.
      description: spec.description.startsWith("Fictional")
        ? spec.description
        : `Based on a real site; the operator's name is fictional. ${spec.description}`,
      processes: spec.processes,
      acceptedChemistries: spec.chemistries,
      acceptedForms: spec.forms,
      acceptedConditions: spec.conditions,
      recoveryLiBp: spec.recovery[0],
      recoveryNiBp: spec.recovery[1],
      recoveryCoBp: spec.recovery[2],
      recoveryMnBp: spec.recovery[3],
      recoveryCuBp: spec.recovery[4],
      holdsImportConsent: spec.holdsImportConsent,
      annualCapacityKg: spec.annualCapacityT === null ? null : spec.annualCapacityT * 1000,
      createdAt,
      updatedAt: createdAt,
    });
    seededFacilities.push({ id, organizationKey: spec.organizationKey, spec });
    certifications.push(...certificationsFor(random, now, id, spec, createdAt));
    windows.push(...capacityWindowsFor(random, now, id, spec, annualT, createdAt));
  }

  const { lots, bids, awards } = generateLots(random, now, seededOrgs, seededFacilities);
  const bookings = bookingsFor(random, now, lots, windows, seededFacilities, seededOrgs);

  await tx.user.createMany({ data: users });
  await tx.organization.createMany({ data: orgRows });
  await tx.membership.createMany({ data: memberships });
  await tx.facility.createMany({ data: facilityRows });
  await tx.facilityCertification.createMany({ data: certifications });
  await tx.capacityWindow.createMany({ data: windows });
  // Lot.leadingBidId references Bid, and Bid references Lot: lots first, then bids, then leaders.
  await tx.lot.createMany({ data: lots.map((l) => ({ ...l.row, leadingBidId: null })) });
  await tx.bid.createMany({ data: bids });
  for (const { row } of lots) {
    if (!row.leadingBidId) continue;
    // updatedAt is given explicitly: @updatedAt would otherwise stamp the wall clock.
    await tx.lot.update({
      where: { id: row.id },
      data: { leadingBidId: row.leadingBidId, updatedAt: row.updatedAt },
    });
  }
  await tx.award.createMany({ data: awards });
  await tx.capacityBooking.createMany({ data: bookings });
  const deals = await seedDeals(tx, random, now, lots, awards, seededOrgs);
  const carrier = seededOrgs.get("pacific-dg-freight")!;
  const seededShipments = await seedShipments(tx, {
    now,
    carrierOrganizationId: carrier.id,
    carrierUserId: carrier.ownerUserId,
  });
  // Last of the demo writes: every lot written above gets its chain of custody.
  const custodyEvents = await seedCustody(tx);

  return {
    ...counts,
    users: users.length,
    organizations: orgRows.length,
    memberships: memberships.length,
    facilities: facilityRows.length,
    certifications: certifications.length,
    capacityWindows: windows.length,
    lots: lots.length + deals.lots,
    bids: bids.length + deals.bids,
    awards: awards.length + deals.awards,
    capacityBookings: bookings.length,
    deals: deals.deals,
    shipments: seededShipments.shipments,
    shipmentMilestones: seededShipments.milestones,
    custodyEvents,
  };
}

const CERTIFICATE_NAMES: Record<string, string> = {
  "ISO 14001": "ISO 14001:2015 environmental management",
  "ISO 45001": "ISO 45001:2018 occupational health and safety",
  R2v3: "R2v3 responsible recycling",
  "e-Stewards": "e-Stewards certification",
  "Import consent": "Consent to import waste lithium-ion batteries",
};

// Competent authorities that grant import consents (Basel Art. 6 / OECD Amber procedure,
// docs/domain/border-rules.md §5).
const IMPORT_AUTHORITY: Partial<Record<EconomyCode, string>> = {
  US: "US Environmental Protection Agency",
  CA: "Environment and Climate Change Canada",
  KR: "Ministry of Environment (Korea)",
  JP: "Ministry of Economy, Trade and Industry / Ministry of the Environment (Japan)",
  SG: "National Environment Agency (Singapore)",
  MY: "Department of Environment (Malaysia)",
  AU: "Department of Climate Change, Energy, the Environment and Water (Australia)",
};

function issuerFor(name: string, economyCode: EconomyCode): string {
  if (name === "Import consent") return IMPORT_AUTHORITY[economyCode] ?? "National competent authority";
  if (name.startsWith("MIIT")) return "Ministry of Industry and Information Technology (China)";
  if (name.startsWith("Scheduled waste")) return "Department of Environment (Malaysia)";
  if (name.startsWith("EPA Victoria")) return "EPA Victoria";
  if (name.startsWith("Industrial waste")) return "Prefectural government";
  if (name.startsWith("Factory licence")) return "Department of Industrial Works (Thailand)";
  if (name.startsWith("Waste disposal permit")) return "Ministry of Environment (Chinese Taipei)";
  return "Accredited certification body (demo)";
}

function certificationsFor(
  random: ReturnType<typeof createRandom>,
  now: Date,
  facilityId: string,
  spec: FacilitySpec,
  createdAt: Date,
): Prisma.FacilityCertificationCreateManyInput[] {
  return spec.certifications.map((short, index) => {
    // Mostly valid for a year or more; some expire within a month, a few have already lapsed,
    // so expiry warnings have something to show.
    const days = random.weighted<number>([
      [random.int(120, 1000), 80],
      [random.int(5, 30), 12],
      [-random.int(3, 40), 8],
    ]);
    return {
      id: uuidv7(random, createdAt),
      facilityId,
      name: CERTIFICATE_NAMES[short] ?? short,
      reference: `DEMO-${spec.economyCode}-${slugify(short).toUpperCase()}-${1000 + index * 97 + random.int(0, 96)}`,
      issuedBy: issuerFor(short, spec.economyCode),
      expiresOn: utcDay(addDays(now, days)),
      createdAt,
    };
  });
}

function capacityWindowsFor(
  random: ReturnType<typeof createRandom>,
  now: Date,
  facilityId: string,
  spec: FacilitySpec,
  annualT: number,
  facilityCreatedAt: Date,
): (Prisma.CapacityWindowCreateManyInput & { id: string })[] {
  const economy = economyByCode(spec.economyCode)!;
  const [minShare, maxShare] = spec.offeredShare ?? [0.15, 0.4];
  const basePriceUsd = random.between(spec.offer.usdPerTonne[0], spec.offer.usdPerTonne[1]);
  const rows: (Prisma.CapacityWindowCreateManyInput & { id: string })[] = [];
  for (let m = 0; m < CAPACITY_MONTHS; m++) {
    const monthlyKg = ((annualT * 1000) / 12) * random.between(minShare, maxShare);
    const createdAt = addDays(facilityCreatedAt, random.between(1, 15));
    rows.push({
      id: uuidv7(random, createdAt),
      facilityId,
      month: monthStart(now, m),
      capacityKg: Math.max(5_000, Math.round(monthlyKg / 1000) * 1000),
      bookedKg: 0,
      // Later months drift a little, as forward prices do.
      priceMinorPerTonne: quoteMinor(
        basePriceUsd * (1 + random.between(-0.04, 0.06) * m * 0.5),
        economy.currency,
      ),
      currency: economy.currency,
      priceKind: spec.offer.priceKind,
      acceptedChemistries: spec.offer.chemistries,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return rows;
}

/** A few capacity bookings from the demo seller into the demo recycler's windows next month. */
function bookingsFor(
  random: ReturnType<typeof createRandom>,
  now: Date,
  lots: ReturnType<typeof generateLots>["lots"],
  windows: (Prisma.CapacityWindowCreateManyInput & { id: string })[],
  facilities: SeededFacility[],
  organizations: Map<string, SeededOrganization>,
): Prisma.CapacityBookingCreateManyInput[] {
  const seller = organizations.get("pacific-coast-fleet")!;
  const recyclerSites = new Set(facilities.filter((f) => f.organizationKey === "li-cycle").map((f) => f.id));
  const nextMonth = monthStart(now, 1).getTime();
  const candidates = windows.filter(
    (w) => recyclerSites.has(w.facilityId) && (w.month as Date).getTime() === nextMonth,
  );
  const lotsToBook = lots.filter(
    (l) => l.sellerKey === "pacific-coast-fleet" && l.status === "open" && l.row.form !== "black_mass",
  );
  const bookings: Prisma.CapacityBookingCreateManyInput[] = [];
  for (const [index, lot] of lotsToBook.slice(0, 3).entries()) {
    const window = candidates.find((w) => {
      const chemistries = (w.acceptedChemistries as string[] | undefined) ?? [];
      const free = w.capacityKg - (w.bookedKg ?? 0);
      return (chemistries.length === 0 || chemistries.includes(lot.row.chemistry)) && free >= lot.row.massKg;
    });
    if (!window) continue;
    const accepted = index === 0;
    const createdAt = addDays(now, -random.between(0.5, 4));
    if (accepted) window.bookedKg = (window.bookedKg ?? 0) + lot.row.massKg;
    bookings.push({
      id: uuidv7(random, createdAt),
      capacityWindowId: window.id,
      lotId: lot.row.id,
      organizationId: seller.id,
      massKg: lot.row.massKg,
      priceMinorPerTonne: window.priceMinorPerTonne,
      currency: window.currency,
      priceKind: window.priceKind,
      status: accepted ? "accepted" : "requested",
      decidedAt: accepted ? addDays(createdAt, 0.5) : null,
      createdAt,
    });
  }
  return bookings;
}
