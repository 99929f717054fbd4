import { Alert, Badge, Button, Group, List, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANCELLATION_REASONS,
  CONTACT_MEANS,
  CONTACT_MEANS_LABELS,
  findCancellationReason,
  type ContactMeans,
} from '@escala/domain';
import { api } from '../api/client';
import type { RequestBody } from '../api/models';
import { fieldError, unwrap } from '../api/problem';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import { localeOf, useTicketMutation } from './ticket-actions';

type ReasonCode = RequestBody<'/tickets/{id}/cancellation/reason', 'put'>['code'];

/** docs/playbook.md §1: a cancellation closes only once the customer was contacted and the real reason is known. */
export function CancellationPanel({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const state = useQuery({
    queryKey: ['ticket', ticketId, 'cancellation'],
    queryFn: async () => unwrap(await api.GET('/tickets/{id}/cancellation', { params: { path: { id: ticketId } } })),
  });
  const [at, setAt] = useState('');
  const [means, setMeans] = useState<string | null>(null);
  const [withWhom, setWithWhom] = useState('');
  const [code, setCode] = useState<ReasonCode | null>(null);
  const [competitorSystem, setCompetitorSystem] = useState('');
  const [details, setDetails] = useState('');
  const contact = useTicketMutation(ticketId, async () =>
    unwrap(
      await api.PUT('/tickets/{id}/cancellation/contact', {
        params: { path: { id: ticketId } },
        // datetime-local has no zone: the browser's own is the agent's.
        body: {
          at: at ? new Date(at).toISOString() : '', // An empty choice goes to the server, whose refusal shows next to the field.
          means: (means ?? '') as ContactMeans,
          withWhom,
        },
      }),
    ),
  );
  const reason = useTicketMutation(ticketId, async () =>
    unwrap(
      await api.PUT('/tickets/{id}/cancellation/reason', {
        params: { path: { id: ticketId } },
        body: { code: (code ?? '') as ReasonCode, competitorSystem: competitorSystem || null, details },
      }),
    ),
  );
  const contactProblem = problemOf(contact.error);
  const reasonProblem = problemOf(reason.error);
  const missing = state.data?.missing ?? [];
  const recorded = (done: boolean) => (
    <Badge color={done ? 'green' : 'orange'} variant="light">
      {done ? t('panels.cancellation.done') : t('panels.cancellation.pending')}
    </Badge>
  );
  return (
    <Stack gap="xs" component="section" aria-label={t('panels.cancellation.title')}>
      <Title order={3}>{t('panels.cancellation.title')}</Title>
      <ProblemAlert error={state.error} />
      {state.data &&
        (missing.length === 0 ? (
          <Alert color="green">{t('panels.cancellation.ready')}</Alert>
        ) : (
          <Alert color="orange" title={t('panels.cancellation.missing')}>
            <List size="sm" data-testid="cancellation-missing">
              {missing.map((item) => (
                <List.Item key={item.code}>{item.message}</List.Item>
              ))}
            </List>
          </Alert>
        ))}
      <Group justify="space-between">
        <Text fw={600}>{t('panels.cancellation.contact')}</Text>
        {recorded(!missing.some((item) => item.code === 'customer-contact'))}
      </Group>
      {state.data?.contact && (
        <Text size="sm">
          {new Date(state.data.contact.at).toLocaleString(i18n.language)} —{' '}
          {CONTACT_MEANS_LABELS[state.data.contact.means][locale]} — {state.data.contact.withWhom}
        </Text>
      )}
      <TextInput
        type="datetime-local"
        label={t('panels.cancellation.contactAt')}
        value={at}
        onChange={(event) => setAt(event.currentTarget.value)}
        error={fieldError(contactProblem, 'at')}
      />
      <Select
        label={t('panels.mediation.means')}
        data={CONTACT_MEANS.map((value) => ({ value, label: CONTACT_MEANS_LABELS[value][locale] }))}
        value={means}
        onChange={setMeans}
        error={fieldError(contactProblem, 'means')}
      />
      <TextInput
        label={t('panels.cancellation.withWhom')}
        value={withWhom}
        onChange={(event) => setWithWhom(event.currentTarget.value)}
        error={fieldError(contactProblem, 'withWhom')}
      />
      <ProblemAlert error={contact.error} shownFields={['at', 'means', 'withWhom']} />
      <Button variant="light" loading={contact.isPending} onClick={() => contact.mutate()}>
        {t('panels.cancellation.saveContact')}
      </Button>
      <Group justify="space-between">
        <Text fw={600}>{t('panels.cancellation.reason')}</Text>
        {recorded(!missing.some((item) => item.code === 'reason' || item.code === 'competitor-system'))}
      </Group>
      {state.data?.reason && (
        <Text size="sm">
          {findCancellationReason(state.data.reason.code)?.label[locale] ?? state.data.reason.code}
          {state.data.reason.competitorSystem ? ` (${state.data.reason.competitorSystem})` : ''} —{' '}
          {state.data.reason.details}
        </Text>
      )}
      <Select
        label={t('panels.cancellation.reason')}
        data={CANCELLATION_REASONS.map((option) => ({ value: option.code, label: option.label[locale] }))}
        value={code}
        onChange={(value) => setCode(value as ReasonCode | null)}
        error={fieldError(reasonProblem, 'code')}
      />
      {code && findCancellationReason(code)?.namesCompetitorSystem && (
        <TextInput
          label={t('panels.cancellation.competitorSystem')}
          value={competitorSystem}
          onChange={(event) => setCompetitorSystem(event.currentTarget.value)}
          error={fieldError(reasonProblem, 'competitorSystem')}
        />
      )}
      <Textarea
        label={t('panels.cancellation.details')}
        value={details}
        onChange={(event) => setDetails(event.currentTarget.value)}
        error={fieldError(reasonProblem, 'details')}
      />
      <ProblemAlert error={reason.error} shownFields={['code', 'competitorSystem', 'details']} />
      <Button variant="light" loading={reason.isPending} onClick={() => reason.mutate()}>
        {t('panels.cancellation.saveReason')}
      </Button>
    </Stack>
  );
}
