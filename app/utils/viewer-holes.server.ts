import { randomBytes } from "node:crypto";

/**
 * A page rendered once for many members, with the few things that name one member left as holes
 * and filled in per answer (ADR 072). The root loader of a shared render puts `hole("name")` where
 * the member's name goes; the page cache cuts the rendered answer at every hole and fills each with
 * the next member's own value, escaped for where it stands:
 *
 * - in the markup (text or attribute), as React escapes text;
 * - in a Remix data answer (`.data`, turbo-stream), as a JSON string's content;
 * - in the document's data script (`streamController.enqueue("…")`), as a JSON string inside a
 *   JavaScript string, with `<`, `>`, `&` and the line separators escaped as Remix does there.
 *
 * A hole is a private-use character, a token drawn once per process (no one can type it into a lot
 * title) and the field's name; it passes React's, turbo-stream's and Remix's escaping unchanged.
 * The token lives on globalThis: the server's modules and the Remix build's copy of them share it.
 */
export const HOLE_NAMES = ["name", "email", "organizationName"] as const;
export type HoleName = (typeof HOLE_NAMES)[number];
export type HoleValues = Record<HoleName, string>;

const OPEN = "\uE000";
const CLOSE = "\uE001";
const holder = globalThis as { packloopHoleToken?: string };
holder.packloopHoleToken ??= randomBytes(12).toString("hex");
const TOKEN = holder.packloopHoleToken;
const HOLE = new RegExp(`${OPEN}${TOKEN}(${HOLE_NAMES.join("|")})${CLOSE}`, "g");
const STREAM_SCRIPT = "window.__remixContext.streamController.enqueue(";

/** Where `name`'s value goes in a shared render. */
export function hole(name: HoleName): string {
  return `${OPEN}${TOKEN}${name}${CLOSE}`;
}

type Context = "markup" | "data" | "script";
/** A rendered answer cut into text, the CSP nonce and holes. */
export type Segment = string | { nonce: true } | { hole: HoleName; context: Context };

export interface CutAnswer {
  segments: Segment[];
  /**
   * False when the answer cannot be shared: a hole where this module does not know how to escape
   * (a script other than Remix's data stream) or a stray marker character (a hole cut apart, or a
   * private-use character in someone's text).
   */
  shareable: boolean;
}

/** Cuts a rendered document (`html`) or a Remix data answer at its holes and at `nonce`. */
export function cutAtHoles(body: string, kind: "html" | "data", nonce: string): CutAnswer {
  const segments: Segment[] = [];
  let shareable = true;
  const text = (chunk: string) => {
    if (chunk.includes(OPEN) || chunk.includes(CLOSE)) shareable = false;
    const pieces = nonce ? chunk.split(nonce) : [chunk];
    pieces.forEach((piece, i) => {
      if (i > 0) segments.push({ nonce: true });
      if (piece) segments.push(piece);
    });
  };
  let from = 0;
  for (const match of body.matchAll(HOLE)) {
    const at = match.index;
    text(body.slice(from, at));
    const context = kind === "data" ? "data" : contextAt(body, at);
    if (context === null) shareable = false;
    segments.push({ hole: match[1] as HoleName, context: context ?? "script" });
    from = at + match[0].length;
  }
  text(body.slice(from));
  return { segments, shareable };
}

/** The answer for one member: the nonce and the holes filled in. */
export function fillHoles(segments: readonly Segment[], values: HoleValues, nonce: string): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "string") out += segment;
    else if ("nonce" in segment) out += nonce;
    else out += escapeFor(segment.context, values[segment.hole]);
  }
  return out;
}

/** Markup, or Remix's data script; null inside any other script. */
function contextAt(body: string, at: number): Context | null {
  const opened = body.lastIndexOf("<script", at);
  if (opened === -1 || body.lastIndexOf("</script>", at) > opened) return "markup";
  const content = body.indexOf(">", opened) + 1;
  return body.startsWith(STREAM_SCRIPT, content) ? "script" : null;
}

const MARKUP: Record<string, string> = {
  '"': "&quot;",
  "&": "&amp;",
  "'": "&#x27;",
  "<": "&lt;",
  ">": "&gt;",
};
const SCRIPT: Record<string, string> = {
  "&": "\\u0026",
  ">": "\\u003e",
  "<": "\\u003c",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

const jsonContent = (value: string) => JSON.stringify(value).slice(1, -1);

function escapeFor(context: Context, value: string): string {
  switch (context) {
    case "markup":
      return value.replace(/["&'<>]/g, (c) => MARKUP[c]);
    case "data":
      return jsonContent(value);
    case "script":
      return jsonContent(jsonContent(value)).replace(/[&<>\u2028\u2029]/g, (c) => SCRIPT[c]);
  }
}
