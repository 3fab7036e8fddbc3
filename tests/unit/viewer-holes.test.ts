// A page shared among members (ADR 072) is cut at the member's holes and filled in per answer: the
// filled answer must be exactly what rendering it for that member writes — in the markup as React
// escapes, in Remix's data as a JSON string, in the document's data script as Remix escapes there.
import { describe, expect, it } from "vitest";
import { cutAtHoles, fillHoles, type HoleValues, hole } from "~/utils/viewer-holes.server.ts";

const STREAM = "window.__remixContext.streamController.enqueue(";
/** What React writes for text or an attribute (react-dom's escapeTextForBrowser). */
const reactEscape = (value: string) =>
  value.replace(
    /["&'<>]/g,
    (c) => ({ '"': "&quot;", "&": "&amp;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" })[c]!,
  );
/** What Remix writes for a chunk of turbo-stream text in its data script (markup.js escapeHtml). */
const remixScript = (chunk: string) =>
  `${STREAM}${JSON.stringify(chunk).replace(/[&<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)});`;
/** A page as rendered: the name in the markup and an attribute, and in the data (turbo-stream encodes strings with JSON). */
const page = (name: string, email: string, nonce: string) =>
  `<html><span title="${reactEscape(email)}">${reactEscape(name)}</span><script nonce="${nonce}">${remixScript(
    `[{"name":${JSON.stringify(name)},"email":${JSON.stringify(email)}}]\n`,
  )}</script></html>`;
const data = (name: string) => `[{"name":${JSON.stringify(name)}}]\n`;

const values = (name: string, email = "someone@example.com"): HoleValues => ({
  name,
  email,
  organizationName: "",
});

describe("holes in a shared render", () => {
  const names = [
    "Daniel Tan",
    'Zoë "Q" O\'Brien',
    "</script><script>alert(1)</script>",
    "a & b <c> \\ back\\slash",
    "line\u2028separator\u2029paragraph",
    "新能源 回收 株式会社 🔋",
    "tab\tnew\nline",
  ];
  it.each(names)("fills the markup and the data script as a render for %j writes them", (name) => {
    const email = `x&'${name.length}"@example.com`;
    const shared = page(hole("name"), hole("email"), "NONCE1");
    const { segments, shareable } = cutAtHoles(shared, "html", "NONCE1");
    expect(shareable).toBe(true);
    expect(fillHoles(segments, values(name, email), "NONCE2")).toBe(page(name, email, "NONCE2"));
  });

  it.each(names)("fills Remix's data answer as a render for %j writes it", (name) => {
    const { segments, shareable } = cutAtHoles(data(hole("name")), "data", "");
    expect(shareable).toBe(true);
    expect(fillHoles(segments, values(name), "")).toBe(data(name));
  });

  it("cuts at every nonce and every hole, and keeps the text between", () => {
    const { segments } = cutAtHoles(`a N b ${hole("name")} c N`, "html", "N");
    expect(segments).toEqual([
      "a ",
      { nonce: true },
      " b ",
      { hole: "name", context: "markup" },
      " c ",
      { nonce: true },
    ]);
  });

  it.each([
    ["a hole in a script that is not Remix's data stream", `<script>var n = "${hole("name")}";</script>`],
    ["a marker character someone typed", "<td>odd \uE000 title</td>"],
    ["a hole cut apart", `<td>${hole("name").slice(0, 5)}</td>`],
    ["a hole with another process's token", "<td>\uE000000000000000000000000000name\uE001</td>"],
  ])("will not share %s", (_case, body) => {
    expect(cutAtHoles(body, "html", "").shareable).toBe(false);
  });

  it("shares a page without holes as it is", () => {
    const { segments, shareable } = cutAtHoles("<p>no one here</p>", "html", "");
    expect(shareable).toBe(true);
    expect(fillHoles(segments, values("X"), "")).toBe("<p>no one here</p>");
  });
});
