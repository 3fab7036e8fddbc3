import { describe, expect, it } from "vitest";
import { checkUpload, MAX_DOCUMENT_BYTES, safeFileName, sniffContentType } from "~/domain/lot-documents.ts";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe("sniffContentType: the first bytes decide, not the name", () => {
  it.each([
    ["PDF", text("%PDF-1.7\n"), "application/pdf"],
    ["PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), "image/png"],
    ["JPEG", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), "image/jpeg"],
    ["WebP", text("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "), "image/webp"],
    ["plain text", text("hello, I am not a PDF"), null],
    ["HTML", text("<!doctype html><script>"), null],
    ["RIFF that is not WebP (WAV)", text("RIFF\u0000\u0000\u0000\u0000WAVEfmt "), null],
    ["a truncated PNG signature", bytes(0x89, 0x50, 0x4e), null],
    ["nothing", new Uint8Array(), null],
  ])("%s", (_name, head, expected) => {
    expect(sniffContentType(head)).toBe(expected);
  });
});

describe("checkUpload", () => {
  const pdf = text("%PDF-1.4");
  it("accepts a PDF document and an image photo", () => {
    expect(checkUpload("safety_data_sheet", { sizeBytes: 2048, head: pdf })).toEqual({
      ok: true,
      contentType: "application/pdf",
    });
    expect(checkUpload("photo", { sizeBytes: 2048, head: bytes(0xff, 0xd8, 0xff) })).toMatchObject({
      ok: true,
    });
  });
  it.each([
    ["empty", 0, pdf, "photo", /empty/],
    ["one byte over the limit", MAX_DOCUMENT_BYTES + 1, pdf, "soh_report", /at most 10 MB/],
    ["text named .pdf", 100, text("just text"), "un38_3_summary", /Only PDF, PNG, JPEG or WebP/],
    ["a PDF as a photo", 100, pdf, "photo", /PNG, JPEG or WebP image/],
  ] as const)("refuses %s", (_name, sizeBytes, head, kind, message) => {
    const result = checkUpload(kind, { sizeBytes, head });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
  it("accepts exactly the limit", () => {
    expect(checkUpload("soh_report", { sizeBytes: MAX_DOCUMENT_BYTES, head: pdf }).ok).toBe(true);
  });
});

describe("safeFileName", () => {
  it.each([
    ["../../etc/passwd.pdf", "application/pdf", "passwd.pdf"],
    ["C:\\Users\\ana\\SDS sheet.PDF", "application/pdf", "SDS sheet.pdf"],
    ["photo.png", "image/jpeg", "photo.jpg"],
    ['evil"\u0007name<>.webp', "image/webp", "evilname.webp"],
    ["", "image/png", "document.png"],
    [null, "application/pdf", "document.pdf"],
  ] as const)("%s → %s", (name, type, expected) => {
    expect(safeFileName(name, type)).toBe(expected);
  });
  it("keeps names short", () => {
    expect(safeFileName(`${"a".repeat(300)}.pdf`, "application/pdf")).toHaveLength(114);
  });
});
