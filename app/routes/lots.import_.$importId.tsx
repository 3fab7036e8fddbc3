import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { requireActor } from "~/auth/actor.server.ts";
import { ImportIssuesTable } from "~/components/lot-import-issues.tsx";
import { formatNumber } from "~/domain/quantity.ts";
import { getLotImport, importedLotStatuses, importIssues } from "~/models/lot-import.server.ts";
import importStyles from "~/styles/lot-import.css?url";
import type { ImportProgress } from "./lots.import_.$importId.progress.ts";

// The page of one import: a progress bar while its lots are written, then the result. The route
// file's name ends the nesting under lots.import.tsx (the upload page), which has no <Outlet />.

export const meta: MetaFunction = () => [{ title: "Lot import · Packloop" }];
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
  return {
    id: record.id,
    fileName: record.fileName,
    validOnly: record.validOnly,
    createdAt: record.createdAt.toISOString(),
    progress,
    statuses: await importedLotStatuses(record),
    issues: issues.slice(0, ISSUES_SHOWN),
    moreIssues: Math.max(0, issues.length - ISSUES_SHOWN),
  };
}

/** Polls the progress resource while the import runs, then reloads the page's data once. */
function useImportProgress(id: string, initial: ImportProgress): ImportProgress {
  const [polled, setPolled] = useState<ImportProgress | null>(null);
  const revalidator = useRevalidator();
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
            revalidator.revalidate();
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
  }, [id, running, revalidator.revalidate]);
  return running && polled ? polled : initial;
}

const n = (value: number) => formatNumber(value);

export default function LotImportPage() {
  const page = useLoaderData<typeof loader>();
  const progress = useImportProgress(page.id, page.progress);
  const total = Math.max(progress.validRows, 1);
  const done = progress.status === "done" ? progress.importedRows : progress.processedRows;
  const percent = progress.status === "failed" ? 100 : Math.min(100, Math.round((done / total) * 100));
  const skipped = progress.totalRows - progress.validRows;
  const finished = page.progress.status === "done" || page.progress.status === "failed";

  return (
    <div className="stack import-page">
      <p className="breadcrumbs">
        <Link to="/dashboard">Dashboard</Link> › <Link to="/lots/import">Import lots</Link> › {page.fileName}
      </p>
      <h1>
        {progress.status === "done"
          ? "Imported"
          : progress.status === "failed"
            ? "Failed to import"
            : "Importing"}{" "}
        {page.fileName}
      </h1>
      {progress.status === "importing" ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <div
          className="import-progress"
          role="progressbar"
          aria-label="Lots written"
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
            ? `${n(progress.processedRows)} of ${n(progress.validRows)} lots written (${percent} %)…`
            : progress.status === "done"
              ? `All ${n(progress.importedRows)} lots written.`
              : progress.status === "failed"
                ? "Stopped."
                : progress.status}
        </p>
      </section>

      {page.progress.status === "done" ? (
        <section className="card notice" aria-labelledby="result-heading" data-testid="import-result">
          <h2 id="result-heading">
            Imported {n(page.progress.importedRows)} {page.progress.importedRows === 1 ? "lot" : "lots"}
          </h2>
          <p>
            {page.statuses.open > 0 ? `${n(page.statuses.open)} published and open for bids. ` : null}
            {page.statuses.draft > 0 ? `${n(page.statuses.draft)} saved as drafts. ` : null}
            {page.statuses.other > 0 ? `${n(page.statuses.other)} have moved on since. ` : null}
            {skipped > 0
              ? `${n(skipped)} ${skipped === 1 ? "line was" : "lines were"} skipped (listed below).`
              : null}
          </p>
          <p className="import-actions">
            <Link className="button" to="/lots/mine">
              See them in My lots
            </Link>
            <Link to="/lots/import">Import another file</Link>
          </p>
        </section>
      ) : null}
      {page.progress.status === "failed" ? (
        <section className="import-failed" role="alert" data-testid="import-failed">
          <p>{page.issues[0]?.message ?? "The import failed; nothing was imported."}</p>
          <p>
            <Link to="/lots/import">Upload the file again</Link>
          </p>
        </section>
      ) : null}

      {finished ? (
        <ImportIssuesTable
          issues={page.progress.status === "failed" ? page.issues.slice(1) : page.issues}
          more={page.moreIssues}
          caption="Skipped lines and their problems"
        />
      ) : null}
    </div>
  );
}
