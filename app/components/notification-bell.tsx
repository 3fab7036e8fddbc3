import { NavLink } from "@remix-run/react";

/** The header's bell: a link to /notifications whose accessible name says how many are unread. */
export function NotificationBell({ unread }: { unread: number }) {
  const label = unread > 0 ? `Notifications, ${unread} unread` : "Notifications, none unread";
  return (
    <NavLink to="/notifications" className="notification-bell" aria-label={label} title={label}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 ? (
        <span className="notification-badge" aria-hidden="true" data-testid="notification-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
