import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireActor } from "~/auth/actor.server.ts";
import { openNotification } from "~/models/notification.server.ts";
import { safeRedirect } from "~/utils/session.server.ts";

/**
 * Opening a notification: marks it read and goes to what it is about (a link in the app, never
 * elsewhere). A GET so it works as a plain link from the list; marking read twice is harmless.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireActor(request);
  const opened = await openNotification(user.id, params.notificationId ?? "");
  if (!opened) throw new Response("There is no such notification.", { status: 404 });
  return redirect(safeRedirect(opened.link, "/notifications"));
}
