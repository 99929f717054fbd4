import { Badge, Button, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { fieldError, unwrap } from '../api/problem';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import type { ErrorSheetRequest } from '../api/models';
import { useTicketMutation } from './ticket-actions';

const STATUS_COLOR: Record<ErrorSheetRequest['status'], string> = {
  requested: 'yellow',
  authorised: 'green',
  declined: 'red',
};

/** docs/playbook.md §11: ask to include the case in the Controle de Correção de Erros; a leader or N2 authorises. */
export function ErrorSheetPanel({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const [description, setDescription] = useState('');
  const requests = useQuery({
    queryKey: ['ticket', ticketId, 'error-sheet'],
    queryFn: async () =>
      unwrap(await api.GET('/error-sheet-requests')).items.filter((request) => request.ticketId === ticketId),
  });
  const ask = useTicketMutation(ticketId, async () =>
    unwrap(
      await api.POST('/tickets/{id}/error-sheet-requests', {
        params: { path: { id: ticketId } },
        body: { description },
      }),
    ),
  );
  return (
    <Stack gap="xs" component="section" aria-label={t('panels.errorSheet.title')}>
      <Title order={3}>{t('panels.errorSheet.title')}</Title>
      <ProblemAlert error={requests.error} />
      {(requests.data ?? []).length > 0 && (
        <List size="sm" aria-label={t('panels.errorSheet.title')}>
          {requests.data!.map((request) => (
            <List.Item key={request.id}>
              <Badge variant="light" color={STATUS_COLOR[request.status]}>
                {t(`panels.errorSheet.status.${request.status}`)}
              </Badge>{' '}
              <Text span size="sm">
                {request.description} (
                {t('panels.errorSheet.requestedAt', {
                  at: new Date(request.requestedAt).toLocaleString(i18n.language),
                })}
                )
              </Text>
              {request.declineReason && (
                <Text size="sm" c="red.8">
                  {t('panels.errorSheet.declinedBecause', { reason: request.declineReason })}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      <Textarea
        label={t('panels.errorSheet.description')}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={fieldError(problemOf(ask.error), 'description')}
      />
      <ProblemAlert error={ask.error} shownFields={['description']} />
      <Button
        variant="light"
        loading={ask.isPending}
        onClick={() => ask.mutate(undefined, { onSuccess: () => setDescription('') })}
      >
        {t('panels.errorSheet.request')}
      </Button>
    </Stack>
  );
}
