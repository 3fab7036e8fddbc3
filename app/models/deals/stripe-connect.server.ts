// Stripe Connect for payees (issue 11 item 3, ADR 020): an Express connected account per
// organisation, onboarded through an account link from /settings/payouts; its status follows the
// account.updated webhook (stripe-webhooks.server.ts).
import { type Failure, fail } from "~/domain/failure.ts";
import type { StripeClient } from "~/services/stripe.server.ts";
import { db } from "~/utils/db.server.ts";

export type PayoutsStatus = "none" | "onboarding" | "enabled" | "restricted";

/** The payout status an account object shows. */
export function payoutsStatusOf(account: Record<string, unknown>): PayoutsStatus {
  const requirements = (account.requirements ?? {}) as Record<string, unknown>;
  if (account.payouts_enabled === true && account.charges_enabled !== false) return "enabled";
  if (requirements.disabled_reason && account.details_submitted === true) return "restricted";
  return "onboarding";
}

export async function payoutAccount(organizationId: string) {
  return db().organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, economyCode: true, stripeAccountId: true, stripePayoutsStatus: true },
  });
}

/**
 * The organisation's connected account (created once: the key is the organisation's id, so a double
 * click or a retry makes one account), then a fresh onboarding link for it.
 */
export async function startPayoutOnboarding(
  stripe: StripeClient,
  input: { organizationId: string; returnUrl: string; refreshUrl: string },
): Promise<{ ok: true; url: string } | Failure> {
  const org = await payoutAccount(input.organizationId);
  if (!org) return fail("NOT_FOUND", "There is no such organisation.");
  let accountId = org.stripeAccountId;
  if (!accountId) {
    const account = await stripe.accounts.create(
      {
        type: "express",
        country: org.economyCode,
        business_profile: { name: org.name },
        capabilities: { transfers: { requested: true } },
        metadata: { organizationId: org.id },
      },
      { idempotencyKey: `connect-account:${org.id}` },
    );
    accountId = account.id;
    await db().organization.updateMany({
      where: { id: org.id, stripeAccountId: null },
      data: { stripeAccountId: accountId, stripePayoutsStatus: "onboarding" },
    });
  }
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    return_url: input.returnUrl,
    refresh_url: input.refreshUrl,
  });
  return { ok: true, url: link.url };
}
