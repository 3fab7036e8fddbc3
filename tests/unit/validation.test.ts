// parseForm: a submitted form to a validated object, or one message per named field plus the
// values to show the form again with (never the secrets).
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { parseForm } from "~/utils/validation.ts";

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

const Schema = z.object({
  name: z.string().trim().min(1, "Enter your name."),
  tags: z.array(z.enum(["a", "b", "c"])).min(1, "Choose at least one tag."),
  password: z.string().min(10, "Use at least 10 characters."),
});

describe("parseForm", () => {
  test("returns the parsed data (transformed by the schema) and the values as submitted", () => {
    const result = parseForm(
      form([
        ["name", "  Ana  "],
        ["tags", "a"],
        ["tags", "c"],
        ["password", "correct horse battery"],
      ]),
      Schema,
      { arrays: ["tags"] },
    );
    expect(result).toEqual({
      ok: true,
      data: { name: "Ana", tags: ["a", "c"], password: "correct horse battery" },
      values: { name: "  Ana  ", tags: ["a", "c"] },
    });
  });

  test("reads array fields as arrays (one value, none) and other fields as their first value", () => {
    const schema = z.object({ one: z.string(), many: z.array(z.string()), none: z.array(z.string()) });
    const result = parseForm(
      form([
        ["one", "first"],
        ["one", "second"],
        ["many", "only"],
      ]),
      schema,
      { arrays: ["many", "none"] },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual({ one: "first", many: ["only"], none: [] });
    expect(result.values).toEqual({ one: "first", many: ["only"] });
  });

  test("a missing array field fails its own rule, named by the field", () => {
    const result = parseForm(
      form([
        ["name", "Ana"],
        ["password", "correct horse battery"],
      ]),
      Schema,
      {
        arrays: ["tags"],
      },
    );
    expect(result).toMatchObject({ ok: false, errors: { tags: "Choose at least one tag." } });
  });

  test("an invalid array element is reported on the array field", () => {
    const result = parseForm(
      form([
        ["name", "Ana"],
        ["tags", "a"],
        ["tags", "zzz"],
        ["password", "correct horse battery"],
      ]),
      Schema,
      { arrays: ["tags"] },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(["tags"]);
    expect(result.values.tags).toEqual(["a", "zzz"]);
  });

  test("gives one message per field, the first that applies, for every invalid field", () => {
    const schema = z.object({
      code: z
        .string()
        .min(3, "Too short.")
        .regex(/^[A-Z]+$/, "Capitals only."),
      email: z.string().email("Not an email."),
      ok: z.string(),
    });
    const result = parseForm(
      form([
        ["code", "x"],
        ["email", "nope"],
        ["ok", "fine"],
      ]),
      schema,
    );
    expect(result).toEqual({
      ok: false,
      errors: { code: "Too short.", email: "Not an email." },
      values: { code: "x", email: "nope", ok: "fine" },
    });
  });

  test("a missing field is reported by name; an error about the whole form is reported as `form`", () => {
    const schema = z
      .object({ a: z.string({ required_error: "Enter a." }), b: z.string().optional() })
      .refine((v) => v.b !== "same", "The form as a whole is wrong.");
    expect(parseForm(form([]), schema)).toMatchObject({ ok: false, errors: { a: "Enter a." } });
    expect(
      parseForm(
        form([
          ["a", "x"],
          ["b", "same"],
        ]),
        schema,
      ),
    ).toMatchObject({
      ok: false,
      errors: { form: "The form as a whole is wrong." },
    });
  });

  test("never echoes secrets back, whether the form passes or fails", () => {
    const schema = z.object({
      email: z.string().email("Not an email."),
      password: z.string(),
      newPassword: z.string(),
      currentPassword: z.string(),
      token: z.string(),
    });
    const secrets: [string, string][] = [
      ["password", "hunter2-secret"],
      ["newPassword", "new-secret-value"],
      ["currentPassword", "current-secret-value"],
      ["token", "token-secret-value"],
    ];
    for (const email of ["bad", "ana@example.com"]) {
      const result = parseForm(form([["email", email], ...secrets]), schema);
      expect(result.ok).toBe(email !== "bad");
      expect(result.values).toEqual({ email });
      expect(JSON.stringify(result.values)).not.toMatch(/secret/);
      if (!result.ok) expect(JSON.stringify(result.errors)).not.toMatch(/secret/);
    }
  });

  test("ignores uploaded files in text fields", () => {
    const schema = z.object({ note: z.string().optional() });
    const result = parseForm(form([["note", new Blob(["file body"])]]), schema);
    expect(result).toEqual({ ok: true, data: { note: undefined }, values: { note: "" } });
  });
});
