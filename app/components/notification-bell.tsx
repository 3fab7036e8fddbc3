import { NavLink } from "@remix-run/react";
import { useEffect, useState } from "react";

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
  const [unread, setUnread] = useState(loaded);
  useEffect(() => setUnread(loaded), [loaded]);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    // Only a visible tab holds the stream: over HTTP/1.1 a browser opens at most six connections to
    // a host, and a bell in every open tab would use them up. A tab shown again reconnects, and the
    // stream's first message is the current count.
    let source: EventSource | null = null;
    const onBell = (event: MessageEvent<string>) => {
      try {
        const update = JSON.parse(event.data) as { unread: number };
        if (Number.isInteger(update.unread)) setUnread(update.unread);
      } catch {
        // a malformed message is ignored; the next one carries the count again
      }
    };
    const close = () => {
      source?.removeEventListener("bell", onBell as EventListener);
      source?.close();
      source = null;
    };
    const follow = () => {
      if (document.visibilityState === "hidden") return close();
      if (source) return;
      source = new EventSource("/notifications/events");
      source.addEventListener("bell", onBell as EventListener);
    };
    follow();
    document.addEventListener("visibilitychange", follow);
    return () => {
      document.removeEventListener("visibilitychange", follow);
      close();
    };
  }, []);
  const label = unread > 0 ? `Notifications, ${unread} unread` : "Notifications, none unread";
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
