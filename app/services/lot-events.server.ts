import { EventEmitter } from "node:events";
import {
  LOT_EVENTS_CHANNEL,
  type LotEvent,
  type NotificationEvent,
  organizationShipmentsTopic,
  shipmentTopic,
  userNotificationsTopic,
} from "~/domain/lot-events.ts";
import { getDatabase } from "~/utils/db.server.ts";

/**
 * Live lot pages: one LISTEN on "lot_events" per process, fanned out in-process to the open
 * event streams of each lot. PostgreSQL delivers every commit's NOTIFY to every instance, so a bid
 * placed through one instance reaches viewers connected to another; PGlite delivers in-process.
 *
 * Each event costs one re-read of the lot's public state, shared by all of the lot's viewers, and
 * bursts coalesce: a lot is re-read at most once per COALESCE_MS, after the burst's first event,
 * and once more if events arrived while it was being read.
 *
 * What a lot's state is, and how to read it, is the subscriber's: the first subscriber of a lot
 * hands in the reader (the route passes the bidding model's liveAuction), so this service never
 * imports a model (layer rules, ADR 015).
 */

export const COALESCE_MS = 50;

/** Reads a lot's current public state; null when the lot is gone. */
export type LotReader<T> = (lotId: string) => Promise<T | null>;
export type LiveListener<T> = (update: T) => void;

interface LotState {
  read: LotReader<unknown>;
  timer: NodeJS.Timeout | null;
  reading: boolean;
  again: boolean;
}

class LotEventHub {
  private readonly emitter = new EventEmitter();
  private readonly lots = new Map<string, LotState>();
  private unlisten: Promise<() => Promise<void>> | null = null;
  private closed = false;
  /** Called on close so open streams can end (and the HTTP server can shut down). */
  private readonly closers = new Set<() => void>();

  constructor() {
    // Hundreds of viewers on one lot are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  private start() {
    this.unlisten ??= getDatabase()
      .listen(LOT_EVENTS_CHANNEL, (payload) => this.onNotification(payload))
      .catch((error) => {
        // Let the next subscriber try again rather than caching the failure.
        this.unlisten = null;
        throw error;
      });
    return this.unlisten;
  }

  private onNotification(payload: string | null) {
    if (payload === null) {
      // Reconnected after a lost connection: whatever happened meanwhile, refresh every lot.
      for (const lotId of this.lots.keys()) this.schedule(lotId);
      return;
    }
    let parsed: LotEvent | NotificationEvent;
    try {
      parsed = JSON.parse(payload) as LotEvent | NotificationEvent;
    } catch {
      return;
    }
    if (parsed?.kind === "notification") {
      for (const userId of Array.isArray(parsed.userIds) ? parsed.userIds : []) {
        const bell = userNotificationsTopic(String(userId));
        if (this.emitter.listenerCount(bell) > 0) this.schedule(bell);
      }
      return;
    }
    const event = parsed as LotEvent;
    if (typeof event?.lotId === "string" && this.emitter.listenerCount(event.lotId) > 0) {
      this.schedule(event.lotId);
    }
    if (typeof event?.shipmentId === "string") {
      const topic = shipmentTopic(event.shipmentId);
      if (this.emitter.listenerCount(topic) > 0) this.schedule(topic);
      for (const organizationId of Array.isArray(event.organizationIds) ? event.organizationIds : []) {
        const page = organizationShipmentsTopic(String(organizationId));
        if (this.emitter.listenerCount(page) > 0) this.schedule(page);
      }
    }
  }

  private schedule(lotId: string) {
    const state = this.lots.get(lotId);
    if (!state) return;
    if (state.timer) return; // the pending read will see this event too
    if (state.reading) {
      // The read under way may have started before this event's commit: read once more after it.
      state.again = true;
      return;
    }
    state.timer = setTimeout(() => void this.refresh(lotId), COALESCE_MS);
  }

