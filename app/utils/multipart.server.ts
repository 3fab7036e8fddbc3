import { unstable_parseMultipartFormData } from "@remix-run/node";

/**
 * Reads a form that may carry files. File parts are collected in memory up to `maxFileBytes` each;
 * a bigger file is drained and reported as too large (its bytes are dropped), so the rest of the
 * form is still read and the person gets a field error instead of a broken connection. Plain
 * url-encoded forms (no files) are read as usual.
 */

export interface UploadedPart {
  field: string;
  fileName: string;
  /** Size of the whole part, also when it was too large to keep. */
  sizeBytes: number;
  /** The bytes, or null when the part exceeded the limit. */
  bytes: Uint8Array | null;
}

export interface MultipartLimits {
  maxFileBytes: number;
  /** The whole request: beyond it the request is refused with 413. */
  maxTotalBytes: number;
  /** Each text field. */
  maxFieldBytes?: number;
}

export async function readFormWithFiles(
  request: Request,
  limits: MultipartLimits,
): Promise<{ form: FormData; files: UploadedPart[] }> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) return { form: await request.formData(), files: [] };

  const files: UploadedPart[] = [];
  let total = 0;
  const maxField = limits.maxFieldBytes ?? 100_000;
  const tooLarge = () =>
    new Response("The upload is too large.", { status: 413, statusText: "Payload Too Large" });

  const form = await unstable_parseMultipartFormData(request, async (part) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let kept = true;
    const limit = part.filename === undefined ? maxField : limits.maxFileBytes;
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > limits.maxTotalBytes) throw tooLarge();
      if (size > limit) kept = false;
      if (kept) chunks.push(chunk);
    }
    if (part.filename === undefined) {
      if (!kept) throw tooLarge();
      return textField(concat(chunks, size));
    }
    // An empty file input is sent as a part with no name and no bytes: nothing was chosen.
    if (part.filename === "" && size === 0) return null;
    files.push({
      field: part.name,
      fileName: part.filename,
      sizeBytes: size,
      bytes: kept ? concat(chunks, size) : null,
    });
    return null;
  });
  return { form, files };
}

/**
 * A text field's value. A NUL character is refused with 400 (no text Packloop keeps may hold one);
 * the Express layer refuses it in url-encoded forms before they reach a route (ADR 025).
 */
export function textField(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes);
  if (text.includes("\0")) {
    throw new Response("A form field contains a NUL character (code 0), which no text may hold.", {
      status: 400,
      statusText: "Bad Request",
    });
  }
  return text;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
