import type { DbClient } from "~/utils/db.server.ts";
import { forgetLotSale } from "./lot-sale-cache.server.ts";

/**
 * Lot events for live pages. Published with pg_notify inside the transaction that made the change,
 * so PostgreSQL delivers them only after the commit (and never for a rolled-back bid), to every
 * server instance listening on the channel. PGlite delivers NOTIFY to its own listeners in-process.
 * The payload is small on purpose (NOTIFY caps it at 8,000 bytes): listeners re-read the lot's
 * public auction state once per event and fan it out.
 */
export const LOT_EVENTS_CHANNEL = "lot_events";

export type LotEventKind =
  | "bid"
  | "closed"
  | "award"
  | "relisted"
  | "purchase_request"
  | "question"
  | "withdrawn";

const SALE_CHANGES = new Set<LotEventKind>(["closed", "award", "relisted", "withdrawn"]);

export interface LotEvent {
  lotId: string;
  kind: LotEventKind;
  /** The bid log sequence after a bid, so a client can tell it missed nothing. */
  sequence?: number;
}

export async function publishLotEvent(tx: DbClient, event: LotEvent): Promise<void> {
  // A sale that changed other than by a bid must not be judged from this process's cache of it.
  if (SALE_CHANGES.has(event.kind)) forgetLotSale(event.lotId);
  await tx.$executeRaw`SELECT pg_notify(${LOT_EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}
