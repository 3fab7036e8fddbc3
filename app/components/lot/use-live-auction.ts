import { useEffect, useState } from "react";
import type { LiveAuction } from "~/domain/bidding/live-auction.ts";

/**
 * The lot's live sale state: starts from the page's loader data and follows
 * /lots/{id}/events (Server-Sent Events; EventSource reconnects by itself). When the loader runs
 * again (after one's own bid) its state is taken if it is at least as new as the stream's.
 */
export function useLiveAuction(lotId: string, initial: LiveAuction) {
  const [live, setLive] = useState(initial);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    setLive((current) => (initial.sequence >= current.sequence ? initial : current));
  }, [initial]);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource(`/lots/${lotId}/events`);
    const onAuction = (event: MessageEvent<string>) => {
      try {
        setLive(JSON.parse(event.data) as LiveAuction);
      } catch {
        // a malformed message is skipped; the next one carries the whole state again
      }
    };
    source.addEventListener("auction", onAuction);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => {
      source.removeEventListener("auction", onAuction);
      source.close();
    };
  }, [lotId]);

  return { live, connected };
}

/** The current time, ticking every second once in the browser; null while rendering on the server. */
export function useNow(intervalMs = 1_000): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
