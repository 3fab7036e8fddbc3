import { z } from "zod";
import type { Actor } from "~/auth/actor.server.ts";
import { DEAL_STATUSES, type DealStatus } from "~/domain/deals/deal-state.ts";
import { DEAL_LIST_ROLES, type DealListRole, type DealViewer } from "~/models/deals/deal-read.server.ts";
import { validationProblem } from "./http.server.ts";

/**
 * JSON bodies and query parameters of the deals API (issue 11 item 8). A manual wire is recorded
 * by a platform admin with the amount in minor units, the bank reference and the day it arrived;
 * the reference also makes the record idempotent (the same wire entered twice is recorded once).
 */

export const RecordPaymentBody = z
  .object({
    amount: z
      .object({
        amountMinor: z
          .number({ required_error: "Give the amount in minor units." })
          .int("Use whole minor units.")
          .positive("The amount must be more than zero."),
        currency: z
          .string({ required_error: "Give the currency." })
          .regex(/^[A-Z]{3}$/, "Use the ISO 4217 code, e.g. AUD."),
      })
      .strict(),
    reference: z
      .string({ required_error: "Give the bank reference of the transfer." })
      .trim()
      .min(1, "Give the bank reference of the transfer.")
      .max(140, "Use at most 140 characters."),
    receivedAt: z
      .string({ required_error: "Give the date the money arrived." })
      .datetime({ offset: true, message: "Use an ISO 8601 date-time, e.g. 2026-12-06T10:00:00Z." }),
  })
  .strict();

export function dealViewerOf(actor: Actor | null): DealViewer {
  return { organizationId: actor?.organizationId ?? null, isPlatformAdmin: actor?.isPlatformAdmin ?? false };
}

/** `role` and `status` of GET /api/v1/deals, or a 400 naming the bad one. */
export function readDealFilter(params: URLSearchParams): {
  role: DealListRole | null;
  status: DealStatus | null;
} {
  const role = params.get("role");
  const status = params.get("status");
  const errors: Record<string, string> = {};
  if (role !== null && !(DEAL_LIST_ROLES as readonly string[]).includes(role))
    errors.role = `Use one of ${DEAL_LIST_ROLES.join(", ")}.`;
  if (status !== null && !(DEAL_STATUSES as readonly string[]).includes(status))
    errors.status = `Use one of ${DEAL_STATUSES.join(", ")}.`;
  if (Object.keys(errors).length) throw validationProblem(errors);
  return { role: role as DealListRole | null, status: status as DealStatus | null };
}

/** The idempotency key of a manual wire: its deal and bank reference. */
export const manualWireKey = (dealId: string, direction: "in" | "out", reference: string) =>
  `wire:${direction}:${dealId}:${reference.trim().toUpperCase()}`;
