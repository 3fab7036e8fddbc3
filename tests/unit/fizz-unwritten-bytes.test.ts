// React 18 flushes its whole 2,048-byte buffer when a multi-byte character does not fit at its end,
// and the bytes it did not write reach the page as NULs (app/utils/fizz-unwritten-bytes.server.ts).
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { withoutUnwrittenBytes } from "~/utils/fizz-unwritten-bytes.server.ts";

/** A full buffer as React 18 flushes it: `written` bytes of `fill`, zeros after. */
function fullBuffer(written: number, fill = 0x61): Uint8Array {
  const view = new Uint8Array(2048);
  view.fill(fill, 0, written);
  return view;
}

async function through(chunks: Uint8Array[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const transform = Readable.from(chunks).pipe(withoutUnwrittenBytes());
  transform.on("data", (chunk: Uint8Array) => out.push(chunk));
  await new Promise((resolve) => transform.on("end", resolve));
  return out;
}

describe("withoutUnwrittenBytes", () => {
  it.each([
    ["a full buffer with 1 byte left unwritten", fullBuffer(2047), 2047],
    ["a full buffer with 2 bytes left unwritten", fullBuffer(2046), 2046],
    ["a full buffer with 3 bytes left unwritten (a 4-byte character)", fullBuffer(2045), 2045],
    ["a full buffer written to its end", fullBuffer(2048), 2048],
    ["at most 3 zeros cut from a full buffer", fullBuffer(2040), 2045],
    ["a shorter chunk ending in zeros, as React never leaves one", new Uint8Array([0x61, 0, 0]), 3],
  ])("%s", async (_case, chunk, length) => {
    const [out] = await through([chunk]);
    expect(out.length).toBe(length);
  });

  it("joins a page that React split at a Japanese character into the page, without NULs", async () => {
    const page = `<p>${"あ".repeat(700)}</p>`;
    const bytes = new TextEncoder().encode(page);
    // What React 18 writes: the buffer filled up to the last whole character, flushed whole, then the rest.
    const first = new Uint8Array(2048);
    const fits = 3 + Math.floor((2048 - 3) / 3) * 3; // "<p>" then whole 3-byte characters
    first.set(bytes.subarray(0, fits));
    const rest = bytes.subarray(fits);
    expect(fits).toBeLessThan(2048);
    const joined = await text(Readable.from([first, rest]).pipe(withoutUnwrittenBytes()));
    expect(joined).toBe(page);
    expect(joined).not.toContain("\u0000");
  });
});
