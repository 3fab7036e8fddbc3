import { useFetcher } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * Watch / stop watching a lot. A fetcher form, so the page does not jump; without JavaScript it is
 * a plain POST that redirects back.
 */
export function WatchButton({
  lotId,
  watching,
  redirectTo = `/lots/${lotId}`,
}: {
  lotId: string;
  watching: boolean;
  /** Where to land after the change (the page the button is on). */
  redirectTo?: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  // Show the intended state at once while the request is in flight.
  const pending = fetcher.formData?.get("intent");
  const shown = pending === "watch" ? true : pending === "unwatch" ? false : watching;
  return (
    <fetcher.Form method="post" action={`/lots/${lotId}/watch`} className="inline-form">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <button
        type="submit"
        name="intent"
        value={shown ? "unwatch" : "watch"}
        className="button-secondary"
        aria-pressed={shown}
        data-testid="watch-button"
      >
        {shown ? `★ ${t("lot.watching")}` : `☆ ${t("lot.watch")}`}
      </button>
    </fetcher.Form>
  );
}
