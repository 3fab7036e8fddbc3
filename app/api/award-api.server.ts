import { z } from "zod";

/** Bodies of the award endpoints of API v1 and the API names of the award model's fields. */

const reason = z.string({ required_error: "Required.", invalid_type_error: "Send the reason as text." });

export const DeclineAwardBody = z.object({ reason }).strict();

export const AwardSealedBody = z
  .object({ bidId: z.string({ required_error: "Required." }).uuid("Send the bid's id (a UUID)."), reason })
  .strict();

export const DeclineRequestBody = z.object({ note: z.string().nullable().optional() }).strict();

const Money = z
  .object({
    amountMinor: z
      .number({ invalid_type_error: "Send a number of minor units, not text." })
      .int("Use a whole number of minor units.")
      .positive("Use a positive amount.")
      .safe(),
    currency: z.string().regex(/^[A-Z]{3}$/, "Send an ISO 4217 code such as AUD."),
  })
  .strict();

export const RelistBody = z
  .object({
    closesAt: z.string({ required_error: "Required." }).datetime({
      offset: true,
      message: "Send an ISO 8601 date-time with a time zone, e.g. 2026-12-01T12:00:00Z.",
    }),
    startingPrice: Money.optional(),
    /** null removes the reserve; left out keeps it. */
    reservePrice: Money.nullable().optional(),
  })
  .strict();

/** The model names some fields by their value; the API names the JSON member (failureProblem's `fields`). */
export const AWARD_API_FIELDS: Readonly<Record<string, string>> = {
  startingPrice: "startingPrice.amountMinor",
  reserve: "reservePrice.amountMinor",
};

/** An optional JSON body: empty is fine, anything else must be valid. */
export async function hasBody(request: Request): Promise<boolean> {
  return (await request.clone().text()).trim() !== "";
}