  private async refresh(lotId: string) {
    const state = this.lots.get(lotId);
    if (!state) return;
    state.timer = null;
    state.reading = true;
    state.again = false;
    try {
      const update = await state.read(lotId);
      if (update && !this.closed) this.emitter.emit(lotId, update);
    } catch (error) {
      console.error("live lot update failed", error);
    } finally {
      state.reading = false;
      if (state.again && this.lots.has(lotId)) this.schedule(lotId);
    }
  }

  /**
   * Subscribes to a lot's updates; starts the process's LISTEN on first use. `onClose` is called if
   * the hub shuts down. Returns the unsubscribe function.
   */
  async subscribe<T>(
    lotId: string,
    read: LotReader<T>,
    listener: LiveListener<T>,
    onClose: () => void,
  ): Promise<() => void> {
    if (this.closed) throw new Error("Live lot updates are shut down.");
    await this.start();
    if (!this.lots.has(lotId)) this.lots.set(lotId, { read, timer: null, reading: false, again: false });
    this.emitter.on(lotId, listener as LiveListener<unknown>);
    this.closers.add(onClose);
    return () => {
      this.emitter.off(lotId, listener as LiveListener<unknown>);
      this.closers.delete(onClose);
      if (this.emitter.listenerCount(lotId) === 0) {
        const state = this.lots.get(lotId);
        if (state?.timer) clearTimeout(state.timer);
        this.lots.delete(lotId);
      }
    };
  }

  async close() {
    this.closed = true;
    for (const state of this.lots.values()) if (state.timer) clearTimeout(state.timer);
    this.lots.clear();
    for (const close of [...this.closers]) close();
    this.closers.clear();
    this.emitter.removeAllListeners();
    const unlisten = this.unlisten;
    this.unlisten = null;
    if (unlisten) await (await unlisten.catch(() => async () => {}))();
  }
}

// One hub per process, shared by server.ts and the Remix build's copy of this module.
const globalForHub = globalThis as unknown as { packloopLotEvents?: LotEventHub };

function hub(): LotEventHub {
  globalForHub.packloopLotEvents ??= new LotEventHub();
  return globalForHub.packloopLotEvents;
}

/**
 * Follows a lot: `read` is called once per burst of the lot's events (shared by all of its
 * subscribers) and each subscriber gets what it returns. `onClose` is called if the hub shuts down.
 */
export function subscribeToLot<T>(
  lotId: string,
  read: LotReader<T>,
  listener: LiveListener<T>,
  onClose: () => void = () => {},
) {
  return hub().subscribe(lotId, read, listener, onClose);
}

/**
 * Follows a shipment: the same channel and hub as lots (a milestone is published as a lot event
 * naming the shipment), under the shipment's own key so its readers never mix with the lot page's.
 */
export function subscribeToShipment<T>(
  shipmentId: string,
  read: (shipmentId: string) => Promise<T | null>,
  listener: LiveListener<T>,
  onClose: () => void = () => {},
) {
  return hub().subscribe(shipmentTopic(shipmentId), () => read(shipmentId), listener, onClose);
}

/**
 * Follows every shipment an organisation is on (its /shipments page): the same channel, under the
 * organisation's own key; a milestone's event names the organisations on its shipment.
 */
export function subscribeToOrganizationShipments<T>(
  organizationId: string,
  read: (organizationId: string) => Promise<T | null>,
  listener: LiveListener<T>,
  onClose: () => void = () => {},
) {
  return hub().subscribe(
    organizationShipmentsTopic(organizationId),
    () => read(organizationId),
    listener,
    onClose,
  );
}

/**
 * Follows one user's notifications (the header's bell): the same channel, under the user's own key;
 * a notice written or read publishes the users it concerns (notification.server.ts).
 */
export function subscribeToUserNotifications<T>(
  userId: string,
  read: (userId: string) => Promise<T | null>,
  listener: LiveListener<T>,
  onClose: () => void = () => {},
) {
  return hub().subscribe(userNotificationsTopic(userId), () => read(userId), listener, onClose);
}

/** Ends every open stream and the LISTEN; on shutdown, before the database closes. */
export async function closeLotEvents(): Promise<void> {
  const current = globalForHub.packloopLotEvents;
  globalForHub.packloopLotEvents = undefined;
  await current?.close();
}
