import { LOT_EVENTS_CHANNEL, type LotEvent, SALE_CHANGES } from "~/domain/lot-events.ts";
import type { DbClient } from "~/utils/db.server.ts";
import { forgetLotSale } from "./lot-sale-cache.server.ts";

/**
 * Publishes a lot event with pg_notify inside the transaction that made the change, so PostgreSQL
 * delivers it only after the commit (and never for a rolled-back bid), to every server instance
 * listening on the channel. PGlite delivers NOTIFY to its own listeners in-process.
 */
export async function publishLotEvent(tx: DbClient, event: LotEvent): Promise<void> {
  // A sale that changed other than by a bid must not be judged from this process's cache of it.
  if (SALE_CHANGES.has(event.kind)) forgetLotSale(event.lotId);
  await tx.$executeRaw`SELECT pg_notify(${LOT_EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}
