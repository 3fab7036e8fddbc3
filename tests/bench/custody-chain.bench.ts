// Verifying one lot's chain of custody of 10,000 events (issue 12: under 200 ms), ADR 021.
// Two measurements, each beside a baseline from the same run:
//  - in memory: verifyEvents (RFC 8785 canonical JSON + SHA-256 per event + links) against the
//    floor of hashing each event's plain JSON.stringify with no canonical form and no link checks;
//  - from the database (in-memory PGlite): verifyChain(lotId), reading every row and verifying it,
//    against reading the same rows without verifying (readCustodyChain).
// Checks: the chain verifies; an event changed in memory at a known sequence is named; the stored
// chain verifies. Quick: 1,000 events.
import { createHash } from "node:crypto";
import { hashEvent, type StoredCustodyEvent, verifyEvents } from "~/domain/custody/chain.ts";
import {
  lotStream,
  readCustodyChain,
  sha256Hex,
  verifyChain,
} from "~/models/custody/custody-chain.server.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import { db, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import type { Bench } from "./bench.ts";
import { ms, summarize, timeRuns } from "./stats.ts";

const KINDS = ["milestone_departed", "milestone_arrived_port", "documents_added", "lot_edited", "correction"];

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

export default async function run(bench: Bench): Promise<void> {
  const EVENTS = bench.size(10_000, 1_000, "BENCH_CUSTODY_EVENTS");
  const RUNS = bench.size(15, 5);
  process.env.DATABASE_URL = "memory://";
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

  const chain = makeChain(EVENTS, lot.id, user.id, organization.id);

  // In memory.
  const verifyTimes = await timeRuns(async () => verifyEvents(chain, sha256Hex, { lotId: lot.id }), RUNS);
  const plain = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  const floorTimes = await timeRuns(async () => {
    for (const event of chain) plain(JSON.stringify(event));
  }, RUNS);
  const verified = verifyEvents(chain, sha256Hex, { lotId: lot.id });
  bench.check(`${EVENTS} events verify`, verified.verified);
  const at = Math.max(1, Math.floor(EVENTS * 0.7777));
  const tampered = chain.map((e) =>
    e.sequence === at ? { ...e, data: { ...(e.data as object), netWeightKg: 1 } } : e,
  );
  const found = verifyEvents(tampered, sha256Hex, { lotId: lot.id });
  bench.check(
    `a changed event is named (${at})`,
    !found.verified && found.brokenAt === at,
    JSON.stringify(found),
  );

  // From the database.
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
  const dbVerifyTimes = await timeRuns(() => verifyChain(lot.id), RUNS);
  const dbReadTimes = await timeRuns(() => readCustodyChain(lot.id), RUNS);
  const stored = await verifyChain(lot.id);
  bench.check("the stored chain verifies", stored.verified && stored.events.length === EVENTS);

  const memory = summarize(verifyTimes);
  const floor = summarize(floorTimes);
  const fromDb = summarize(dbVerifyTimes);
  const read = summarize(dbReadTimes);
  console.log(`events: ${EVENTS}, runs: ${RUNS} (after 3 warm-up runs)`);
  console.log(
    `verifyEvents (in memory):            median ${ms(memory.p50)}, p95 ${ms(memory.p95)} — target < 200 ms: ${bench.target(memory.p50 < 200)}`,
  );
  console.log(
    `baseline, SHA-256 of JSON.stringify: median ${ms(floor.p50)} (canonical form + links cost ${(memory.p50 / floor.p50).toFixed(1)}×)`,
  );
  console.log(
    `verifyChain (PGlite, read + verify): median ${ms(fromDb.p50)}, p95 ${ms(fromDb.p95)} — target < 200 ms: ${bench.target(fromDb.p50 < 200)}`,
  );
  console.log(
    `baseline, reading the rows only:     median ${ms(read.p50)} (verifying adds ${ms(fromDb.p50 - read.p50)})`,
  );
}
