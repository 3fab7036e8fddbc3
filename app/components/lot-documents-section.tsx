import { Form, Link } from "@remix-run/react";
import { DOCUMENT_KIND_LABELS, type DocumentKind } from "~/domain/lot-documents.ts";
import { formatFileSize } from "~/domain/quantity.ts";
import { useTranslation } from "~/i18n/use-translation.ts";
import { LotDocumentInputs } from "./lot-document-inputs.tsx";

interface DocumentView {
  id: string;
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** The lot's documents: downloads for signed-in users; upload and removal for the seller. */
export function LotDocumentsSection({
  lotId,
  documents,
  loggedIn,
  isOwner,
  canDelete,
  canUpload,
  errors,
}: {
  lotId: string;
  documents: DocumentView[];
  loggedIn: boolean;
  isOwner: boolean;
  canDelete: boolean;
  canUpload: boolean;
  errors?: Record<string, string>;
}) {
  // In the page's language (issue 14); the document kinds' labels are still English.
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="documents-heading" data-testid="lot-documents">
      <h2 id="documents-heading">{t("lot.documents.heading")}</h2>
      {documents.length === 0 ? (
        <p className="empty">{t("lot.documents.none")}</p>
      ) : (
        <ul className="document-list">
          {documents.map((d) => (
            <li key={d.id}>
              <span className="badge">{DOCUMENT_KIND_LABELS[d.kind]}</span>{" "}
              {loggedIn ? (
                <a href={`/lots/${lotId}/documents/${d.id}`} download={d.fileName}>
                  {d.fileName}
                </a>
              ) : (
                <span>{d.fileName}</span>
              )}{" "}
              <span className="hint">({formatFileSize(d.sizeBytes)})</span>
              {isOwner && canDelete ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="documentId" value={d.id} />
                  <button type="submit" name="intent" value="deleteDocument" className="button-link">
                    {t("lot.documents.remove")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!loggedIn && documents.length > 0 ? (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(`/lots/${lotId}`)}`}>{t("nav.logIn")}</Link>{" "}
          {t("lot.documents.toDownload")}
        </p>
      ) : null}
      {canUpload ? (
        <details className="upload-more" open={errors && Object.keys(errors).length > 0 ? true : undefined}>
          <summary>{t("lot.documents.add")}</summary>
          <Form method="post" encType="multipart/form-data" noValidate className="stack">
            <LotDocumentInputs feedback={{ errors }} />
            <button type="submit" name="intent" value="upload" className="button-secondary">
              {t("lot.documents.addFiles")}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
