// Stripe webhooks under load (issue 11, "Tests and figures"; ADR 020): 10,000 deliveries to
// POST /webhooks/stripe's action — signature checked on the raw body, event stored under its id,
// the payment recorded once — with 20 % duplicates and the order shuffled, several at a time, on
// PostgreSQL. Each deal is reported by two events (checkout.session.completed and
// payment_intent.succeeded, one PaymentIntent), so exactly-once is tested twice over: the same event
// again, and another event about the same payment. One lot per deal, as in the marketplace.
//
// Baseline, same run, same server: the floor of the work — the same deliveries' signatures checked
// and each event only stored once (INSERT … ON CONFLICT DO NOTHING) with the same concurrency.
//
// Checks: every delivery answered 200; every event stored once; every deal funded with exactly one
// payment_received ledger transaction of its amount; no exception recorded.
// Quick: 200 deliveries. Knobs: BENCH_WEBHOOKS (10000), BENCH_CONCURRENCY (8),
// BENCH_DATABASE_URL / TEST_DATABASE_URL (postgres.ts: a quick run without one skips).
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { dealParties } from "~/domain/deals/settlement.ts";
import { action } from "~/routes/webhooks.stripe.ts";
import { signStripeWebhook, verifyStripeWebhook } from "~/services/stripe.server.ts";
import { closeDatabase, db, getDatabase } from "~/utils/db.server.ts";
import { migrate } from "~/utils/migrate.server.ts";
import { openLot } from "../fixtures/bidding.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { StripeStandIn } from "../fixtures/stripe-stand-in.ts";
import type { Bench } from "./bench.ts";
import { withScratchDatabase } from "./postgres.ts";

interface Delivery {
  body: string;
  signature: string;
}

function shuffle<T>(items: T[], seed = 42): T[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

async function createDeals(count: number, totalMinor: bigint) {
  const seller = await accountWith(["seller"]);
  const buyer = await accountWith(["buyer"]);
  // One lot per deal, as in the marketplace (a lot has one confirmed award): every payment also
  // appends to its own lot's chain of custody, so the deals do not queue on one lot's row lock.
  const template = await openLot(seller.organizationId, { currency: "USD" });
  const { id: _id, number: _number, ...lotRow } = template;
  const lotIds = Array.from({ length: count }, () => randomUUID());
  for (let i = 0; i < count; i += 1000) {
    await db().lot.createMany({
      data: lotIds.slice(i, i + 1000).map((id, j) => ({ ...lotRow, id, title: `Bench lot ${i + j + 1}` })),
    });
  }
  const awardIds = Array.from({ length: count }, () => randomUUID());
  const parties = dealParties({
    priceKind: "payable",
    sellerOrganizationId: seller.organizationId,
    counterpartyOrganizationId: buyer.organizationId,
  });
  for (let i = 0; i < count; i += 1000) {
    const slice = awardIds.slice(i, i + 1000);
    await db().award.createMany({
      data: slice.map((id, j) => ({
        id,
        lotId: lotIds[i + j],
        organizationId: buyer.organizationId,
        amountMinor: totalMinor,
        currency: "USD",
        status: "confirmed" as const,
      })),
    });
    await db().deal.createMany({
      data: slice.map((awardId, j) => ({
        id: randomUUID(),
        lotId: lotIds[i + j],
        awardId,
        sellerOrganizationId: seller.organizationId,
        buyerOrganizationId: buyer.organizationId,
        ...parties,
        massKg: 10_000,
        priceMinorPerTonne: totalMinor / 10n,
        totalMinor,
        currency: "USD",
        priceKind: "payable" as const,
        incoterm: "EXW" as const,
        commissionBp: 250,
        provisionalShareBp: 9_000,
        inspectionDays: 7,
        paymentDueAt: new Date(Date.now() + 3 * 86_400_000),
      })),
    });
  }
  return (await db().deal.findMany({ where: { lotId: { in: lotIds } }, select: { id: true } })).map(
    (d) => d.id,
  );
}

/** Two events per deal (one payment, reported twice), then 20 % of the deliveries again, shuffled. */
function makeDeliveries(standIn: StripeStandIn, dealIds: string[], total: number, amount: number) {
  const unique: Delivery[] = [];
  for (const dealId of dealIds) {
    const pi = `pi_${dealId.replaceAll("-", "")}`;
    const metadata = { dealId };
    unique.push(
      standIn.sign(
        standIn.event("payment_intent.succeeded", {
          id: pi,
          object: "payment_intent",
          amount,
          amount_received: amount,
          currency: "usd",
          status: "succeeded",
          metadata,
        }),
      ),
      standIn.sign(
        standIn.event("checkout.session.completed", {
          id: `cs_${dealId.replaceAll("-", "")}`,
          object: "checkout.session",
          amount_total: amount,
          currency: "usd",
          payment_status: "paid",
          payment_intent: pi,
          metadata,
        }),
      ),
    );
  }
  const duplicates = shuffle([...unique], 7).slice(0, total - unique.length);
  return { unique: unique.length, deliveries: shuffle([...unique, ...duplicates]) };
}

async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * Stripe signs each delivery attempt when it sends it (the timestamp in Stripe-Signature is the
 * attempt's), and the receiver refuses signatures older than 300 s: so the bench signs at delivery,
 * in the baseline too, rather than replaying headers signed before a run of several minutes.
 */
const signedNow = (delivery: Delivery) =>
  signStripeWebhook(delivery.body, process.env.STRIPE_WEBHOOK_SECRET ?? "");

async function deliver(delivery: Delivery): Promise<number> {
  const request = new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signedNow(delivery) },
    body: delivery.body,
  });
  const response = (await action({ request, params: {}, context: {} } as ActionFunctionArgs)) as Response;
  await response.arrayBuffer();
  return response.status;
}

