import { Transform } from "node:stream";

/**
 * React 18's streaming renderer (Fizz) encodes HTML into a reused 2,048-byte buffer with
 * `TextEncoder.encodeInto`; when a multi-byte UTF-8 character (an en dash, any Japanese, Korean,
 * Chinese or Thai letter) does not fit at the buffer's end, it flushes the whole buffer anyway, so
 * the 1–3 bytes it did not write go out as NUL bytes in the page (react-dom-server's
 * `writeStringChunk`; facebook/react#26228 fixes it in React 19, not in 18.3.1). A page in Japanese
 * had them every few kilobytes: browsers drop them, crawlers and byte-for-byte comparisons do not.
 *
 * This transform sits between React's `pipe` and the response, so it sees each buffer as React
 * wrote it, and cuts the unwritten tail off a full buffer: at most 3 trailing zero bytes of a chunk
 * exactly the size of React's buffer. Our pages carry no NUL of their own (the API and forms refuse
 * NUL bytes, issue 17), so a full buffer that really ended in one cannot happen.
 */
const FIZZ_VIEW_SIZE = 2048;
const LONGEST_UNWRITTEN = 3;

export function withoutUnwrittenBytes(): Transform {
  return new Transform({
    transform(chunk: Uint8Array, _encoding, callback) {
      let end = chunk.length;
      if (end === FIZZ_VIEW_SIZE) {
        while (end > FIZZ_VIEW_SIZE - LONGEST_UNWRITTEN && chunk[end - 1] === 0) end--;
      }
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}
