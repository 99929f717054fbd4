import { Badge, Divider, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { LIVE_REFRESH_MS } from '../api/queries';
import { unwrap } from '../api/problem';
import { ProblemAlert } from '../ui/problem-alert';
import { CANCELLATION_CATEGORY } from '@escala/domain';
import { CancellationPanel } from './cancellation-panel';
import { DeadlinesPanel } from './deadlines-panel';
import { EntitlementsPanel } from './entitlements-panel';
import { ErrorSheetPanel } from './error-sheet-panel';
import { MediationPanel } from './mediation-panel';
import { PartnerProductPanel } from './partner-product-panel';
import { ReplyComposer } from './reply-composer';
import { SlaPanel } from './sla-panel';
import { AnalysisForm, EscalateForm, StatusForm, TagsForm, UrgentForm } from './ticket-actions';
import { Timeline } from './timeline';

export function TicketPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const ticket = useQuery({
    queryKey: ['ticket', id],
    queryFn: async () => unwrap(await api.GET('/tickets/{id}', { params: { path: { id } } })),
  });
  const entries = useQuery({
    // The system's lines come in the reader's language: another language is another answer.
    queryKey: ['ticket', id, 'entries', i18n.language],
    refetchInterval: LIVE_REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/tickets/{id}/entries', { params: { path: { id } } })),
  });
  if (ticket.error) return <ProblemAlert error={ticket.error} />;
  if (!ticket.data) return <Text>{t('common.loading')}</Text>;
  const current = ticket.data;
  return (
    <Stack>
      <Group>
        <Title order={1}>{t('ticket.title', { number: current.number })}</Title>
        {current.tags.map((tag) => (
          <Badge key={tag} color={tag === 'URGENTE' ? 'red' : 'gray'} size="lg">
            {tag}
          </Badge>
        ))}
      </Group>
      <Text fw={600}>{current.subject}</Text>
      <Group gap="lg">
        <Text size="sm">
          {t('ticket.status')}: <b>{t(`status.${current.status}`)}</b>
        </Text>
        <Text size="sm">
          {t('ticket.unit')}: <b>{current.unitKey}</b>
        </Text>
        <Text size="sm">
          {t('ticket.category')}: <b>{current.category}</b>
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {current.description}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Title order={2}>{t('ticket.timeline')}</Title>
            <ProblemAlert error={entries.error} />
            <Timeline entries={entries.data?.items ?? []} />
            <Paper withBorder p="md">
              <ReplyComposer ticketId={id} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <SlaPanel ticketId={id} />
            <Divider />
            <StatusForm key={current.status} ticket={current} />
            <Divider />
            {current.category === CANCELLATION_CATEGORY && (
              <>
                <CancellationPanel ticketId={id} />
                <Divider />
              </>
            )}
            <DeadlinesPanel ticket={current} />
            <Divider />
            <TagsForm key={current.tags.join(',')} ticket={current} />
            <Divider />
            {!current.tags.includes('URGENTE') && (
              <>
                <UrgentForm ticket={current} />
                <Divider />
              </>
            )}
            <EscalateForm ticket={current} />
            <Divider />
            <AnalysisForm key={current.updatedAt} ticket={current} />
            <Divider />
            <MediationPanel ticketId={id} />
            <Divider />
            <EntitlementsPanel ticketId={id} />
            <Divider />
            <PartnerProductPanel ticketId={id} />
            <Divider />
            <ErrorSheetPanel ticketId={id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
