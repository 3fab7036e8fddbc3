import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getActor } from "~/auth/actor.server.ts";
import { failureStatus } from "~/domain/failure.ts";
import { canWatchLot, setLotWatch } from "~/models/lot-watch.server.ts";
import { safeRedirect } from "~/utils/session.server.ts";

/** POST intent=watch|unwatch: follow or stop following a lot, then go back where the user was. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await getActor(request);
  const lotId = params.lotId ?? "";
  const back = `/lots/${lotId}`;
  if (!viewer) return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "watch" && intent !== "unwatch") {
    throw new Response('intent must be "watch" or "unwatch".', { status: 400 });
  }
  const allowed = await canWatchLot(viewer.organizationId, lotId);
  // Unwatching is always allowed for a lot one can see (e.g. after joining the seller's team).
  if (!allowed.ok && (intent === "watch" || allowed.code === "NOT_FOUND")) {
    throw new Response(allowed.message, { status: failureStatus(allowed.code) });
  }
  await setLotWatch(viewer.userId, lotId, intent === "watch");
  return redirect(safeRedirect(form.get("redirectTo"), back));
}

export function loader({ params }: { params: { lotId?: string } }) {
  return redirect(`/lots/${params.lotId ?? ""}`);
}
