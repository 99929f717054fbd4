import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';

/**
 * A safety net only: the screens people wait on (queue, dashboard) refresh when the server's change
 * feed says something changed (layout/live-updates.ts); this catches a feed that silently stalled.
 */
export const LIVE_REFRESH_MS = 60_000;

export function useStructure() {
  return useQuery({
    queryKey: ['support-structure'],
    queryFn: async () => unwrap(await api.GET('/support-structure')),
  });
}

export function useQueueView(unitKey: string | undefined) {
  return useQuery({
    queryKey: ['queue', unitKey],
    enabled: Boolean(unitKey),
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/queue/{unitKey}', { params: { path: { unitKey: unitKey! } } })),
  });
}
