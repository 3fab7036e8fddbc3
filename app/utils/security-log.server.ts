import pino, { type Logger } from "pino";

/**
 * The security log (issue 17; OWASP ASVS 7.1/7.2): one structured pino line per failed log-in,
 * authorization refusal, rate-limit refusal and administrator action, each with the moment in UTC,
 * who (user, organisation, client address — whatever is known) and what they reached for. Every
 * line carries `"channel":"security"` so a log shipper can route them apart.
 *
 * Newline-safe: pino writes JSON, which escapes line breaks and control characters inside strings,
 * and every free-text value (an email someone typed, a path) is cut to a bounded length, so no
 * input can forge or split a line.
 *
 * The logger is kept on globalThis: the server's modules and the Remix build's own copy of this one
 * must write through the same logger (the one server.ts configured; ADR 028 explains the two copies).
 */
export type SecurityEventName = "login_failed" | "authorization_refused" | "rate_limited" | "admin_action";

export interface SecurityActor {
  userId?: string | null;
  organizationId?: string | null;
  /** The email a failed log-in named (the account may not exist). */
  email?: string | null;
  /** The client address Express resolved (honouring TRUST_PROXY). */
  ip?: string | null;
  /** For rate limits: the key counted (an address, an organisation). */
  key?: string | null;
}

export interface SecurityEvent {
  event: SecurityEventName;
  actor: SecurityActor;
  /** What was reached for: "POST /admin/prices", "limiter:bids". */
  resource: string;
  /** Why, in a word or code: "bad_credentials", "FORBIDDEN", "throttled". */
  reason?: string;
  status?: number;
}

const MAX_TEXT = 300;
const holder = globalThis as { packloopSecurityLogger?: Logger };

/** server.ts hands its logger over; tests hand one writing to a buffer. */
export function setSecurityLogger(logger: Logger): void {
  holder.packloopSecurityLogger = logger.child({ channel: "security" });
}

function logger(): Logger {
  holder.packloopSecurityLogger ??= pino({
    base: undefined,
    // Unit and integration tests refuse on purpose thousands of times; they pass their own logger.
    level: process.env.NODE_ENV === "test" ? "silent" : (process.env.LOG_LEVEL ?? "info"),
  }).child({ channel: "security" });
  return holder.packloopSecurityLogger;
}

function bounded(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
}

/** A security event as the line's fields: bounded strings, unknown fields left out. */
export function securityFields(event: SecurityEvent, now = new Date()) {
  const actor = Object.fromEntries(
    Object.entries(event.actor)
      .map(([key, value]) => [key, bounded(value)])
      .filter(([, value]) => value !== undefined),
  );
  return {
    event: event.event,
    at: now.toISOString(),
    actor,
    resource: bounded(event.resource) ?? "",
    ...(event.reason ? { reason: bounded(event.reason) } : {}),
    ...(event.status ? { status: event.status } : {}),
  };
}

export function securityLog(event: SecurityEvent): void {
  try {
    logger().warn(securityFields(event), event.event);
  } catch {
    // Logging never turns a refusal into a 500.
  }
}

/** The resource and client address of a Fetch API request as the security log names them. */
export function requestFacts(request: Request): { resource: string; ip: string | null } {
  const url = new URL(request.url);
  return {
    resource: `${request.method} ${url.pathname.replace(/\.data$/, "")}`,
    ip: request.headers.get("x-packloop-client-ip"),
  };
}
