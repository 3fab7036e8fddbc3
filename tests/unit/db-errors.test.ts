// isDatabaseUnavailable tells "the database cannot be reached" (answer 503, retry later) from
// every other error (a bug or a bad query, which must surface as such).
import { describe, expect, test } from "vitest";
import { isDatabaseUnavailable } from "~/utils/db-errors.server.ts";

function withCode(code: string, message = "boom") {
  return Object.assign(new Error(message), { code });
}

describe("isDatabaseUnavailable", () => {
  const unavailable: [string, unknown][] = [
    ["Node ECONNREFUSED", withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["Node ECONNRESET", withCode("ECONNRESET", "read ECONNRESET")],
    ["Node ETIMEDOUT", withCode("ETIMEDOUT")],
    ["Node ENOTFOUND", withCode("ENOTFOUND", "getaddrinfo ENOTFOUND db.internal")],
    ["Node EHOSTUNREACH", withCode("EHOSTUNREACH")],
    ["Node EPIPE", withCode("EPIPE")],
    [
      "PostgreSQL admin_shutdown 57P01",
      withCode("57P01", "terminating connection due to administrator command"),
    ],
    ["PostgreSQL crash_shutdown 57P02", withCode("57P02")],
    ["PostgreSQL cannot_connect_now 57P03", withCode("57P03")],
    ["PostgreSQL connection_exception 08000", withCode("08000")],
    ["PostgreSQL 08001", withCode("08001")],
    ["PostgreSQL 08003", withCode("08003")],
    ["PostgreSQL connection_failure 08006", withCode("08006")],
    ["Prisma P1001", withCode("P1001")],
    ["Prisma P1002", withCode("P1002")],
    ["Prisma P1017", withCode("P1017")],
    ["pg: Connection terminated unexpectedly", new Error("Connection terminated unexpectedly")],
    ["pg: connection timeout", new Error("timeout exceeded when trying to connect")],
    ["Prisma: can't reach", new Error("Can't reach database server at `db:5432`")],
    ["connection refused, any case", new Error("CONNECTION REFUSED by peer")],
    ["server closed the connection", new Error("server closed the connection unexpectedly")],
    ["connection closed", new Error("Connection closed")],
    ["connection was closed", new Error("The connection was closed")],
    ["database starting up", new Error("the database system is starting up")],
    ["database shutting down", new Error("FATAL: the database system is shutting down")],
    ["plain object with a code", { code: "ECONNREFUSED" }],
    ["wrapped in cause", new Error("query failed", { cause: withCode("ECONNREFUSED") })],
    [
      "wrapped twice",
      new Error("adapter error", {
        cause: new Error("driver error", { cause: new Error("Connection terminated") }),
      }),
    ],
    [
      "AggregateError of connection attempts (IPv6 and IPv4)",
      new AggregateError(
        [withCode("ECONNREFUSED", "connect ECONNREFUSED ::1:5432"), withCode("ECONNREFUSED")],
        "",
      ),
    ],
    ["errors array beside other errors", { errors: [new Error("nope"), { code: "57P01" }] }],
  ];

  test.each(unavailable)("unavailable: %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  const other: [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["a string that mentions a refused connection", "connection refused"],
    ["a number", 57],
    ["an empty object", {}],
    ["a plain Error", new Error("Cannot read properties of undefined")],
    ["Prisma unique violation P2002", withCode("P2002", "Unique constraint failed on the fields: (`email`)")],
    ["Prisma record not found P2025", withCode("P2025", "Record to update not found.")],
    ["PostgreSQL syntax error 42601", withCode("42601", 'syntax error at or near "SELEC"')],
    ["PostgreSQL unique_violation 23505", withCode("23505")],
    ["PostgreSQL serialization_failure 40001", withCode("40001")],
    ["PostgreSQL query_canceled 57014", withCode("57014", "canceling statement due to statement timeout")],
    ["a numeric code", { code: 8006 }],
    ["a non-string message", { message: { text: "connection refused" } }],
    ["an AggregateError of ordinary errors", new AggregateError([new Error("a"), withCode("23505")], "")],
    ["cause of an ordinary error", new Error("outer", { cause: withCode("23503") })],
  ];

  test.each(other)("not unavailable: %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  test("looks five causes deep and no further", () => {
    const nest = (levels: number) => {
      let error: Error = withCode("ECONNREFUSED");
      for (let i = 0; i < levels; i++) error = new Error(`level ${i}`, { cause: error });
      return error;
    };
    expect(isDatabaseUnavailable(nest(5))).toBe(true);
    expect(isDatabaseUnavailable(nest(6))).toBe(false);
  });

  test("terminates on a cycle of causes", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
