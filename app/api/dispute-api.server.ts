import { z } from "zod";
import { DISPUTE_REASONS, PROPOSAL_KINDS } from "~/domain/deals/disputes.ts";
import { PAYABLE_METALS } from "~/domain/deals/settlement.ts";

/**
 * JSON bodies of the disputes API (issue 11 items 6 and 8, ADR 026). Amounts are whole minor units
 * of the deal's currency; which kinds need an amount is checked by the model (checkProposal) and
 * refused as 400 VALIDATION naming `amountMinor`.
 */

export const OpenDisputeBody = z
  .object({
    reason: z.enum(DISPUTE_REASONS, {
      errorMap: () => ({ message: `Use one of ${DISPUTE_REASONS.join(", ")}.` }),
    }),
    description: z
      .string({ required_error: "Say what is wrong." })
      .min(1, "Say what is wrong.")
      .max(4000, "Use at most 4,000 characters."),
  })
  .strict();

const amountMinor = z
  .number()
  .int("Use whole minor units.")
  .min(0, "The amount cannot be negative.")
  .max(Number.MAX_SAFE_INTEGER, "The amount is too large.");
const note = z.string().max(2000, "Use at most 2,000 characters.");

const ppm = z
  .number()
  .int("Use whole ppm (22.35 % = 223500).")
  .min(0, "Use whole ppm from 0 to 1,000,000.")
  .max(1_000_000, "Use whole ppm from 0 to 1,000,000.");
const exchanged = { sellerPpm: ppm, buyerPpm: ppm, splittingLimitPpm: ppm };

/** An umpire assay's exchange (ADR 030): both parties' results, the splitting limits, the payable terms. */
const AssayExchangeBody = z
  .object({
    wetKg: z.number().int("Use whole kilograms.").positive("The wet weight must be more than zero."),
    moisture: z.object(exchanged).strict(),
    metals: z
      .array(
        z
          .object({
            metal: z.enum(PAYABLE_METALS, {
              errorMap: () => ({ message: `Use one of ${PAYABLE_METALS.join(", ")}.` }),
            }),
            ...exchanged,
            payableBp: z.number().int().min(0).max(10_000, "Use basis points, 0–10,000."),
            priceMinorPerTonne: amountMinor,
          })
          .strict(),
      )
      .min(1, "Give at least one payable metal.")
      .max(PAYABLE_METALS.length),
  })
  .strict();

export const ProposalBody = z
  .object({
    kind: z.enum(PROPOSAL_KINDS, {
      errorMap: () => ({ message: `Use one of ${PROPOSAL_KINDS.join(", ")}.` }),
    }),
    amountMinor: amountMinor.optional(),
    note: note.optional(),
    assay: AssayExchangeBody.optional(),
  })
  .strict();

const DECISION_KINDS = ["price_adjustment", "partial_refund", "return", "umpire_result"] as const;
export const DecisionBody = z
  .object({
    kind: z.enum(DECISION_KINDS, {
      errorMap: () => ({ message: `Use one of ${DECISION_KINDS.join(", ")}.` }),
    }),
    amountMinor: amountMinor.optional(),
    note: note.optional(),
    /** umpire_result: the umpire's results for the quantities beyond their splitting limit. */
    umpire: z
      .object({
        moisturePpm: ppm.optional(),
        metals: z
          .object(
            Object.fromEntries(PAYABLE_METALS.map((m) => [m, ppm.optional()])) as Record<
              (typeof PAYABLE_METALS)[number],
              z.ZodOptional<typeof ppm>
            >,
          )
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The API's exchange in the domain's shape (prices as bigint). */
export function assayFromBody(body: z.infer<typeof AssayExchangeBody> | undefined) {
  if (!body) return null;
  return {
    ...body,
    metals: body.metals.map((m) => ({ ...m, priceMinorPerTonne: BigInt(m.priceMinorPerTonne) })),
  };
}
