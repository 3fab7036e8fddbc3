// The Stripe client (issue 11 item 3, ADR 020). STRIPE_SECRET_KEY turns the Stripe rail on;
// without it every deal uses the manual bank-transfer rail. STRIPE_API_URL points the SDK at another
// host (its protocol/host/port options), so tests, the browser tests and a staging stack talk to a
// local stand-in (tests/fixtures/stripe-stand-in.ts); unset, the SDK talks to Stripe's own API.
// STRIPE_WEBHOOK_SECRET verifies the signature of POST /webhooks/stripe.
import Stripe from "stripe";
import { env } from "~/utils/env.server.ts";

export type StripeClient = Stripe;
export type StripeEvent = Stripe.Event;

export interface StripeConnection {
  protocol?: "http" | "https";
  host?: string;
  port?: number;
}

/** "http://127.0.0.1:12111" → the SDK's protocol/host/port options; unset → Stripe's own API. */
export function stripeConnection(apiUrl: string | undefined): StripeConnection {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return {
    protocol,
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443,
  };
}

let cached: { key: string; apiUrl: string | undefined; client: Stripe } | null = null;

/** The client, or null when Stripe is not configured (the manual rail only). */
export function stripeClient(): Stripe | null {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl } = env();
  if (!key) return null;
  if (cached && cached.key === key && cached.apiUrl === apiUrl) return cached.client;
  const client = new Stripe(key, {
    ...stripeConnection(apiUrl),
    // The outbox retries with its own backoff and the same idempotency key; the SDK's own retry
    // would only hide a failure from it.
    maxNetworkRetries: 0,
    timeout: 20_000,
  });
  cached = { key, apiUrl, client };
  return client;
}

export function stripeEnabled(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

/** A client for signature work only (no key needed to verify or sign a webhook). */
const webhookHelper = new Stripe("sk_webhooks_only");

/**
 * Verifies a webhook's signature over the RAW body and parses it; null when the secret is missing,
 * the header is absent or wrong, or the timestamp is outside Stripe's tolerance (300 s).
 */
export function verifyStripeWebhook(rawBody: string, signature: string | null): Stripe.Event | null {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret || !signature) return null;
  try {
    return webhookHelper.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    return null;
  }
}

/** The Stripe-Signature header Stripe would send for `payload` (tests, the stand-in, the benchmark). */
export function signStripeWebhook(payload: string, secret: string, timestamp?: number): string {
  return webhookHelper.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
