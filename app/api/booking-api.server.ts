import { z } from "zod";

/**
 * JSON bodies of the bookings API. A refused booking answers with failureProblem: the booking
 * rule's stable code, every reason in `detail` and `blockers`.
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
