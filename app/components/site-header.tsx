import { useLocation } from "@remix-run/react";
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The site's header. Its content (brand, main navigation) sits in a `<details>` so that on phones
 * the links fold behind a "Menu" toggle that opens by tap or keyboard before (and without)
 * hydration; on wider screens the CSS hides the toggle and shows everything, open or not
 * (app/styles/phone.css, ADR 041). The script only closes the menu after a navigation or on
 * Escape, as the header stays on screen from page to page.
 */
export function SiteHeader({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  const { t } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes the menu on every navigation
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);
  return (
    <header className="site-header">
      <details
        ref={menu}
        className="site-menu"
        onKeyDown={(event) => {
          if (event.key !== "Escape" || !event.currentTarget.open) return;
          event.currentTarget.open = false;
          event.currentTarget.querySelector("summary")?.focus();
        }}
      >
        <summary className="site-menu-toggle">{t("nav.menu")}</summary>
        {children}
      </details>
    </header>
  );
}
