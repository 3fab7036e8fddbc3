import { CreateBookingBody, DeclineBookingBody } from "../booking-api.server.ts";
import { jsonResponse, type OpenApiFragment, problemResponse, ref, uuidPathParameter } from "./common.ts";
import { schemaFromZod } from "./from-zod.ts";

const idParameter = uuidPathParameter("id");

const REFUSALS =
  "The booking rules refused; `code` is one of NOT_YOUR_LOT (403), LOT_NOT_BOOKABLE, WINDOW_IN_PAST, " +
  "WINDOW_BEFORE_AVAILABLE, CHEMISTRY_NOT_ACCEPTED, FORM_NOT_ACCEPTED, CONDITION_NOT_ACCEPTED, " +
  "INSUFFICIENT_CAPACITY or ALREADY_BOOKED, and `detail` gives every reason";

const decision = (operationId: string, summary: string, who: string, body?: Record<string, unknown>) => ({
  post: {
    operationId,
    summary,
    description: who,
    parameters: [idParameter],
    ...(body ? { requestBody: { required: false, content: { "application/json": { schema: body } } } } : {}),
    responses: {
      200: jsonResponse("The booking after the change", ref("Booking")),
      400: problemResponse("The body is invalid; `errors` names each field"),
      401: problemResponse("No valid credentials"),
      403: problemResponse("FORBIDDEN: the caller is not the party who may do this"),
      404: problemResponse("No such booking, or the caller is no party to it"),
      409: problemResponse(
        "BOOKING_NOT_PENDING (already decided or cancelled), INSUFFICIENT_CAPACITY, WINDOW_IN_PAST, " +
          "LOT_NOT_BOOKABLE or BOOKING_HELD_BY_AWARD",
      ),
    },
  },
});

export const bookingsApi: OpenApiFragment = {
  paths: {
    "/api/v1/bookings": {
      get: {
        operationId: "listBookings",
        summary: "Bookings the caller's organisation asked for as a seller and received at its facilities",
        parameters: [
          {
            name: "role",
            in: "query",
            description: "seller: bookings the organisation asked for; facility: requests to its facilities.",
            schema: { type: "string", enum: ["seller", "facility"] },
          },
        ],
        responses: {
          200: jsonResponse("Newest first", {
            type: "object",
            required: ["bookings"],
            properties: { bookings: { type: "array", items: ref("Booking") } },
          }),
          400: problemResponse("An unknown role"),
          401: problemResponse("No valid credentials"),
        },
      },
      post: {
        operationId: "requestBooking",
        summary:
          "Ask to book a facility's capacity window for one of the caller's lots, at the window's price",
        description:
          "Needs the seller capability. The booking is `requested` until the facility's organisation " +
          "accepts (which reserves the lot's mass in the window) or declines.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: schemaFromZod(CreateBookingBody),
            },
          },
        },
        responses: {
          201: jsonResponse("The booking, requested", ref("Booking")),
          400: problemResponse("The body is invalid; `errors` names each field"),
          401: problemResponse("No valid credentials"),
          403: problemResponse("CAPABILITY_REQUIRED (not a seller) or NOT_YOUR_LOT"),
          404: problemResponse("No such capacity window or lot"),
          409: problemResponse(REFUSALS),
        },
      },
    },
    "/api/v1/bookings/{id}": {
      get: {
        operationId: "getBooking",
        summary: "One booking, for the seller that asked or the facility's organisation",
        parameters: [idParameter],
        responses: {
          200: jsonResponse("The booking", ref("Booking")),
          401: problemResponse("No valid credentials"),
          404: problemResponse("No such booking, or the caller is no party to it"),
        },
      },
    },
    "/api/v1/bookings/{id}/accept": decision(
      "acceptBooking",
      "Accept a requested booking",
      "For the facility's organisation. Adds the lot's mass to the window's booked tonnes, never beyond its capacity.",
    ),
    "/api/v1/bookings/{id}/decline": decision(
      "declineBooking",
      "Decline a requested booking",
      "For the facility's organisation; the optional note reaches the seller.",
      schemaFromZod(DeclineBookingBody),
    ),
    "/api/v1/bookings/{id}/cancel": decision(
      "cancelBooking",
      "Cancel a booking",
      "For the seller that asked: a requested booking, or an accepted one, whose tonnes go back to the window.",
    ),
  },
  schemas: {
    Booking: {
      type: "object",
      required: ["id", "status", "capacityWindowId", "month", "facility", "lot", "seller", "massKg", "total"],
      properties: {
        id: { type: "string", format: "uuid" },
        status: { type: "string", enum: ["requested", "accepted", "declined", "cancelled"] },
        capacityWindowId: { type: "string", format: "uuid" },
        month: { type: "string", pattern: "^\\d{4}-\\d{2}$" },
        facility: {
          type: "object",
          properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
        },
        lot: {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" },
            reference: { type: "string", examples: ["PL-000123"] },
            title: { type: "string" },
          },
        },
        seller: {
          type: "object",
          properties: { id: { type: "string", format: "uuid" }, name: { type: "string" } },
        },
        massKg: { type: "integer" },
        tonnes: { type: "number" },
        pricePerTonne: ref("Money"),
        total: { ...ref("Money"), description: "pricePerTonne × tonnes, rounded to the minor unit" },
        priceKind: {
          type: "string",
          enum: ["payable", "gate_fee"],
          description: "payable: the recycler pays the seller; gate_fee: the seller pays the recycler",
        },
        awardId: {
          type: ["string", "null"],
          format: "uuid",
          description: "Set when the booking reserves capacity for an award",
        },
        decisionNote: { type: ["string", "null"] },
        decidedAt: { type: ["string", "null"], format: "date-time" },
        createdAt: { type: "string", format: "date-time" },
      },
    },
  },
};
