import { z } from "zod";
import { DISPUTE_REASONS, PROPOSAL_KINDS } from "~/domain/deals/disputes.ts";

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

export const ProposalBody = z
  .object({
    kind: z.enum(PROPOSAL_KINDS, {
      errorMap: () => ({ message: `Use one of ${PROPOSAL_KINDS.join(", ")}.` }),
    }),
    amountMinor: amountMinor.optional(),
    note: note.optional(),
  })
  .strict();

const DECISION_KINDS = ["price_adjustment", "partial_refund", "return"] as const;
export const DecisionBody = z
  .object({
    kind: z.enum(DECISION_KINDS, {
      errorMap: () => ({ message: `Use one of ${DECISION_KINDS.join(", ")}.` }),
    }),
    amountMinor: amountMinor.optional(),
    note: note.optional(),
  })
  .strict();
