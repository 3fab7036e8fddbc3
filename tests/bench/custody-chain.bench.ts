// Verifying one lot's chain of custody of 10,000 events (issue 12: under 200 ms), ADR 021.
// Measurements, each beside a baseline from the same run:
//  - in memory: verifyEvents (RFC 8785 canonical JSON + SHA-256 per event + links) against the
//    floor of hashing each event's plain JSON.stringify with no canonical form and no link checks;
//  - from the database, on PGlite (in memory) and on PostgreSQL (when there is one: see
//    postgres.ts): verifyChain(lotId), reading the chain in one query and verifying it, against
//    reading the same rows the way it was done before (Prisma findMany, one object per row).
// Each time is printed as wall time and as this process's CPU time (user + system): on a shared
// machine the wall time includes waiting for a core, the CPU time does not — PGlite runs in this
// process, so for it the CPU time is the whole cost; for PostgreSQL the server's share is outside.
// Checks: the chain verifies; an event changed in memory at a known sequence is named; the stored
// chain verifies, and one changed in the database is named. Quick: 1,000 events.
import { createHash } from "node:crypto";
import { hashEvent, type StoredCustodyEvent, verifyEvents } from "~/domain/custody/chain.ts";
import { lotStream, sha256Hex, verifyChain } from "~/models/custody/custody-chain.server.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import { closeDatabase, db, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import type { Bench } from "./bench.ts";
import { withScratchDatabase } from "./postgres.ts";
import { ms, summarize } from "./stats.ts";

const KINDS = ["milestone_departed", "milestone_arrived_port", "documents_added", "lot_edited", "correction"];
const TARGET_MS = 200;

