import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactMeans } from '@escala/domain';
import { api } from '../api/client';
import { LIVE_REFRESH_MS } from '../api/queries';
import { unwrap } from '../api/problem';

/** Error-sheet inclusion requests nobody authorised yet, oldest first. */
export function useErrorSheetRequests() {
  return useQuery({
    queryKey: ['error-sheet-requests', 'requested'],
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () =>
      unwrap(await api.GET('/error-sheet-requests', { params: { query: { status: 'requested' } } })).items,
  });
}

/** Authorising emits `error_sheet.authorised`, which the Sheets connector turns into a row. */
export function useAuthoriseErrorSheet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/error-sheet-requests/{id}/authorisation', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['error-sheet-requests'] }),
  });
}

/** Declining needs the reason the agent will read on the ticket; the server refuses an empty one under `reason`. */
export function useDeclineErrorSheet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, reason }: { id: string; reason: string }) =>
      unwrap(await api.POST('/error-sheet-requests/{id}/decline', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['error-sheet-requests'] }),
  });
}

/** Partner-product demands whose partner's support the leader has not notified yet. */
export function usePendingPartnerCases() {
  return useQuery({
    queryKey: ['partner-cases', 'pending'],
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/partner-cases/pending')).items,
  });
}

export function useRecordPartnerNotified(ticketId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { means: ContactMeans; note: string }) =>
      unwrap(
        await api.POST('/tickets/{id}/partner-product/notification', { params: { path: { id: ticketId } }, body }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['partner-cases'] }),
  });
}
