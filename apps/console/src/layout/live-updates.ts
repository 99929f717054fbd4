import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { tokenStore } from '../api/client';

/** The queries people wait on; the server's change feed makes them refetch (only those on screen do). */
export const LIVE_QUERY_KEYS: ReadonlySet<string> = new Set([
  'queue',
  'dashboard',
  'tickets',
  'announcements',
  'error-sheet-requests',
  'partner-cases',
]);

/** Changes come in bursts (one action writes several events): one refetch per burst. */
const SETTLE_MS = 300;

export function refreshLiveQueries(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ predicate: (query) => LIVE_QUERY_KEYS.has(String(query.queryKey[0])) });
}

/**
 * Follows the server's change feed (`GET /live/changes`, server-sent events with the session's bearer
 * token, which EventSource cannot send) while signed in; reconnects by itself. Returns whether the
 * feed is connected, so a screen can say it is live.
 */
export function useLiveUpdates(enabled: boolean): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let settle: ReturnType<typeof setTimeout> | undefined;
    void fetchEventSource('/live/changes', {
      signal: abort.signal,
      headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` },
      // Hidden tabs keep listening: a leader glancing back should not see stale panels.
      openWhenHidden: true,
      async onopen(response) {
        if (!response.ok) throw new Error(`live feed refused: ${response.status}`);
        setConnected(true);
      },
      onmessage(message) {
        // `ready` follows a (re)connection: whatever changed while away is refetched too.
        if (message.event !== 'changes' && message.event !== 'ready') return;
        clearTimeout(settle);
        settle = setTimeout(() => void refreshLiveQueries(client), SETTLE_MS);
      },
      onerror() {
        setConnected(false);
        return 5000;
      },
      onclose() {
        // A closed stream is an interruption (a restart, a proxy): throwing makes onerror retry it.
        throw new Error('live feed closed');
      },
    });
    return () => {
      clearTimeout(settle);
      abort.abort();
      setConnected(false);
    };
  }, [client, enabled]);
  return connected;
}
