import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadDocumentCatalogue } from "./i18n/use-page-i18n.ts";

// The page's catalogue first (preloaded in the head, cached for a year: ADR 062), so the first
// render translates as the server did and hydration matches.
void loadDocumentCatalogue(document).then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
