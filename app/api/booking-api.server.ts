import { z } from "zod";
import type { BookingFailure } from "~/models/capacity-booking.server.ts";
import { problem } from "./http.server.ts";

/**
 * JSON bodies of the bookings API and how a refused booking answers: problem+json with the
 * booking rule's stable code and every reason in `detail`.
 */

export const CreateBookingBody = z
  .object({
    capacityWindowId: z
      .string({ required_error: "Name the capacity window to book." })
      .uuid("Use the window's id."),
    lotId: z.string({ required_error: "Name the lot to book." }).uuid("Use the lot's id."),
  })
  .strict();

export const DeclineBookingBody = z
  .object({ note: z.string().max(500, "Use at most 500 characters.").nullable().optional() })
  .strict();

const STATUS: Partial<Record<BookingFailure["code"], number>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  NOT_YOUR_LOT: 403,
};

export function bookingFailureStatus(code: BookingFailure["code"]): number {
  return STATUS[code] ?? 409;
}

export function bookingProblem(failure: BookingFailure): Response {
  const detail = failure.blockers?.map((b) => b.message).join(" ") ?? failure.message;
  return problem(bookingFailureStatus(failure.code), failure.message, { code: failure.code, detail });
}
