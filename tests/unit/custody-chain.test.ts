import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import {
  anchorDigest,
  type CustodyEventFields,
  canonicalEventJson,
  canonicalJson,
  hashEvent,
  isCustodyKind,
  type StoredCustodyEvent,
  verifyEvents,
} from "~/domain/custody/chain.ts";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const LOT = "0193a5c2-0000-7000-8000-000000000001";
const USER = "0193a5c2-0000-7000-8000-0000000000aa";
const ORG = "0193a5c2-0000-7000-8000-0000000000bb";

function chain(specs: readonly Omit<CustodyEventFields, "sequence" | "lotId">[]): StoredCustodyEvent[] {
  const events: StoredCustodyEvent[] = [];
  let prevHash: string | null = null;
  specs.forEach((spec, index) => {
    const fields: CustodyEventFields = { ...spec, sequence: index + 1, lotId: LOT };
    const hash = hashEvent(prevHash, fields, sha256);
    events.push({ ...fields, prevHash, hash });
    prevHash = hash;
  });
  return events;
}

const BASE = chain([
  {
    kind: "lot_listed",
    occurredAt: new Date("2026-12-01T08:00:00.000Z"),
    actorUserId: USER,
    organizationId: ORG,
    data: { title: "Leaf modules", massKg: 1200, status: "draft" },
  },
  {
    kind: "lot_published",
    occurredAt: new Date("2026-12-01T09:00:00.000Z"),
    actorUserId: USER,
    organizationId: ORG,
    data: { closesAt: "2026-12-08T09:00:00.000Z" },
  },
  {
    kind: "documents_added",
    occurredAt: new Date("2026-12-02T10:30:00.000Z"),
    actorUserId: null,
    organizationId: ORG,
    data: { documents: [{ kind: "un38_3_summary", sha256: "ab".repeat(32) }] },
  },
  {
    kind: "correction",
    occurredAt: new Date("2026-12-02T11:00:00.000Z"),
    actorUserId: USER,
    organizationId: ORG,
    data: { note: "The summary belongs to batch 2." },
    corrects: 3,
  },
]);

