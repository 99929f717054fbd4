import { Badge, Card, Group, List, Stack, Text, Title, UnstyledButton, Collapse } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { SlaClock } from '../api/models';
import { LIVE_REFRESH_MS } from '../api/queries';
import { unwrap } from '../api/problem';
import { formatDateTime, formatDuration } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';

const STATE_COLOR: Record<string, string> = { running: 'blue', paused: 'gray', met: 'green', stopped: 'gray' };

/** The ticket's SLA clocks, each with the explanation of its due time. */
export function SlaPanel({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const sla = useQuery({
    queryKey: ['ticket', ticketId, 'sla'],
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/tickets/{id}/sla', { params: { path: { id: ticketId } } })),
  });
  return (
    <Stack gap="xs">
      <Title order={3}>{t('ticket.sla')}</Title>
      <ProblemAlert error={sla.error} />
      {(sla.data?.clocks ?? []).map((clock) => (
        <ClockCard key={clock.clockId} clock={clock} />
      ))}
    </Stack>
  );
}

function ClockCard({ clock }: { clock: SlaClock }) {
  const { t, i18n } = useTranslation();
  const [open, { toggle }] = useDisclosure(false);
  const breached = clock.breachedAt !== null;
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between">
        <Text fw={600}>
          {clock.unitKey} · {t(`sla.kind.${clock.kind}`, { defaultValue: clock.kind })}
        </Text>
        <Badge color={breached ? 'red' : (STATE_COLOR[clock.state] ?? 'gray')}>
          {breached ? t('sla.state.breached') : t(`sla.state.${clock.state}`, { defaultValue: clock.state })}
        </Badge>
      </Group>
      <Text size="sm">
        {clock.dueAt ? `${t('ticket.dueAt')} ${formatDateTime(clock.dueAt, i18n.language)}` : t('ticket.noDue')}
      </Text>
      <UnstyledButton onClick={toggle} aria-expanded={open} c="blue" fz="sm" td="underline">
        {t('ticket.why')}
      </UnstyledButton>
      <Collapse expanded={open}>
        <Text size="sm">
          {t(clock.remainingMs === null ? 'sla.explainEnded' : 'sla.explain', {
            hours: clock.target.hours,
            basis: t(`sla.basis.${clock.target.basis}`, { defaultValue: clock.target.basis }),
            start: formatDateTime(clock.startedAt, i18n.language),
            elapsed: formatDuration(clock.elapsedMs),
            remaining: clock.remainingMs === null ? '' : formatDuration(clock.remainingMs),
            end: clock.endedAt ? formatDateTime(clock.endedAt, i18n.language) : '',
          })}
        </Text>
        {clock.pauses.length > 0 && <Text size="sm">{t('sla.pauses', { count: clock.pauses.length })}</Text>}
        {clock.holidays.length > 0 && (
          <Text size="sm">
            {t('sla.holidays', { list: clock.holidays.map((day) => `${day.date} ${day.name}`).join(', ') })}
          </Text>
        )}
        <List size="xs">
          {clock.segments.map((segment) => (
            <List.Item key={segment.start}>
              {formatDateTime(segment.start, i18n.language)} → {formatDateTime(segment.end, i18n.language)} (
              {formatDuration(segment.ms)})
            </List.Item>
          ))}
        </List>
      </Collapse>
    </Card>
  );
}
