import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { emailVerificationRefusal, requireActor } from "~/auth/actor.server.ts";
import { isConfirmed } from "~/components/confirm-action.tsx";
import { DateTime } from "~/components/date-time.tsx";
import { ImportIssuesTable } from "~/components/lot-import-issues.tsx";
import { checkImportRows, MAX_IMPORT_ROWS } from "~/domain/lot-import.ts";
import type { ImportIssue } from "~/domain/lot-import-columns.ts";
import { MAX_IMPORT_BYTES } from "~/domain/lot-import-file.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import { lotRefusalText } from "~/i18n/lot-problems.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { pageTranslator } from "~/i18n/page-translator.server.ts";
import { useFormat } from "~/i18n/use-format.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { listLotImports, startLotImport } from "~/models/lot-import.server.ts";
import { readSpreadsheet } from "~/services/spreadsheet.server.ts";
import importStyles from "~/styles/lot-import.css?url";
import { textField } from "~/utils/multipart.server.ts";

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "listing.import.title") },
];
export const links = () => [{ rel: "stylesheet", href: importStyles }];

/** Problems shown on the page; the rest are counted. */
const ISSUES_SHOWN = 200;
const MAX_MB = MAX_IMPORT_BYTES / (1024 * 1024);
const MAX_FIELD_BYTES = 10_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "seller" });
  const imports = await listLotImports(organization.id);
  return {
    organizationName: organization.name,
    imports: imports.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
  };
}

/** The upload's options, with the message in the page's language (ADR 054). */
const optionsSchema = (t: TFunction) =>
  z.object({
    publish: z.enum(["draft", "publish"], {
      errorMap: () => ({ message: t("listing.import.errors.publish") }),
    }),
    intent: z.enum(["check", "validOnly"]).catch("check"),
  });

interface Upload {
  form: FormData;
  file: { name: string; size: number; bytes: Uint8Array | null } | null;
}

/** Reads the form; a file over the limit is drained and reported, never held in memory. */
async function readUpload(request: Request): Promise<Upload> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    return { form: await request.formData(), file: null };
  }
  let file: Upload["file"] = null;
  const form = await unstable_parseMultipartFormData(request, async (part) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const limit = part.filename === undefined ? MAX_FIELD_BYTES : MAX_IMPORT_BYTES;
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
    }
    if (part.filename === undefined) return size <= limit ? textField(Buffer.concat(chunks)) : null;
    if (part.name === "file" && (part.filename !== "" || size > 0)) {
      file = { name: part.filename, size, bytes: size <= MAX_IMPORT_BYTES ? Buffer.concat(chunks) : null };
    }
    return null;
  });
  return { form, file };
}

type Report = {
  fileName: string;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  /** A problem with the file as a whole: no row can be imported until it is fixed. */
  fileLevel: boolean;
  issues: ImportIssue[];
  moreIssues: number;
};

