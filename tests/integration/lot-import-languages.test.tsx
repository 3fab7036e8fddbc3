// Issue 14, an import's problems in the page's language (ADR 067): the upload action and the
// stored report keep each problem's English (what the API and any downloaded report show) beside
// its code and values, and the import page's table words them in Japanese — a row's listing-form
// problems with the listing form's own sentences (lotProblemWording), the file's checks from
// `listing.importProblems`.
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { beforeAll, describe, expect, test } from "vitest";
import { ImportIssuesTable } from "~/components/lot-import-issues.tsx";
import type { ImportIssue } from "~/domain/lot-import-columns.ts";
import { CATALOGUES } from "~/i18n/catalogues.ts";
import { i18nFor } from "~/i18n/i18n.ts";
import { createUserWithOrganization } from "~/models/user.server.ts";
import * as loginRoute from "~/routes/login.tsx";
import * as uploadRoute from "~/routes/lots.import.tsx";
import * as importPageRoute from "~/routes/lots.import_.$importId.tsx";
import { db } from "~/utils/db.server.ts";
import { insertEconomies } from "../fixtures/economies.ts";
import { gridToCsv, lotGrid, todayUtc } from "../fixtures/lot-import-rows.ts";
import { callRoute, getRequest, ORIGIN, postRequest, sessionCookieFrom } from "../fixtures/routes.ts";

const PASSWORD = "correct horse battery staple";
let cookie: string;

beforeAll(async () => {
  await insertEconomies(db());
  const email = "import.languages@import.test";
  await createUserWithOrganization({
    name: "Import Languages",
    email,
    password: PASSWORD,
    organizationName: "Import Languages",
    economyCode: "AU",
    capabilities: ["seller"],
  });
  const login = await callRoute(loginRoute.action, postRequest("/login", { email, password: PASSWORD }));
  cookie = sessionCookieFrom(login.headers);
});

function upload(bytes: Uint8Array, intent?: string) {
  const form = new FormData();
  form.set("publish", "draft");
  if (intent) form.set("intent", intent);
  form.set("file", new File([new Uint8Array(bytes)], "lots.csv"));
  return callRoute(
    uploadRoute.action,
    new Request(`${ORIGIN}/lots/import`, {
      method: "POST",
      headers: { Cookie: cookie, "Accept-Language": "ja" },
      body: form,
    }),
  );
}

const ja = CATALOGUES.ja.listing as {
  errors: { massKg: { notPositive: string }; chemistry: { unknown: string } };
  importProblems: Record<string, string>;
};

const inJapanese = (issues: readonly ImportIssue[]) =>
  renderToString(
    <I18nextProvider i18n={i18nFor("ja", CATALOGUES.ja)}>
      <ImportIssuesTable issues={issues} more={0} caption="x" />
    </I18nextProvider>,
  );

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"');

describe("an import's problems in the page's language", () => {
  test("a row's problems carry codes and are worded in Japanese by the listing form's sentences", async () => {
    const grid = lotGrid(6, todayUtc(), (i, row) => {
      if (i === 1) row.massKg = "-5";
      if (i === 4) row.chemistry = "NMC999";
    });
    const outcome = await upload(gridToCsv(grid));
    expect(outcome.status).toBe(400);
    const issues = (outcome.data.report as { issues: ImportIssue[] }).issues;
    // What the API and a report keep: English, with the code and values beside it.
    expect(issues.map((i) => [i.line, i.field, i.code])).toEqual([
      [3, "massKg", "massKg.notPositive"],
      [6, "chemistry", "chemistry.unknown"],
    ]);
    expect(issues[0].message).toMatch(/more than 0 kg/);
    const html = text(inJapanese(issues));
    expect(html).toContain(ja.errors.massKg.notPositive);
    expect(html).toContain(ja.errors.chemistry.unknown);
    expect(html).not.toMatch(/more than 0 kg|Unknown chemistry/);
  });

  test("the file's own checks (missing columns, a decimal comma) are worded in Japanese too", async () => {
    const missing = lotGrid(2, todayUtc()).map((row) => row.slice(1));
    const noTitle = await upload(gridToCsv(missing));
    const missingIssues = (noTitle.data.report as { issues: ImportIssue[] }).issues;
    expect(missingIssues.find((i) => i.code === "import.missingColumns")?.message).toMatch(
      /Missing required/,
    );
    const missingHtml = text(inJapanese(missingIssues));
    expect(missingHtml).toContain("必須の列がありません: title。");
    expect(missingHtml).not.toMatch(/Missing required/);

    const comma = lotGrid(2, todayUtc(), (i, row) => {
      if (i === 0) row.massKg = "7200,5";
    });
    const commaOutcome = await upload(gridToCsv(comma));
    const commaIssues = (commaOutcome.data.report as { issues: ImportIssue[] }).issues;
    expect(commaIssues.map((i) => i.code)).toEqual(["import.decimalComma"]);
    const commaHtml = text(inJapanese(commaIssues));
    expect(commaHtml).toContain(
      "このファイルは数値に小数点としてカンマを使っています（2 行目、massKg の「7200,5」）",
    );
  });

  test("the stored report of an import of valid rows only keeps codes; its page words them in Japanese", async () => {
    const grid = lotGrid(3, todayUtc(), (i, row) => {
      if (i === 2) row.massKg = "-1";
    });
    const outcome = await upload(gridToCsv(grid), "validOnly");
    const location = outcome.headers.get("Location") ?? "";
    const id = /\/lots\/import\/([0-9a-f-]{36})/.exec(location)?.[1] as string;
    expect(id).toBeTruthy();
    const page = await callRoute(importPageRoute.loader, getRequest(`/lots/import/${id}`, { cookie }), {
      importId: id,
    });
    const issues = (page.data as { issues: ImportIssue[] }).issues;
    expect(issues).toEqual([
      expect.objectContaining({ line: 4, field: "massKg", code: "massKg.notPositive" }),
    ]);
    expect(text(inJapanese(issues))).toContain(ja.errors.massKg.notPositive);
  });

  test("a file it cannot read is refused in Japanese (the page's language), not in English", async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode("title\nSoci"), 0xe9, 0x0a]);
    const outcome = await upload(latin1);
    expect(outcome.status).toBe(400);
    expect((outcome.data.errors as Record<string, string>).file).toBe(
      "このファイルは正しい UTF-8 ではありません。2 行目のバイト 0xE9 を読み取れません。Windows-1252 や Latin-1 など別の文字コードで保存された可能性があります。表計算ソフトから「CSV UTF-8」または Excel ブック（.xlsx）で保存してください。",
    );
  });

  test("a report stored before problems had codes still shows its English", () => {
    const html = text(inJapanese([{ line: 2, field: "massKg", message: "Old English sentence." }]));
    expect(html).toContain("Old English sentence.");
  });
});
