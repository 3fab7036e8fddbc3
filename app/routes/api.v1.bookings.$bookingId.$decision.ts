import type { ActionFunctionArgs } from "@remix-run/node";
import { DeclineBookingBody } from "~/api/booking-api.server.ts";
import { apiHandler, failureProblem, json, problem, readJsonBody } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { parseDecisionNote } from "~/domain/booking.ts";
import { acceptBooking, cancelBooking, declineBooking } from "~/models/capacity-booking.server.ts";
import { toBookingJson } from "~/models/capacity-booking-list.server.ts";

const DECISIONS = ["accept", "decline", "cancel"] as const;

/**
 * POST /api/v1/bookings/{id}/accept | /decline {note?} | /cancel. The recycler owning the facility
 * accepts or declines; the seller cancels. Who may do what is the booking model's decision.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const decision = params.decision ?? "";
    if (!(DECISIONS as readonly string[]).includes(decision))
      return problem(404, "No such booking action.", { code: "NOT_FOUND" });
    if (request.method !== "POST")
      return problem(405, `Use POST to ${decision} a booking.`, {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "POST" },
      });
    const caller = await requireApiActor(request);
    const input = {
      organizationId: caller.organization.id,
      userId: caller.userId,
      bookingId: params.bookingId ?? "",
    };
    let result: Awaited<ReturnType<typeof acceptBooking>>;
    if (decision === "accept") result = await acceptBooking(input);
    else if (decision === "cancel") result = await cancelBooking(input);
    else {
      // The note is optional, so an empty body is fine; a body that is there must be valid.
      const hasBody = (await request.clone().text()).trim() !== "";
      const body = hasBody ? await readJsonBody(request, DeclineBookingBody) : {};
      const note = parseDecisionNote(body.note);
      if (!note.ok) return failureProblem(note);
      result = await declineBooking({ ...input, note: note.note });
    }
    if (!result.ok) return failureProblem(result);
    return json(toBookingJson(result.booking));
  });
}

export async function loader() {
  return problem(405, "Use POST.", { code: "METHOD_NOT_ALLOWED", headers: { Allow: "POST" } });
}
