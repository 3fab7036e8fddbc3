import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, json, problem } from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { getBookingForOrganization, toBookingJson } from "~/models/capacity-booking-list.server.ts";

/** GET /api/v1/bookings/{id}: for the seller that asked and the facility's organisation only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const booking = await getBookingForOrganization(params.bookingId ?? "", caller.organization.id);
    if (!booking) return problem(404, "No such booking.", { code: "NOT_FOUND" });
    return json(toBookingJson(booking));
  });
}
