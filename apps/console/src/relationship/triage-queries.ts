import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { RequestBody } from '../api/models';
import { LIVE_REFRESH_MS } from '../api/queries';
import { unwrap } from '../api/problem';

export type TriageTarget = RequestBody<'/triage-items/{id}/redirect', 'post'>;

/** Mail waiting for the relationship desk, oldest first. */
export function useTriageItems() {
  return useQuery({
    queryKey: ['triage-items'],
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/triage-items')).items,
  });
}

/** Customers to choose from when a mail opens a ticket (the first 200 by name). */
export function useCustomers() {
  return useQuery({
    queryKey: ['customers'],
    queryFn: async () => unwrap(await api.GET('/customers', { params: { query: {} } })).items,
  });
}

/** People placed in the structure: the ones a mail can be sent to. */
export function useSupportMembers() {
  return useQuery({
    queryKey: ['support-members'],
    queryFn: async () => unwrap(await api.GET('/support-members', { params: { query: {} } })).items,
  });
}

export function useRedirectTriage(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TriageTarget) =>
      unwrap(await api.POST('/triage-items/{id}/redirect', { params: { path: { id } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['triage-items'] }),
  });
}

export function useDismissTriage(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(await api.POST('/triage-items/{id}/dismissal', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['triage-items'] }),
  });
}