function makeChain(
  count: number,
  lotId: string,
  userId: string,
  organizationId: string,
): StoredCustodyEvent[] {
  const events: StoredCustodyEvent[] = [];
  let prevHash: string | null = null;
  const start = Date.UTC(2026, 0, 1);
  for (let sequence = 1; sequence <= count; sequence++) {
    const fields = {
      sequence,
      kind: KINDS[sequence % KINDS.length]!,
      occurredAt: new Date(start + sequence * 60_000),
      lotId,
      actorUserId: userId,
      organizationId,
      data: {
        location: { lat: -33.9 + sequence / 1e5, lng: 151.2 },
        netWeightKg: 4000 + (sequence % 13),
        note: `Step ${sequence}: hand-over at the gate, seal ${(sequence * 7919) % 100_000}`,
        documents: [{ kind: "other", sha256: "ab".repeat(32), sizeBytes: 1024 + sequence }],
      },
      corrects: sequence % KINDS.length === 4 && sequence > 1 ? sequence - 1 : null,
    };
    const hash = hashEvent(prevHash, fields, sha256Hex);
    events.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

/** Wall and CPU milliseconds of each of `runs` runs, after `warmup` untimed ones. */
async function timeBoth(fn: () => unknown, runs: number, warmup = 3) {
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    await fn();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: summarize(wall), cpu: summarize(cpu) };
}

const both = (t: Awaited<ReturnType<typeof timeBoth>>) =>
  `median ${ms(t.wall.p50)} wall (p95 ${ms(t.wall.p95)}), ${ms(t.cpu.p50)} CPU`;

export default async function run(bench: Bench): Promise<void> {
  const EVENTS = bench.size(10_000, 1_000, "BENCH_CUSTODY_EVENTS");
  const RUNS = bench.size(15, 5);
  console.log(`events: ${EVENTS}, runs: ${RUNS} (after 3 warm-up runs)`);

  // In memory.
  const lotId = "0193a5c2-0000-7000-8000-000000000001";
  const chain = makeChain(
    EVENTS,
    lotId,
    "0193a5c2-0000-7000-8000-0000000000aa",
    "0193a5c2-0000-7000-8000-0000000000bb",
  );
  const memory = await timeBoth(() => verifyEvents(chain, sha256Hex, { lotId }), RUNS);
  const plain = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  const floor = await timeBoth(() => {
    for (const event of chain) plain(JSON.stringify(event));
  }, RUNS);
  bench.check(`${EVENTS} events verify`, verifyEvents(chain, sha256Hex, { lotId }).verified);
  const at = Math.max(1, Math.floor(EVENTS * 0.7777));
  const tampered = chain.map((e) =>
    e.sequence === at ? { ...e, data: { ...(e.data as object), netWeightKg: 1 } } : e,
  );
  const found = verifyEvents(tampered, sha256Hex, { lotId });
  bench.check(
    `a changed event is named (${at})`,
    !found.verified && found.brokenAt === at,
    JSON.stringify(found),
  );
  console.log(
    `verifyEvents (in memory):             ${both(memory)} — target < ${TARGET_MS} ms: ${bench.target(memory.wall.p50 < TARGET_MS)}`,
  );
  console.log(
    `baseline, SHA-256 of JSON.stringify:  ${both(floor)} (canonical form + links cost ${(memory.cpu.p50 / floor.cpu.p50).toFixed(1)}× CPU)`,
  );

  await closeDatabase();
  process.env.DATABASE_URL = "memory://";
  await measureStored(bench, "PGlite", EVENTS, RUNS);
  await withScratchDatabase(bench, "PostgreSQL", async (url) => {
    process.env.DATABASE_URL = url;
    await measureStored(bench, "PostgreSQL", EVENTS, RUNS);
  });
}

/** Stores a chain in the database DATABASE_URL names and times verifyChain there. */
async function measureStored(bench: Bench, label: string, count: number, runs: number) {
  try {
    await getDatabase().withConnection((sql) => migrate(sql));
    await insertEconomies(db());
    const { user, organization } = await createUserWithOrganization({
      name: "Bench Custody",
      email: `bench-${Date.now()}@custody.test`,
      password: "bench password long enough",
      organizationName: "Bench Custody",
      economyCode: "AU",
      capabilities: ["seller"],
    });
    const lot = await db().lot.create({
      data: {
        organizationId: organization.id,
        title: "Bench lot",
        chemistry: "NMC622",
        form: "pack",
        condition: "intact",
        count: 10,
        massKg: 4_000,
        lat: -33.95,
        lng: 151.18,
        economyCode: "AU",
        availableFrom: new Date(),
        saleMode: "auction",
        currency: "AUD",
        status: "open",
      },
    });
    const chain = makeChain(count, lot.id, user.id, organization.id);
    const stream = lotStream(lot.id);
    for (let i = 0; i < chain.length; i += 1_000) {
      await db().auditEvent.createMany({
        data: chain.slice(i, i + 1_000).map((e) => ({
          stream,
          lotId: lot.id,
          organizationId: e.organizationId,
          actorUserId: e.actorUserId,
          sequence: e.sequence,
          kind: e.kind,
          data: e.data as object,
          corrects: e.corrects ?? null,
          prevHash: e.prevHash,
          hash: e.hash,
          occurredAt: e.occurredAt,
        })),
      });
    }
    await getDatabase().withConnection((sql) => sql.exec(`ANALYZE "AuditEvent"`));
    const verified = await timeBoth(() => verifyChain(lot.id), runs);
    // The read before this change: every row as a Prisma object, then verified the same way.
    const rowRead = await timeBoth(
      () => db().auditEvent.findMany({ where: { stream }, orderBy: { sequence: "asc" } }),
      runs,
    );
    const stored = await verifyChain(lot.id);
    bench.check(
      `${label}: the stored chain verifies (${stored.events.length} events)`,
      stored.verified && stored.events.length === count,
    );
    // A change made in the database behind the triggers' back is named at its sequence.
    const at = Math.max(1, Math.floor(count * 0.4242));
    await getDatabase().withConnection((sql) =>
      sql.exec(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER;
        UPDATE "AuditEvent" SET "data" = jsonb_set("data", '{netWeightKg}', '1') WHERE "stream" = '${stream}' AND "sequence" = ${at};
        ALTER TABLE "AuditEvent" ENABLE TRIGGER USER;`),
    );
    const broken = await verifyChain(lot.id);
    bench.check(
      `${label}: a changed stored event is named (${at})`,
      !broken.verified && broken.brokenAt === at,
      JSON.stringify({ ...broken, events: undefined }),
    );
    console.log(
      `verifyChain (${label}, read + verify):`.padEnd(38) +
        `${both(verified)} — target < ${TARGET_MS} ms: ${bench.target(verified.wall.p50 < TARGET_MS)}`,
    );
    console.log(
      `baseline, reading as Prisma rows:`.padEnd(38) +
        `${both(rowRead)} (×${(rowRead.cpu.p50 / verified.cpu.p50).toFixed(1)} the CPU of reading and verifying)`,
    );
  } finally {
    await closeDatabase();
  }
}