describe("canonicalEventJson (RFC 8785)", () => {
  const cases: { name: string; event: CustodyEventFields; json: string }[] = [
    {
      name: "keys sorted at every level, no whitespace, ISO time",
      event: {
        sequence: 1,
        kind: "lot_listed",
        occurredAt: new Date(Date.UTC(2026, 11, 1, 8)),
        lotId: "L",
        actorUserId: null,
        organizationId: "O",
        data: { z: 1, a: { y: true, b: null } },
      },
      json: '{"actor":{"organizationId":"O","userId":null},"data":{"a":{"b":null,"y":true},"z":1},"kind":"lot_listed","lotId":"L","occurredAt":"2026-12-01T08:00:00.000Z","sequence":1}',
    },
    {
      name: "numbers in their ECMAScript form (1.0 → 1, 1e21, -0 → 0)",
      event: {
        sequence: 2,
        kind: "k",
        occurredAt: "2026-12-01T08:00:00Z",
        lotId: "L",
        actorUserId: null,
        organizationId: null,
        data: [1.0, 1e21, -0, 0.1],
      },
      json: '{"actor":{"organizationId":null,"userId":null},"data":[1,1e+21,0,0.1],"kind":"k","lotId":"L","occurredAt":"2026-12-01T08:00:00.000Z","sequence":2}',
    },
    {
      name: "a correction names the event it corrects; non-ASCII stays literal",
      event: {
        sequence: 3,
        kind: "correction",
        occurredAt: new Date(Date.UTC(2026, 0, 1)),
        lotId: "L",
        actorUserId: "U",
        organizationId: null,
        data: { note: "Ünïcode €" },
        corrects: 1,
      },
      json: '{"actor":{"organizationId":null,"userId":"U"},"corrects":1,"data":{"note":"Ünïcode €"},"kind":"correction","lotId":"L","occurredAt":"2026-01-01T00:00:00.000Z","sequence":3}',
    },
  ];
  it.each(cases)("$name", ({ event, json }) => {
    expect(canonicalEventJson(event)).toBe(json);
  });

  // The envelope is written by hand for speed; it must stay byte for byte what canonicalizing
  // the whole object gives, for every shape of actor, correction, data and string.
  const reference = (event: CustodyEventFields) => {
    const fields: Record<string, unknown> = {
      sequence: event.sequence,
      kind: event.kind,
      occurredAt: new Date(event.occurredAt).toISOString(),
      lotId: event.lotId,
      actor: { userId: event.actorUserId, organizationId: event.organizationId },
      data: event.data,
    };
    if (event.corrects !== undefined && event.corrects !== null) fields.corrects = event.corrects;
    return canonicalize(fields);
  };
  const shapes: { name: string; event: CustodyEventFields }[] = [
    ...BASE.map((event) => ({ name: `stored event ${event.sequence}`, event })),
    {
      name: "quotes, backslashes, control characters and emoji in strings",
      event: {
        sequence: 12,
        kind: "lot_edited",
        occurredAt: "2026-12-01T08:00:00.123Z",
        lotId: 'L"\\',
        actorUserId: "u\n\t\u0001",
        organizationId: "Ö🔋",
        data: { é: 1, z: "\u2028", Z: [null, false, '"x"'], "": { "🔋": 2, a: -1.5e-7 } },
      },
    },
    {
      name: "a correction of 0 is not a correction; a large sequence",
      event: {
        sequence: 123_456_789,
        kind: "k",
        occurredAt: new Date(0),
        lotId: "L",
        actorUserId: null,
        organizationId: null,
        data: null,
        corrects: null,
      },
    },
    {
      name: "data that is a string, a number or an empty array",
      event: {
        sequence: 1,
        kind: "k",
        occurredAt: new Date(1),
        lotId: "L",
        actorUserId: "U",
        organizationId: "O",
        data: [],
      },
    },
    {
      name: "a correction with nested arrays of objects",
      event: {
        sequence: 9,
        kind: "correction",
        occurredAt: new Date(Date.UTC(2030, 5, 30, 23, 59, 59, 999)),
        lotId: "L",
        actorUserId: "U",
        organizationId: "O",
        data: [[{ b: 1, a: [{ d: 4, c: 3 }] }], 7, "s"],
        corrects: 8,
      },
    },
  ];
  it.each(shapes)("equals canonicalizing the whole event: $name", ({ event }) => {
    expect(canonicalEventJson(event)).toBe(reference(event));
  });

  it("refuses what JSON cannot carry", () => {
    const event = BASE[0]!;
    expect(() => canonicalEventJson({ ...event, data: { x: Number.NaN } })).toThrow();
    expect(() => canonicalEventJson({ ...event, corrects: Number.POSITIVE_INFINITY })).toThrow();
    expect(() => canonicalEventJson({ ...event, occurredAt: "not a date" })).toThrow();
  });

  it("gives the same text whatever order the data's keys were written in", () => {
    const a = { ...BASE[0]!, data: { a: 1, b: [1, { d: 2, c: 3 }] } };
    const b = { ...BASE[0]!, data: { b: [1, { c: 3, d: 2 }], a: 1 } };
    expect(canonicalEventJson(a)).toBe(canonicalEventJson(b));
  });
});

describe("canonicalJson", () => {
  const values: unknown[] = [
    null,
    true,
    0,
    -0,
    1e21,
    1e-7,
    -1.5,
    123456789.123,
    Number.MAX_SAFE_INTEGER,
    "",
    'a"b\\c\n\u0000\u001f\u007f\u2028 é 🔋',
    [],
    {},
    [1, [2, [3, {}]], "x", null, false],
    { b: 1, a: 2, A: 3, "": 4, é: 5, "🔋": 6, "10": 7, "9": 8, _: 9 },
    { z: { y: { x: [{ c: 1, b: undefined, a: null }] } }, undefinedMember: undefined },
    [undefined, 1],
    { date: new Date(Date.UTC(2026, 0, 1)) },
  ];
  it.each(values.map((value) => ({ value, text: JSON.stringify(value) })))(
    "is what the canonicalize package writes: $text",
    ({ value }) => {
      expect(canonicalJson(value)).toBe(canonicalize(value));
    },
  );

  it("refuses NaN, infinities, bigint and undefined", () => {
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      [Number.NEGATIVE_INFINITY],
      { a: 1n },
      undefined,
    ]) {
      expect(() => canonicalJson(value)).toThrow();
    }
  });
});

describe("hashEvent", () => {
  it("is SHA-256 over the previous hash and the canonical JSON", () => {
    const event = BASE[1]!;
    expect(hashEvent(event.prevHash, event, sha256)).toBe(sha256(BASE[0]!.hash + canonicalEventJson(event)));
    expect(hashEvent(null, BASE[0]!, sha256)).toBe(sha256(canonicalEventJson(BASE[0]!)));
  });

  it("changes when the previous hash changes", () => {
    expect(hashEvent("0".repeat(64), BASE[1]!, sha256)).not.toBe(BASE[1]!.hash);
  });
});

