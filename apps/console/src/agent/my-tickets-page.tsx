import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { TICKET_STATUSES } from '@escala/domain';
import { api } from '../api/client';
import { LIVE_REFRESH_MS } from '../api/queries';
import { unwrap } from '../api/problem';
import { useSession } from '../auth/session';
import { formatDateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';

// Everything but closed: a resolved ticket may still come back to the agent.
const HELD = TICKET_STATUSES.filter((status) => status !== 'closed');

export function MyTicketsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const tickets = useQuery({
    queryKey: ['tickets', 'mine', me?.id],
    enabled: Boolean(me),
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () =>
      unwrap(
        await api.GET('/tickets', { params: { query: { assigneeId: me!.id, status: HELD.join(','), limit: 100 } } }),
      ),
  });
  return (
    <Stack>
      <Title order={1}>{t('mine.title')}</Title>
      <ProblemAlert error={tickets.error} />
      <Table striped aria-label={t('mine.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('next.ticket')}</Table.Th>
            <Table.Th>{t('ticket.status')}</Table.Th>
            <Table.Th>{t('ticket.tags')}</Table.Th>
            <Table.Th>{t('ticket.unit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tickets.data?.items ?? []).map((ticket) => (
            <Table.Tr key={ticket.id}>
              <Table.Td>
                <Anchor component={Link} href={`/tickets/${ticket.id}`}>
                  #{ticket.number} {ticket.subject}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDateTime(ticket.createdAt, i18n.language)}
                </Text>
              </Table.Td>
              <Table.Td>{t(`status.${ticket.status}`)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {ticket.tags.map((tag) => (
                    <Badge key={tag} color={tag === 'URGENTE' ? 'red' : 'gray'}>
                      {tag}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{ticket.unitKey}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {tickets.data?.items.length === 0 && <Text c="dimmed">{t('mine.empty')}</Text>}
    </Stack>
  );
}
