import { z } from "zod";
import { DECISION_NOTE_TOO_LONG, MAX_DECISION_NOTE_LENGTH } from "~/domain/booking.ts";

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
  // The limit and its words are the one reader's (parseDecisionNote), which the handler runs after
  // this; they are stated here too so the OpenAPI document shows maxLength.
  .object({ note: z.string().max(MAX_DECISION_NOTE_LENGTH, DECISION_NOTE_TOO_LONG).nullable().optional() })
  .strict();