describe("verifyEvents", () => {
  type Case = {
    name: string;
    tamper: (events: StoredCustodyEvent[]) => StoredCustodyEvent[];
    verdict: { verified: true } | { verified: false; brokenAt: number; reason: string };
  };
  const cases: Case[] = [
    { name: "an untouched chain with a correction verifies", tamper: (e) => e, verdict: { verified: true } },
    { name: "an empty chain verifies", tamper: () => [], verdict: { verified: true } },
    {
      name: "a changed byte of data",
      tamper: (e) =>
        e.map((x) => (x.sequence === 2 ? { ...x, data: { closesAt: "2026-12-09T09:00:00.000Z" } } : x)),
      verdict: { verified: false, brokenAt: 2, reason: "hash_mismatch" },
    },
    {
      name: "a changed kind",
      tamper: (e) => e.map((x) => (x.sequence === 3 ? { ...x, kind: "lot_edited" } : x)),
      verdict: { verified: false, brokenAt: 3, reason: "hash_mismatch" },
    },
    {
      name: "a changed time (one millisecond)",
      tamper: (e) =>
        e.map((x) => (x.sequence === 1 ? { ...x, occurredAt: new Date("2026-12-01T08:00:00.001Z") } : x)),
      verdict: { verified: false, brokenAt: 1, reason: "hash_mismatch" },
    },
    {
      name: "a changed actor",
      tamper: (e) => e.map((x) => (x.sequence === 4 ? { ...x, actorUserId: null } : x)),
      verdict: { verified: false, brokenAt: 4, reason: "hash_mismatch" },
    },
    {
      name: "a rewritten event with its hash recomputed breaks the next link",
      tamper: (e) =>
        e.map((x) => {
          if (x.sequence !== 2) return x;
          const changed = { ...x, data: { closesAt: "2027-01-01T00:00:00.000Z" } };
          return { ...changed, hash: hashEvent(changed.prevHash, changed, sha256) };
        }),
      verdict: { verified: false, brokenAt: 3, reason: "prev_hash_mismatch" },
    },
    {
      name: "a deleted event in the middle",
      tamper: (e) => e.filter((x) => x.sequence !== 2),
      verdict: { verified: false, brokenAt: 2, reason: "sequence_gap" },
    },
    {
      name: "an event of another lot",
      tamper: (e) => e.map((x) => (x.sequence === 2 ? { ...x, lotId: "another" } : x)),
      verdict: { verified: false, brokenAt: 2, reason: "wrong_lot" },
    },
    {
      name: "a correction of a later event",
      tamper: () =>
        chain([
          {
            kind: "lot_listed",
            occurredAt: "2026-12-01T00:00:00Z",
            actorUserId: null,
            organizationId: null,
            data: {},
          },
          {
            kind: "correction",
            occurredAt: "2026-12-01T00:00:00Z",
            actorUserId: null,
            organizationId: null,
            data: {},
            corrects: 2,
          },
        ]),
      verdict: { verified: false, brokenAt: 2, reason: "bad_correction" },
    },
  ];
  it.each(cases)("$name", ({ tamper, verdict }) => {
    const result = verifyEvents(tamper(BASE.map((e) => ({ ...e }))), sha256, { lotId: LOT });
    expect(result).toMatchObject(verdict);
  });
});

describe("anchorDigest", () => {
  const heads = [
    { lotId: "b", sequence: 2, hash: "2".repeat(64) },
    { lotId: "a", sequence: 5, hash: "1".repeat(64) },
  ];
  it("does not depend on the order the heads were read in", () => {
    expect(anchorDigest(heads, sha256)).toBe(anchorDigest([...heads].reverse(), sha256));
    expect(anchorDigest(heads, sha256)).toBe(
      sha256(
        `[{"hash":"${"1".repeat(64)}","lotId":"a","sequence":5},{"hash":"${"2".repeat(64)}","lotId":"b","sequence":2}]`,
      ),
    );
  });
  it("changes when any head changes", () => {
    expect(anchorDigest([{ ...heads[0]!, sequence: 3 }, heads[1]!], sha256)).not.toBe(
      anchorDigest(heads, sha256),
    );
  });
});

describe("isCustodyKind", () => {
  it.each([
    ["lot_listed", true],
    ["milestone_picked_up", true],
    ["Lot Listed", false],
    ["", false],
    ["x".repeat(65), false],
  ] as const)("%s → %s", (kind, ok) => {
    expect(isCustodyKind(kind)).toBe(ok);
  });
});
