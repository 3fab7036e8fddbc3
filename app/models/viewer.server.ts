import { betweenWrites } from "~/utils/between-writes.server.ts";
import { unreadCount } from "./notification.server.ts";

// Every signed-in page counts the bell's unread notices; a new notice or a read one is a write, so
// on the embedded database the count is kept between writes (ADR 070).
const unreadCounts = betweenWrites<number>({ until: () => Number.POSITIVE_INFINITY, maxEntries: 10_000 });

/** Who the page header names (from the actor resolver, ~/auth/actor.server.ts). */
export interface HeaderPerson {
  userId: string;
  name: string;
  email: string;
  isPlatformAdmin: boolean;
  organizationName: string | null;
  capabilities: readonly string[];
}

/** What the page header shows of whoever is looking: who they are and the bell's unread count. */
export async function headerViewer({ userId, capabilities, ...person }: HeaderPerson) {
  return {
    ...person,
    capabilities: [...capabilities],
    // One count on the (userId, readAt) index.
    unreadNotifications: (await unreadCounts.get(userId, () => unreadCount(userId))) ?? 0,
  };
}
