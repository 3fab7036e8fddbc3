import { unreadCount } from "./notification.server.ts";

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
    unreadNotifications: await unreadCount(userId),
  };
}