async function measure(bench: Bench, label: string) {
  const total = bench.size(10_000, 200, "BENCH_WEBHOOKS");
  const concurrency = bench.size(8, 4, "BENCH_CONCURRENCY");
  const amount = 2_000_000;
  await getDatabase().withConnection((sql) => migrate(sql));
  await insertEconomies(db());
  const standIn = new StripeStandIn();
  process.env.STRIPE_WEBHOOK_SECRET = standIn.webhookSecret;
  // 20 % of the deliveries are duplicates: 80 % unique events, two per deal.
  const dealIds = await createDeals(Math.round((total * 0.8) / 2), BigInt(amount));
  const { unique, deliveries } = makeDeliveries(standIn, dealIds, total, amount);
  console.log(
    `${label}: ${deliveries.length.toLocaleString("en")} deliveries (${unique.toLocaleString("en")} events, ${(deliveries.length - unique).toLocaleString("en")} duplicates) for ${dealIds.length.toLocaleString("en")} deals, ${concurrency} at a time`,
  );

  // Baseline: check the signature and store the event once, nothing else.
  await db().$executeRawUnsafe(`CREATE TABLE bench_event (id text PRIMARY KEY, payload jsonb NOT NULL)`);
  let started = performance.now();
  await inParallel(deliveries, concurrency, async (d) => {
    const event = verifyStripeWebhook(d.body, signedNow(d));
    if (!event) throw new Error("the baseline's signature check failed");
    await db()
      .$executeRaw`INSERT INTO bench_event (id, payload) VALUES (${event.id}, ${d.body}::jsonb) ON CONFLICT DO NOTHING`;
  });
  const baselineSeconds = (performance.now() - started) / 1000;

  const statuses = new Map<number, number>();
  started = performance.now();
  await inParallel(deliveries, concurrency, async (d) => {
    const status = await deliver(d);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const seconds = (performance.now() - started) / 1000;
  const rate = deliveries.length / seconds;
  const baseRate = deliveries.length / baselineSeconds;
  console.log(
    `${label}: webhooks       ${rate.toFixed(0).padStart(6)} deliveries/s  (${seconds.toFixed(1)} s)`,
  );
  console.log(
    `${label}: store only     ${baseRate.toFixed(0).padStart(6)} deliveries/s  (${baselineSeconds.toFixed(1)} s; webhooks reach ${((rate / baseRate) * 100).toFixed(0)} % of it)`,
  );

  bench.check(
    `${label}: every delivery answered 200`,
    statuses.get(200) === deliveries.length,
    JSON.stringify(Object.fromEntries(statuses)),
  );
  const stored = await db().webhookEvent.count();
  bench.check(`${label}: every event stored once (${stored})`, stored === unique);
  const funded = await db().deal.count({ where: { id: { in: dealIds }, status: "funded" } });
  bench.check(`${label}: every deal funded (${funded} of ${dealIds.length})`, funded === dealIds.length);
  const perDeal = await db().ledgerTransaction.groupBy({
    by: ["dealId"],
    where: { kind: "payment_received" },
    _count: { _all: true },
  });
  const twice = perDeal.filter((r) => r._count._all !== 1).length;
  bench.check(
    `${label}: one payment_received per deal (${perDeal.length} deals, ${twice} with more than one)`,
    perDeal.length === dealIds.length && twice === 0,
  );
  const cash = await db().ledgerPosting.aggregate({
    where: { account: "stripe_clearing" },
    _sum: { amountMinor: true },
  });
  const expected = BigInt(amount) * BigInt(dealIds.length);
  bench.check(
    `${label}: money in equals the deals' totals`,
    cash._sum.amountMinor === expected,
    `${cash._sum.amountMinor} ≠ ${expected}`,
  );
  const exceptions = await db().paymentException.count();
  bench.check(`${label}: no exception recorded (${exceptions})`, exceptions === 0);
}

export default async function run(bench: Bench) {
  // The fixture accounts start sessions, which need the secret the server would resolve.
  process.env.SESSION_SECRET ??= "bench-session-secret-at-least-32-characters-long";
  await closeDatabase();
  await withScratchDatabase(bench, "PostgreSQL", async (url: string) => {
    process.env.DATABASE_URL = url;
    await measure(bench, "PostgreSQL");
  });
}
