import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { bellState } from "~/models/notification.server.ts";
import { subscribeToUserNotifications } from "~/services/lot-events.server.ts";
import { liveEventStream } from "~/utils/event-stream.server.ts";

/**
 * GET /notifications/events: Server-Sent Events for the header's bell. Each message is `event:
 * bell` with {unread, at}, sent on connect and whenever a notice of the viewer's is written or read
 * (by any server instance: the lot events channel), so the count rises without a reload.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const userId = actor.user.id;
  return liveEventStream(request, {
    subscribe: (push, end) => subscribeToUserNotifications(userId, bellState, push, end),
    read: () => bellState(userId),
    event: "bell",
    order: (update) => update.at,
    notFound: "No notifications.",
  });
}
