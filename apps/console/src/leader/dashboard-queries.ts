import { useQueries, useQuery } from '@tanstack/react-query';
import { TICKET_STATUSES } from '@escala/domain';
import { api } from '../api/client';
import { LIVE_REFRESH_MS, useStructure } from '../api/queries';
import { unwrap } from '../api/problem';

const OPEN = TICKET_STATUSES.filter((status) => status !== 'resolved' && status !== 'closed');

/** Every unit's queue, refreshed while the leader watches. */
export function useAllQueues() {
  const structure = useStructure();
  const units = structure.data?.structure.units ?? [];
  const queues = useQueries({
    queries: units.map((unit) => ({
      queryKey: ['queue', unit.key],
      refetchInterval: LIVE_REFRESH_MS,
      queryFn: async () => unwrap(await api.GET('/queue/{unitKey}', { params: { path: { unitKey: unit.key } } })),
    })),
  });
  return units.map((unit, index) => ({ unit, queue: queues[index]?.data }));
}

export function useOverview() {
  return useQuery({
    queryKey: ['dashboard'],
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/dashboard')),
  });
}

export function useUrgentTickets() {
  return useQuery({
    queryKey: ['tickets', 'urgent'],
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () =>
      unwrap(
        await api.GET('/tickets', {
          params: {
            query: {
              tag: 'URGENTE',
              status: OPEN.join(','),
              limit: 50,
            },
          },
        }),
      ),
  });
}

/** The latest announcements, each with who has not acknowledged it yet. */
export function useAnnouncements() {
  const list = useQuery({
    queryKey: ['announcements'],
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/announcements', { params: { query: { limit: 5 } } })),
  });
  const open = (list.data?.items ?? []).filter((item) => item.acknowledgedCount < item.audienceCount);
  const statuses = useQueries({
    queries: open.map((item) => ({
      queryKey: ['announcements', item.id],
      refetchInterval: LIVE_REFRESH_MS,
      queryFn: async () => unwrap(await api.GET('/announcements/{id}', { params: { path: { id: item.id } } })),
    })),
  });
  return open.map((item, index) => ({ item, pending: statuses[index]?.data?.pending ?? [] }));
}
