/**
 * The live lot-event protocol: what a change to a lot's sale announces on the "lot_events"
 * channel (pg_notify on PostgreSQL, in-process on PGlite). Shared by the models that publish and the
 * service that listens, so neither imports the other. The payload is small on purpose (NOTIFY caps
 * it at 8,000 bytes): listeners re-read the lot's public state once per event and fan it out.
 */
export const LOT_EVENTS_CHANNEL = "lot_events";

export type LotEventKind =
  | "bid"
  | "closed"
  | "award"
  | "relisted"
  | "purchase_request"
  | "question"
  | "withdrawn"
  | "shipment";

/** Kinds that change a sale other than by a bid (a process's cached view of the sale is dropped). */
export const SALE_CHANGES: ReadonlySet<LotEventKind> = new Set<LotEventKind>([
  "closed",
  "award",
  "relisted",
  "withdrawn",
]);

export interface LotEvent {
  lotId: string;
  kind: LotEventKind;
  /** The bid log sequence after a bid, so a client can tell it missed nothing. */
  sequence?: number;
  /** A shipment's milestone: its followers (subscribeToShipment) are told too. */
  shipmentId?: string;
  /** With a shipment's milestone: the organisations on it, whose /shipments pages follow it. */
  organizationIds?: string[];
}

/** The hub's key for a shipment's followers: they share the lot channel, not the lot's readers. */
export function shipmentTopic(shipmentId: string): string {
  return `shipment:${shipmentId}`;
}

/** The hub's key for an organisation's shipments page: any milestone on any shipment it is on. */
export function organizationShipmentsTopic(organizationId: string): string {
  return `shipments-of:${organizationId}`;
}

/**
 * New or read notifications of some users, on the same channel (the header's bell follows it). Its
 * own shape, without a lotId, so lot pages never re-read for it.
 */
export interface NotificationEvent {
  kind: "notification";
  userIds: string[];
}

/** User ids per NotificationEvent: 100 uuids keep the payload far below NOTIFY's 8,000 bytes. */
export const NOTIFICATION_EVENT_USERS = 100;

/** The hub's key for one user's bell. */
export function userNotificationsTopic(userId: string): string {
  return `notifications-of:${userId}`;
}
