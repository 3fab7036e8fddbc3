import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { emailVerificationRefusal, requireActor } from "~/auth/actor.server.ts";
import { ConfirmAction, ConfirmStep, type ConfirmText, isConfirmed } from "~/components/confirm-action.tsx";
import { useDateFormat } from "~/components/date-time.tsx";
import { ImportIssuesTable } from "~/components/lot-import-issues.tsx";
import { useRevalidateWhenIdle } from "~/components/use-revalidate-when-idle.ts";
import { type ImportPublishPlan, publishNeedsConfirmation } from "~/domain/lot-import-publish.ts";
import { importIssueText } from "~/i18n/lot-problems.ts";
import { translatedTitle } from "~/i18n/meta.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import {
  getLotImport,
  importedLotStatuses,
  importIssues,
  importPublishPlanFor,
  publishImportDrafts,
} from "~/models/lot-import.server.ts";
import importStyles from "~/styles/lot-import.css?url";
import type { ImportProgress } from "./lots.import_.$importId.progress.ts";

// The page of one import: a progress bar while its lots are written, then the result. The route
// file's name ends the nesting under lots.import.tsx (the upload page), which has no <Outlet />.

export const meta: MetaFunction = ({ matches }) => [
  { title: translatedTitle(matches, "listing.importResult.pageTitle") },
];
export const links = () => [{ rel: "stylesheet", href: importStyles }];

const ISSUES_SHOWN = 200;
const POLL_MS = 300;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization } = await requireActor(request, { capability: "seller" });
  const record = await getLotImport(organization.id, params.importId ?? "");
  if (!record) throw new Response("No such import in your organisation.", { status: 404 });
  const issues = importIssues(record);
  const progress: ImportProgress = {
    status: record.status,
    totalRows: record.totalRows,
    validRows: record.validRows,
    processedRows: record.processedRows,
    importedRows: record.importedRows,
  };
  const statuses = await importedLotStatuses(record);
  return {
    // Publishing the drafts at once, with what it would open (issue 15 item 7).
    publishPlan: statuses.draft > 0 ? await importPublishPlanFor(record) : null,
    // The seller chose "publish" for a file with auctions or tenders: the lots wait for the confirmation.
    publishAsked: new URL(request.url).searchParams.get("publish") === "ask",
    id: record.id,
    fileName: record.fileName,
    validOnly: record.validOnly,
    createdAt: record.createdAt.toISOString(),
    progress,
    statuses,
    issues: issues.slice(0, ISSUES_SHOWN),
    moreIssues: Math.max(0, issues.length - ISSUES_SHOWN),
  };
}

/**
 * Publishes the import's drafts at once. Opening auctions or tenders is binding: the post must carry
 * `confirmed=yes` (the dialog, or the step shown when it did not), else nothing is published and the
 * page asks (ADR 042). Publishing only fixed-price lots needs no confirmation.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, { capability: "seller" });
  const form = await request.formData();
  const refuse = (message: string, status: number) => data({ error: message }, { status });
  const record = await getLotImport(actor.organization.id, params.importId ?? "");
  if (!record) throw new Response("No such import in your organisation.", { status: 404 });
  if (form.get("intent") !== "publish") return refuse("Unknown action.", 400);
  const unverified = emailVerificationRefusal(actor);
  if (unverified) return refuse(unverified.message, 403);
  const plan = await importPublishPlanFor(record);
  if (!plan) return refuse("Only a finished import can be published.", 409);
  if (publishNeedsConfirmation(plan) && !isConfirmed(form)) return { confirm: true as const };
  const result = await publishImportDrafts(
    { organizationId: actor.organization.id, userId: actor.user.id },
    record.id,
  );
  if (!result.ok) return refuse(result.message, result.code === "NOT_FOUND" ? 404 : 409);
  return { published: result.published, leftAsDrafts: result.leftAsDrafts };
}

/** Polls the progress resource while the import runs, then reloads the page's data once. */
function useImportProgress(id: string, initial: ImportProgress): ImportProgress {
  const [polled, setPolled] = useState<ImportProgress | null>(null);
  const reload = useRevalidateWhenIdle();
  const running = initial.status === "importing";
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const response = await fetch(`/lots/import/${id}/progress`, {
          headers: { Accept: "application/json" },
        });
        if (response.ok) {
          const next = (await response.json()) as ImportProgress;
          if (stopped) return;
          setPolled(next);
          if (next.status !== "importing") {
            reload();
            return;
          }
        }
      } catch {
        // A dropped poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id, running, reload]);
  return running && polled ? polled : initial;
}

