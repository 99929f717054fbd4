import { Alert, Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api } from '../api/client';
import type { PendingWork, SkipReason } from '../api/models';
import { useQueueView } from '../api/queries';
import { unwrap } from '../api/problem';
import { useSession } from '../auth/session';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import { formatDuration } from '../ui/format';

const SKIP_REASONS: SkipReason[] = ['urgent', 'leader-priority', 'customer-contacted-again', 'priority-email'];

/** "Próximo atendimento": take the next ticket; a refusal lists the pending items that block it. */
export function NextTicketPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const placement = useQuery({
    queryKey: ['placement', me?.id],
    queryFn: async () =>
      unwrap(await api.GET('/support-members')).items.find((member) => member.userId === me?.id) ?? null,
  });
  const unitKey = placement.data?.unitKey;
  const queue = useQueueView(unitKey);
  const take = useMutation({
    mutationFn: async () => unwrap(await api.POST('/queue/next')),
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: ['queue'] });
      if (answer.ticket) navigate(`/tickets/${answer.ticket.id}`);
    },
  });
  const problem = problemOf(take.error);
  const pending = (problem?.blocking ?? []) as unknown as PendingWork[];

  return (
    <Stack>
      <Title order={1}>{t('next.title')}</Title>
      <Group>
        <Button size="md" onClick={() => take.mutate()} loading={take.isPending}>
          {t('next.take')}
        </Button>
      </Group>
      {take.data && !take.data.ticket && <Alert color="blue">{t('next.empty')}</Alert>}
      {pending.length > 0 ? (
        <Alert color="orange" title={t('next.blocked')} role="alert">
          <List>
            {pending.map((item) => (
              <List.Item key={`${item.ticketId}-${item.kind}`}>
                <Link href={`/tickets/${item.ticketId}`}>#{item.ticketNumber}</Link> — {t(`pending.${item.kind}`)}
                {item.description ? `: ${item.description}` : ''} ({new Date(item.since).toLocaleString(i18n.language)})
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <ProblemAlert error={take.error} />
      )}
      <Text>{t('next.skipRules')}</Text>
      <List>
        {SKIP_REASONS.map((reason) => (
          <List.Item key={reason}>{t(`skipReason.${reason}`)}</List.Item>
        ))}
      </List>
      {placement.data === null && <Alert color="gray">{t('next.noQueue')}</Alert>}
      {unitKey && (
        <>
          <Title order={2}>{t('next.queue', { unit: unitKey })}</Title>
          <Table striped aria-label={t('next.queue', { unit: unitKey })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('next.position')}</Table.Th>
                <Table.Th>{t('next.ticket')}</Table.Th>
                <Table.Th>{t('next.waiting')}</Table.Th>
                <Table.Th>{t('next.skip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(queue.data?.items ?? []).map((item) => (
                <Table.Tr key={item.ticketId}>
                  <Table.Td>{item.position}</Table.Td>
                  <Table.Td>
                    #{item.number} {item.subject}
                  </Table.Td>
                  <Table.Td>{formatDuration(item.waitingMs, i18n.language)}</Table.Td>
                  <Table.Td>
                    {item.skipReason && <Badge color="red">{t(`skipReason.${item.skipReason}`)}</Badge>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {queue.data?.items.length === 0 && <Text c="dimmed">{t('next.empty')}</Text>}
        </>
      )}
    </Stack>
  );
}
