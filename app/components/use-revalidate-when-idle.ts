import { useNavigation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";

/**
 * Returns `reload()`: reloads the page's data once nothing else is loading. A live page (an SSE
 * message, a poll) asks for reloads at moments it does not choose; calling Remix's `revalidate()`
 * while a reload or a navigation is under way aborts that one mid-response, which Remix's single
 * fetch reports as a console error ("AbortError: signal is aborted without reason") although
 * nothing is wrong. So a request made while busy is remembered and made once the page is idle, and
 * requests made together become one reload.
 */
export function useRevalidateWhenIdle(): () => void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const idle = revalidator.state === "idle" && navigation.state === "idle";
  const pending = useRef(false);
  const latest = useRef({ revalidate: revalidator.revalidate, idle });
  latest.current = { revalidate: revalidator.revalidate, idle };

  const reload = useCallback(() => {
    if (!latest.current.idle) {
      pending.current = true;
      return;
    }
    pending.current = false;
    // Busy from now on, before React renders the revalidator's new state: a second request in the
    // same tick waits for this reload instead of aborting it.
    latest.current.idle = false;
    try {
      // A navigation the user starts still aborts a reload: it loads the page anyway.
      Promise.resolve(latest.current.revalidate()).catch(() => {});
    } catch {
      // aborted synchronously by a navigation starting, which loads the page anyway
    }
  }, []);

  useEffect(() => {
    if (idle && pending.current) reload();
  }, [idle, reload]);

  return reload;
}
