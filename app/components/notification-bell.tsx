import { NavLink } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/use-translation.ts";

/**
 * The header's bell: a link to /notifications whose accessible name says how many are unread.
 * The icon is an inline SVG, not the 🔔 emoji: browsers without an emoji font drew the emoji as an
 * empty box. It takes the link's text colour (currentColor) and is hidden from screen readers,
 * which read the link's label instead.
 *
 * The count follows /notifications/events live (Server-Sent Events; EventSource reconnects by
 * itself) while the tab is visible: a notice written for the viewer anywhere, or read in another
 * tab, moves it without a reload. The page's own count is the starting point and wins again after
 * each navigation.
 */
export function NotificationBell({ unread: loaded }: { unread: number }) {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(loaded);
  useEffect(() => setUnread(loaded), [loaded]);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    // One stream per browser, not per tab: over HTTP/1.1 a browser opens at most six connections to
    // a host, and a bell stream in every open tab (beside a lot's or a shipment's) would starve page
    // loads. The tab holding the "packloop-bell" Web Lock follows the stream and passes each count
    // to the other tabs over a BroadcastChannel; when it closes, the next tab takes the lock. Without
    // Web Locks (a plain-http host that is not localhost), only a visible tab holds a stream.
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("packloop-bell");
    const apply = (unreadCount: unknown) => {
      if (Number.isInteger(unreadCount)) setUnread(unreadCount as number);
    };
    if (channel) channel.onmessage = (event: MessageEvent<{ unread: unknown }>) => apply(event.data?.unread);
    let source: EventSource | null = null;
    const onBell = (event: MessageEvent<string>) => {
      try {
        const update = JSON.parse(event.data) as { unread: number };
        apply(update.unread);
        channel?.postMessage({ unread: update.unread });
      } catch {
        // a malformed message is ignored; the next one carries the count again
      }
    };
    const open = () => {
      if (source) return;
      source = new EventSource("/notifications/events");
      source.addEventListener("bell", onBell as EventListener);
    };
    const close = () => {
      source?.removeEventListener("bell", onBell as EventListener);
      source?.close();
      source = null;
    };
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (locks && channel) {
      const release = new AbortController();
      let done: () => void = () => {};
      locks
        .request("packloop-bell", { signal: release.signal }, () => {
          open();
          return new Promise<void>((resolve) => {
            done = resolve;
          });
        })
        .catch(() => {
          // aborted while waiting for the lock: this tab is going away
        });
      return () => {
        release.abort();
        close();
        done();
        channel.close();
      };
    }
    const follow = () => (document.visibilityState === "hidden" ? close() : open());
    follow();
    document.addEventListener("visibilitychange", follow);
    return () => {
      document.removeEventListener("visibilitychange", follow);
      close();
      channel?.close();
    };
  }, []);
  const label = unread > 0 ? t("notificationsPage.bell", { count: unread }) : t("notificationsPage.bellNone");
  return (
    <NavLink to="/notifications" className="notification-bell" aria-label={label} title={label}>
      <svg
        className="notification-bell-icon"
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 24 24"
        width="20"
        height="20"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span className="notification-badge" aria-hidden="true" data-testid="notification-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
