// Payees onboard Stripe Connect Express accounts (issue 11 item 3, ADR 020) against the stand-in:
// one account per organisation however often onboarding is started, a fresh account link each
// time, and the payout status following account.updated — an older event never undoes a newer one.
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  payoutAccount,
  payoutsStatusOf,
  startPayoutOnboarding,
} from "~/models/deals/stripe-connect.server.ts";
import { handleStripeEvent } from "~/models/deals/stripe-webhooks.server.ts";
import { type StripeEvent, stripeClient } from "~/services/stripe.server.ts";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { accountWith } from "../fixtures/facilities.ts";
import { StripeStandIn } from "../fixtures/stripe-stand-in.ts";

const standIn = new StripeStandIn();

beforeAll(async () => {
  await standIn.start();
  process.env.STRIPE_SECRET_KEY = "sk_test_connect";
  process.env.STRIPE_API_URL = standIn.url;
  await insertEconomies(db());
});

afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_API_URL;
  await standIn.stop();
});

test.each([
  [{}, "onboarding"],
  [
    { details_submitted: true, payouts_enabled: false, requirements: { disabled_reason: null } },
    "onboarding",
  ],
  [
    {
      details_submitted: true,
      payouts_enabled: false,
      requirements: { disabled_reason: "requirements.past_due" },
    },
    "restricted",
  ],
  [{ details_submitted: true, payouts_enabled: true, charges_enabled: true }, "enabled"],
])("payoutsStatusOf(%j) = %s", (account, expected) => {
  expect(payoutsStatusOf(account)).toBe(expected);
});

test("onboarding makes one Express account, a link each time, and account.updated sets the status in order", async () => {
  const payee = await accountWith(["seller"]);
  const stripe = stripeClient()!;
  const urls = {
    returnUrl: "http://app/settings/payouts?return=1",
    refreshUrl: "http://app/settings/payouts",
  };
  const first = await startPayoutOnboarding(stripe, { organizationId: payee.organizationId, ...urls });
  const second = await startPayoutOnboarding(stripe, { organizationId: payee.organizationId, ...urls });
  expect(first).toMatchObject({ ok: true, url: expect.stringContaining("/onboarding/acct_") });
  expect(second.ok).toBe(true);
  const accounts = standIn
    .created("account")
    .filter((a) => (a.metadata as Record<string, string>).organizationId === payee.organizationId);
  expect(accounts).toHaveLength(1);
  expect(accounts[0]).toMatchObject({ type: "express", country: "AU" });
  const stored = await payoutAccount(payee.organizationId);
  expect(stored).toMatchObject({ stripeAccountId: accounts[0].id, stripePayoutsStatus: "onboarding" });
  expect(standIn.requests.filter((r) => r.path === "/v1/account_links")).toHaveLength(2);

  const t = Math.floor(Date.now() / 1000);
  const account = { id: accounts[0].id, object: "account" };
  const enabled = standIn.event(
    "account.updated",
    { ...account, details_submitted: true, payouts_enabled: true, charges_enabled: true },
    { created: t },
  );
  const stale = standIn.event(
    "account.updated",
    { ...account, details_submitted: false, payouts_enabled: false },
    { created: t - 30 },
  );
  expect(await handleStripeEvent(enabled as unknown as StripeEvent)).toBe("applied");
  expect(await handleStripeEvent(stale as unknown as StripeEvent)).toBe("ignored");
  expect((await payoutAccount(payee.organizationId))?.stripePayoutsStatus).toBe("enabled");
});