function refuse(
  errors: Record<string, string>,
  values: Record<string, string>,
  report: Report | null = null,
) {
  return data({ errors, values, report }, { status: 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { capability: "seller" });
  const { organization, user } = actor;
  const { form, file } = await readUpload(request);
  // The page's own messages in its language; the rows' problems carry codes and values, which the
  // issues table words in the page's language (ADR 067; the stored English is for reports).
  const t = pageTranslator(request, user.language);
  const options = optionsSchema(t).safeParse({ publish: form.get("publish"), intent: form.get("intent") });
  const values = { publish: String(form.get("publish") ?? "draft") };
  if (!options.success) return refuse({ publish: options.error.issues[0].message }, values);
  const unverified = options.data.publish === "publish" ? emailVerificationRefusal(actor) : null;
  if (unverified) return refuse({ publish: lotRefusalText(t, unverified) }, values);
  if (!file) return refuse({ file: t("listing.import.errors.chooseFile") }, values);
  if (!file.bytes) {
    return refuse(
      {
        file: t("listing.import.errors.tooLarge", {
          file: file.name,
          size: formatFileSize(file.size),
          mb: MAX_MB,
        }),
      },
      values,
    );
  }

  const sheet = await readSpreadsheet(file.bytes, file.name);
  if (!sheet.ok) {
    // Worded from its code in the page's language; the English stays the fallback (ADR 067).
    const file = t(`listing.importProblems.file.${sheet.code}`, {
      ...sheet.params,
      defaultValue: sheet.message,
    });
    return refuse({ file }, values);
  }
  const now = new Date();
  const publish = options.data.publish === "publish";
  const checked = checkImportRows(sheet.grid, {
    today: now.toISOString().slice(0, 10),
    now,
    mode: publish ? "publish" : "draft",
  });
  if (!checked.ok) {
    return refuse({ file: t("listing.import.errors.cannotImport") }, values, {
      fileName: file.name,
      totalRows: 0,
      validRows: 0,
      invalidRows: 0,
      fileLevel: true,
      issues: checked.fileIssues,
      moreIssues: 0,
    });
  }
  const validOnly = options.data.intent === "validOnly";
  if (checked.valid.length === 0 || (checked.invalidRows > 0 && !validOnly)) {
    const message =
      checked.valid.length === 0
        ? t("listing.import.errors.noneValid")
        : t("listing.import.errors.someInvalid", { invalid: checked.invalidRows, total: checked.totalRows });
    return refuse({ file: message }, values, {
      fileName: file.name,
      totalRows: checked.totalRows,
      validRows: checked.valid.length,
      invalidRows: checked.invalidRows,
      fileLevel: false,
      issues: checked.rowIssues.slice(0, ISSUES_SHOWN),
      moreIssues: Math.max(0, checked.rowIssues.length - ISSUES_SHOWN),
    });
  }

  // Publishing auctions and tenders is binding (bids bind as soon as they are placed): without the
  // page's confirmation the lots are written as drafts and the import's page asks to publish them,
  // stating how many auctions and tenders open and when they close (issue 15 item 7, ADR 042).
  const holdForConfirmation =
    publish && !isConfirmed(form) && checked.valid.some((row) => row.input.saleMode !== "fixed");
  const started = await startLotImport({
    organizationId: organization.id,
    createdById: user.id,
    fileName: file.name,
    fileKind: sheet.kind,
    totalRows: checked.totalRows,
    lots: checked.valid.map((row) => row.input),
    issues: checked.rowIssues,
    validOnly,
    publish: publish && !holdForConfirmation,
    now,
  });
  // The lots are written in the background; the import's page follows the progress.
  void started.finished;
  return redirect(`/lots/import/${started.id}${holdForConfirmation ? "?publish=ask" : ""}`);
}

export default function ImportLots() {
  const { t } = useTranslation();
  const { imports } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction?.startsWith("/lots/import");
  const report = result?.report ?? null;
  const publish = result?.values.publish ?? "draft";

  return (
    <div className="stack import-page">
      <p className="breadcrumbs">
        <Link to="/dashboard">{t("nav.dashboard")}</Link> › {t("listing.import.crumb")}
      </p>
      <h1>{t("listing.import.title")}</h1>
      <section className="card">
        <ol className="import-steps">
          <li>
            {t("listing.import.step1")}
            <div className="import-downloads">
              <a className="button button-secondary" href="/lots/import/template.xlsx" download>
                {t("listing.import.templateXlsx")}
              </a>
              <a className="button button-secondary" href="/lots/import/template.csv" download>
                {t("listing.import.templateCsv")}
              </a>
            </div>
          </li>
          <li>{t("listing.import.step2")}</li>
          <li>{t("listing.import.step3", { mb: MAX_MB, rows: MAX_IMPORT_ROWS })}</li>
        </ol>
      </section>

      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t("listing.import.upload")}</h2>
        <Form method="post" encType="multipart/form-data" noValidate>
          <div className="field">
            <label htmlFor="field-file">{t("listing.import.fileLabel")}</label>
            <input
              id="field-file"
              name="file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={result?.errors.file ? true : undefined}
              aria-describedby={result?.errors.file ? "file-error" : undefined}
            />
            {result?.errors.file ? (
              <p className="field-error" id="file-error" role="alert">
                {result.errors.file}
              </p>
            ) : null}
          </div>
          <fieldset className="field">
            <legend>{t("listing.import.whenImported")}</legend>
            <div className="import-choice">
              <label>
                <input type="radio" name="publish" value="draft" defaultChecked={publish !== "publish"} />{" "}
                {t("listing.import.asDrafts")}
              </label>
              <label>
                <input type="radio" name="publish" value="publish" defaultChecked={publish === "publish"} />{" "}
                {t("listing.import.publishAll")}
              </label>
              <p className="hint" data-testid="import-publish-hint">
                {t("importPublish.uploadHint")}
              </p>
            </div>
            {result?.errors.publish ? (
              <p className="field-error" role="alert">
                {result.errors.publish}
              </p>
            ) : null}
          </fieldset>
          {report && !report.fileLevel ? <ReportSummary report={report} /> : null}
          <div className="import-actions">
            <button type="submit" name="intent" value="check" disabled={busy}>
              {busy ? t("listing.import.checking") : t("listing.import.check")}
            </button>
            {report && !report.fileLevel && report.validRows > 0 ? (
              <button
                type="submit"
                name="intent"
                value="validOnly"
                className="button-secondary"
                disabled={busy}
              >
                {t("listing.import.validOnly", { count: report.validRows })}
              </button>
            ) : null}
          </div>
        </Form>
        {report ? (
          <ImportIssuesTable
            issues={report.issues}
            more={report.moreIssues}
            caption={
              report.fileLevel
                ? t("listing.import.problemsWith", { file: report.fileName })
                : t("listing.import.linesToFix", { file: report.fileName })
            }
          />
        ) : null}
      </section>

      {imports.length > 0 ? (
        <section className="card" aria-labelledby="recent-imports">
          <h2 id="recent-imports">{t("listing.import.recent")}</h2>
          <table>
            <thead>
              <tr>
                <th>{t("listing.import.colFile")}</th>
                <th>{t("listing.import.colStarted")}</th>
                <th>{t("listing.import.colStatus")}</th>
                <th>{t("listing.import.colImported")}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to={`/lots/import/${i.id}`}>{i.fileName}</Link>
                  </td>
                  <td>
                    <DateTime value={i.createdAt} />
                  </td>
                  <td>
                    <span className="badge">{i.status}</span>
                  </td>
                  <td>{t("listing.import.importedOf", { imported: i.importedRows, total: i.totalRows })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

function ReportSummary({ report }: { report: Report }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="import-summary" data-testid="import-report">
      <div>
        <strong>{format.number(report.totalRows)}</strong>
        <span>{t("listing.import.linesRead")}</span>
      </div>
      <div>
        <strong>{format.number(report.validRows)}</strong>
        <span>{t("listing.import.valid")}</span>
      </div>
      <div>
        <strong>{format.number(report.invalidRows)}</strong>
        <span>{t("listing.import.withProblems")}</span>
      </div>
    </div>
  );
}
