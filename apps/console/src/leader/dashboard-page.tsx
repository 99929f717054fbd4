import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { useSession } from '../auth/session';
import { formatDateTime, formatDuration } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { ErrorSheetApprovalsPanel, PartnerNotificationsPanel } from './approvals-panels';
import { useAllQueues, useAnnouncements, useOverview, useUrgentTickets } from './dashboard-queries';

/** What a leader watches per tier/stage; every panel refetches when the server's change feed says so. */
export default function DashboardPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('dashboard.title')}</Title>
      <QueuesPanel />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SlaPanel />
        <UrgentPanel />
        <ApprovalsPanel />
        <ErrorSheetApprovalsPanel />
        <PartnerNotificationsPanel />
        <AnnouncementsPanel />
      </SimpleGrid>
    </Stack>
  );
}

function QueuesPanel() {
  const { t, i18n } = useTranslation();
  const queues = useAllQueues();
  const data = queues.map(({ unit, queue }) => ({ unit: unit.key, [t('dashboard.length')]: queue?.items.length ?? 0 }));
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        {t('dashboard.queues')}
      </Title>
      <BarChart h={220} data={data} dataKey="unit" series={[{ name: t('dashboard.length'), color: 'blue.7' }]} />
      <Table mt="sm" aria-label={t('dashboard.queues')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ticket.unit')}</Table.Th>
            <Table.Th>{t('dashboard.length')}</Table.Th>
            <Table.Th>{t('dashboard.oldest')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {queues.map(({ unit, queue }) => {
            const oldest = queue?.items.reduce((max, item) => Math.max(max, item.waitingMs), 0) ?? 0;
            return (
              <Table.Tr key={unit.key}>
                <Table.Td>
                  {unit.key} — {unit.name}
                </Table.Td>
                <Table.Td>{queue?.items.length ?? '…'}</Table.Td>
                <Table.Td>{queue?.items.length ? formatDuration(oldest, i18n.language) : '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function SlaPanel() {
  const { t, i18n } = useTranslation();
  const overview = useOverview();
  const rows = overview.data?.sla ?? [];
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        {t('dashboard.sla')}
      </Title>
      <ProblemAlert error={overview.error} />
      {rows.length === 0 ? (
        <Text c="dimmed">{t('dashboard.none')}</Text>
      ) : (
        <Table aria-label={t('dashboard.sla')}>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.ticketId}>
                <Table.Td>
                  <Anchor component={Link} href={`/tickets/${row.ticketId}`}>
                    #{row.number}
                  </Anchor>{' '}
                  {row.subject}
                </Table.Td>
                <Table.Td>{row.unitKey}</Table.Td>
                <Table.Td>
                  <Badge color={row.state === 'breached' ? 'red' : 'orange'}>
                    {t(`dashboard.slaState.${row.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{row.assignee ?? t('dashboard.unassigned')}</Table.Td>
                <Table.Td>{row.dueAt ? formatDateTime(row.dueAt, i18n.language) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function UrgentPanel() {
  const { t } = useTranslation();
  const urgent = useUrgentTickets();
  const items = urgent.data?.items ?? [];
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        {t('dashboard.urgent')}
      </Title>
      <ProblemAlert error={urgent.error} />
      {items.length === 0 ? (
        <Text c="dimmed">{t('dashboard.none')}</Text>
      ) : (
        <List>
          {items.map((ticket) => (
            <List.Item key={ticket.id}>
              <Anchor component={Link} href={`/tickets/${ticket.id}`}>
                #{ticket.number}
              </Anchor>{' '}
              {ticket.subject} ({ticket.unitKey})
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

function ApprovalsPanel() {
  const { t } = useTranslation();
  const { me } = useSession();
  const client = useQueryClient();
  const overview = useOverview();
  const decide = useMutation({
    mutationFn: async ({ id, approve }: { id: string; approve: boolean }) =>
      unwrap(
        await api.POST('/priority-requests/{id}/decision', {
          params: { path: { id } },
          body: approve ? { approve } : { approve, declineReason: t('dashboard.declinedFromDashboard') },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['dashboard'] }),
  });
  const requests = overview.data?.pendingPriorityRequests ?? [];
  const canDecide = me?.roles.includes('leader') ?? false;
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        {t('dashboard.approvals')}
      </Title>
      <ProblemAlert error={decide.error} />
      {requests.length === 0 && <Text c="dimmed">{t('dashboard.none')}</Text>}
      <Stack gap="sm">
        {requests.map((request) => (
          <Card key={request.id} withBorder padding="xs" data-testid="priority-request">
            <Text size="sm" fw={600}>
              {t(`dashboard.priorityKind.${request.kind}`, { defaultValue: request.kind })} —{' '}
              <Anchor component={Link} href={`/tickets/${request.ticketId}`}>
                #{request.number}
              </Anchor>{' '}
              {request.subject}
            </Text>
            <Text size="sm">{request.justification}</Text>
            <Text size="xs" c="dimmed">
              {request.requestedBy}
            </Text>
            {canDecide && (
              <Group mt="xs">
                <Button size="xs" onClick={() => decide.mutate({ id: request.id, approve: true })}>
                  {t('dashboard.approve')}
                </Button>
                <Button size="xs" variant="default" onClick={() => decide.mutate({ id: request.id, approve: false })}>
                  {t('dashboard.reject')}
                </Button>
              </Group>
            )}
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function AnnouncementsPanel() {
  const { t } = useTranslation();
  const announcements = useAnnouncements();
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="sm">
        {t('dashboard.announcements')}
      </Title>
      {announcements.length === 0 && <Text c="dimmed">{t('dashboard.none')}</Text>}
      {announcements.map(({ item, pending }) => (
        <Stack key={item.id} gap={2} mb="sm">
          <Text fw={600}>
            {item.title} ({item.acknowledgedCount}/{item.audienceCount})
          </Text>
          <Text size="sm">
            {t('dashboard.notAcknowledged')}: {pending.map((person) => person.displayName).join(', ')}
          </Text>
        </Stack>
      ))}
    </Card>
  );
}