/** The confirmation's words: how many lots open, how many take binding bids, and when they close. */
function usePublishText(plan: ImportPublishPlan): ConfirmText {
  const { t } = useTranslation();
  const format = useDateFormat();
  const lots = t("counts.lots", { count: plan.publishable });
  const binding = plan.auctions + plan.tenders;
  const when = (iso: string) => format(iso);
  const closes =
    plan.closesFirst && plan.closesLast
      ? plan.closesFirst === plan.closesLast
        ? t("importPublish.closesAt", { first: when(plan.closesFirst) })
        : t("importPublish.closesBetween", { first: when(plan.closesFirst), last: when(plan.closesLast) })
      : "";
  const left = plan.drafts - plan.publishable;
  const consequence = [
    binding > 0
      ? t("importPublish.consequence", { lots, count: binding })
      : t("importPublish.fixedOnly", { lots }),
    closes,
    left > 0 ? t("importPublish.leftAsDrafts", { lots: t("counts.lots", { count: left }) }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    title: t("importPublish.title"),
    consequence,
    confirmLabel: t("importPublish.confirmLabel", { lots }),
  };
}

function PublishSection({
  importId,
  plan,
  asked,
  askedAgain,
  done,
  error,
}: {
  importId: string;
  plan: ImportPublishPlan;
  asked: boolean;
  /** The post came without the confirmation: the question as a step of the page. */
  askedAgain: boolean;
  done: { published: number; leftAsDrafts: number } | null;
  error: string | null;
}) {
  const { t } = useTranslation();
  const text = usePublishText(plan);
  const lots = t("counts.lots", { count: plan.publishable });
  const fields = { intent: "publish" };
  return (
    <section className="card stack" aria-labelledby="publish-heading" data-testid="import-publish">
      <h2 id="publish-heading">{t("importPublish.heading")}</h2>
      {asked && !done ? (
        <p className="notice" data-testid="import-publish-asked">
          {t("importPublish.asked")}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <p>{t("importPublish.drafts", { lots: t("counts.lots", { count: plan.drafts }) })}</p>
      {plan.publishable === 0 ? (
        <p className="hint" data-testid="import-publish-nothing">
          {t("importPublish.nothing")}
        </p>
      ) : askedAgain ? (
        <ConfirmStep fields={fields} text={text} cancelTo={`/lots/import/${importId}`} />
      ) : publishNeedsConfirmation(plan) ? (
        <>
          <p data-testid="import-publish-consequence">{text.consequence}</p>
          <ConfirmAction fields={fields} label={t("importPublish.button", { lots })} text={text} />
        </>
      ) : (
        <>
          <p data-testid="import-publish-consequence">{text.consequence}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit">{t("importPublish.button", { lots })}</button>
          </Form>
        </>
      )}
    </section>
  );
}

export default function LotImportPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const publishedNow =
    answer && "published" in answer && typeof answer.published === "number"
      ? { published: answer.published, leftAsDrafts: answer.leftAsDrafts ?? 0 }
      : null;
  const progress = useImportProgress(page.id, page.progress);
  const total = Math.max(progress.validRows, 1);
  const done = progress.status === "done" ? progress.importedRows : progress.processedRows;
  const percent = progress.status === "failed" ? 100 : Math.min(100, Math.round((done / total) * 100));
  const skipped = progress.totalRows - progress.validRows;
  const finished = page.progress.status === "done" || page.progress.status === "failed";

  return (
    <div className="stack import-page">
      <p className="breadcrumbs">
        <Link to="/dashboard">{t("nav.dashboard")}</Link> ›{" "}
        <Link to="/lots/import">{t("listing.import.crumb")}</Link> › {page.fileName}
      </p>
      <h1>
        {t(
          progress.status === "done"
            ? "listing.importResult.imported"
            : progress.status === "failed"
              ? "listing.importResult.failed"
              : "listing.importResult.importing",
          { file: page.fileName },
        )}
      </h1>
      {progress.status === "importing" ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t("listing.importResult.progress")}</h2>
        <div
          className="import-progress"
          role="progressbar"
          aria-label={t("listing.importResult.lotsWritten")}
          aria-valuemin={0}
          aria-valuemax={progress.validRows}
          aria-valuenow={done}
          data-testid="import-progress"
          data-status={progress.status}
        >
          <div
            className="import-progress-bar"
            data-status={progress.status}
            style={{ width: `${percent}%` }}
          />
        </div>
        <p className="import-progress-label" data-testid="import-progress-label" aria-live="polite">
          {progress.status === "importing"
            ? t("listing.importResult.writing", {
                processed: progress.processedRows,
                valid: progress.validRows,
                percent,
              })
            : progress.status === "done"
              ? t("listing.importResult.allWritten", { lots: progress.importedRows })
              : progress.status === "failed"
                ? t("listing.importResult.stopped")
                : progress.status}
        </p>
      </section>

      {page.progress.status === "done" ? (
        <section className="card notice" aria-labelledby="result-heading" data-testid="import-result">
          <h2 id="result-heading">
            {t("listing.importResult.resultHeading", { count: page.progress.importedRows })}
          </h2>
          <p>
            {[
              page.statuses.open > 0 ? t("listing.importResult.openNow", { lots: page.statuses.open }) : null,
              page.statuses.draft > 0
                ? t("listing.importResult.savedDrafts", { lots: page.statuses.draft })
                : null,
              page.statuses.other > 0
                ? t("listing.importResult.movedOn", { lots: page.statuses.other })
                : null,
              skipped > 0 ? t("listing.importResult.skipped", { count: skipped }) : null,
            ]
              .filter(Boolean)
              .join(" ")}
          </p>
          <p className="import-actions">
            <Link className="button" to="/lots/mine">
              {t("listing.importResult.seeMine")}
            </Link>
            <Link to="/lots/import">{t("listing.importResult.another")}</Link>
          </p>
        </section>
      ) : null}
      {publishedNow ? (
        <p className="notice" role="status" data-testid="import-published">
          {t("importPublish.published", { lots: t("counts.lots", { count: publishedNow.published }) })}
          {publishedNow.leftAsDrafts > 0
            ? ` ${t("importPublish.leftAsDrafts", { lots: t("counts.lots", { count: publishedNow.leftAsDrafts }) })}`
            : ""}
        </p>
      ) : null}
      {page.progress.status === "done" && page.publishPlan && page.publishPlan.drafts > 0 ? (
        <PublishSection
          importId={page.id}
          plan={page.publishPlan}
          asked={page.publishAsked}
          askedAgain={Boolean(answer && "confirm" in answer)}
          done={publishedNow}
          error={answer && "error" in answer ? answer.error : null}
        />
      ) : null}
      {page.progress.status === "failed" ? (
        <section className="import-failed" role="alert" data-testid="import-failed">
          <p>
            {page.issues[0] ? importIssueText(t, page.issues[0]) : t("listing.importResult.failedNothing")}
          </p>
          <p>
            <Link to="/lots/import">{t("listing.importResult.uploadAgain")}</Link>
          </p>
        </section>
      ) : null}

      {finished ? (
        <ImportIssuesTable
          issues={page.progress.status === "failed" ? page.issues.slice(1) : page.issues}
          more={page.moreIssues}
          caption={t("listing.importResult.skippedCaption")}
        />
      ) : null}
    </div>
  );
}
