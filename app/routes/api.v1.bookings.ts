import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { CreateBookingBody } from "~/api/booking-api.server.ts";
import {
  apiHandler,
  failureProblem,
  json,
  problem,
  readJsonBody,
  validationProblem,
} from "~/api/http.server.ts";
import { requireApiActor } from "~/auth/actor.server.ts";
import { requestBooking } from "~/models/capacity-booking.server.ts";
import {
  type BookingRole,
  listBookingsOfOrganization,
  toBookingJson,
} from "~/models/capacity-booking-list.server.ts";

const ROLES: readonly BookingRole[] = ["seller", "facility"];

/** GET /api/v1/bookings: what the caller asked for as a seller and received at its facilities. */
export async function loader({ request }: LoaderFunctionArgs) {
  return apiHandler(async () => {
    const caller = await requireApiActor(request);
    const role = new URL(request.url).searchParams.get("role");
    if (role !== null && !(ROLES as readonly string[]).includes(role))
      return validationProblem({ role: "Use seller or facility, or leave it out for both." });
    const bookings = await listBookingsOfOrganization(caller.organization.id, {
      role: (role as BookingRole | null) ?? undefined,
    });
    return json({ bookings: bookings.map(toBookingJson) });
  });
}

/** POST /api/v1/bookings: the seller asks to book a window for one of its lots. */
export async function action({ request }: ActionFunctionArgs) {
  return apiHandler(async () => {
    if (request.method !== "POST")
      return problem(405, "Use POST to request a booking.", {
        code: "METHOD_NOT_ALLOWED",
        headers: { Allow: "GET, POST" },
      });
    const caller = await requireApiActor(request, { capability: "seller" });
    const body = await readJsonBody(request, CreateBookingBody);
    const result = await requestBooking({
      sellerOrganizationId: caller.organization.id,
      userId: caller.userId,
      capacityWindowId: body.capacityWindowId,
      lotId: body.lotId,
    });
    if (!result.ok) return failureProblem(result);
    return json(toBookingJson(result.booking), {
      status: 201,
      headers: { Location: `/api/v1/bookings/${result.booking.id}` },
    });
  });
}
