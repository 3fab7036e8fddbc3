import { z } from "zod";
import { parseCardLimits } from "~/domain/deals/stripe-rail.ts";
import { parseTrustProxy } from "./trust-proxy.server.ts";

/**
 * Configuration from the environment, validated once. Every variable is listed in the README's
 * configuration table and in .env.example.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  APP_URL: z.string().url().optional(),
  ALLOWED_HOSTS: z.string().optional(),
  SMTP_URL: z.string().optional(),
  EMAIL_FROM: z.string().default("Packloop <no-reply@packloop.test>"),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_URL: z.string().url().optional(),
  /**
   * The card limit in US cents (default USD 10,000.00): deals whose US-dollar equivalent is no more
   * may be paid by card through Checkout, unless STRIPE_CARD_LIMITS names their currency (ADR 029).
   */
  STRIPE_CARD_LIMIT_MINOR: z.coerce.number().int().nonnegative().default(1_000_000),
  /** Per-currency card limits in that currency's minor units, "AUD=1500000,JPY=1500000". */
  STRIPE_CARD_LIMITS: z
    .string()
    .optional()
    .superRefine((value, context) => {
      const parsed = parseCardLimits(value);
      if (!parsed.ok) context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
    }),
  /**
   * Tests and demonstrations only: every deal's inspection window lasts this many seconds instead of
   * its inspection days, so a browser test sees a deal settle (ADR 029). Unset in production.
   */
  DEAL_INSPECTION_SECONDS: z.coerce.number().int().positive().optional(),
  MAP_TILE_URL: z.string().optional(),
  MAP_TILE_ATTRIBUTION: z.string().optional(),
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  RATE_LIMIT_DISABLED: z.enum(["true", "false"]).default("false"),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().positive().default(120),
  BID_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  // A number of hops, or a list of proxy addresses; "true" is refused (trust-proxy.server.ts).
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, context) => {
      const parsed = parseTrustProxy(value);
      if (!parsed.ok) context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
    }),
  /** Bearer token a Prometheus scraper sends for /metrics; unset: only platform administrators read it. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * How long an anonymous visitor's page may be served again while nothing was written (embedded
   * database only; ADR 068). 0 turns the page cache off.
   */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

const KEYS = Object.keys(schema.shape) as (keyof Env)[];
let parsed: { values: (string | undefined)[]; env: Env } | null = null;

/**
 * The configuration, parsed again only when one of its variables changed (tests change them at run
 * time): per-request callers such as the bid rate limit must not run the schema on every request.
 */
export function env(): Env {
  const values = KEYS.map((key) => process.env[key]);
  if (!parsed || values.some((value, i) => value !== parsed!.values[i])) {
    parsed = { values, env: readEnv(process.env) };
  }
  return parsed.env;
}
