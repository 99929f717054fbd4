import { Button, Checkbox, Select, Stack, TagsInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { TICKET_STATUSES, type TicketStatus } from '@escala/domain';
import type { Ticket } from '../api/models';
import { fieldError, unwrap } from '../api/problem';
import { useStructure } from '../api/queries';
import { problemOf, ProblemAlert } from '../ui/problem-alert';

/** Which side of a pt-BR/en label to show. */
export const localeOf = (language: string) => (language === 'en' ? 'en' : 'pt-BR');

/** A change to the ticket: says it saved, and refreshes everything shown about the ticket. */
export function useTicketMutation<T, V = void>(ticketId: string, run: (variables: V) => Promise<T>) {
  const client = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      notifications.show({ message: t('ticket.saved'), color: 'green' });
      void client.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
  });
}

/** Escalate along a path the support structure allows, with a reason. */
export function EscalateForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const structure = useStructure();
  const targets = structure.data?.structure.units.find((unit) => unit.key === ticket.unitKey)?.escalatesTo ?? [];
  const [toUnit, setToUnit] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const escalate = useTicketMutation(ticket.id, async () =>
    unwrap(
      await api.POST('/tickets/{id}/escalations', {
        params: { path: { id: ticket.id } },
        body: { toUnit: toUnit ?? '', reason, assigneeId: null },
      }),
    ),
  );
  const problem = problemOf(escalate.error);
  return (
    <Stack gap="xs">
      <Title order={3}>{t('ticket.escalate')}</Title>
      <Select
        label={t('ticket.escalateTo')}
        data={targets}
        value={toUnit}
        onChange={setToUnit}
        error={fieldError(problem, 'toUnit')}
      />
      <Textarea
        label={t('ticket.reason')}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={fieldError(problem, 'reason')}
      />
      <ProblemAlert error={escalate.error} shownFields={['toUnit', 'reason']} />
      <Button variant="light" onClick={() => escalate.mutate()} loading={escalate.isPending}>
        {t('ticket.escalate')}
      </Button>
    </Stack>
  );
}

/** The ticket's tags (URGENTE among them). */
export function TagsForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const [tags, setTags] = useState(ticket.tags);
  const save = useTicketMutation(ticket.id, async () =>
    unwrap(await api.PATCH('/tickets/{id}', { params: { path: { id: ticket.id } }, body: { tags } })),
  );
  const problem = problemOf(save.error);
  return (
    <Stack gap="xs">
      <TagsInput
        label={t('ticket.tags')}
        description={t('ticket.addTag')}
        data={['URGENTE']}
        value={tags}
        onChange={setTags}
        error={fieldError(problem, 'tags')}
      />
      <ProblemAlert error={save.error} shownFields={['tags']} />
      <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
        {t('ticket.saveTags')}
      </Button>
    </Stack>
  );
}

/** The technical analysis ("Análise Técnico"), with the cancellation reason where it applies. */
export function AnalysisForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const current = ticket.technicalAnalysis;
  const [summary, setSummary] = useState(current?.summary ?? '');
  const [cause, setCause] = useState(current?.cause ?? '');
  const [solution, setSolution] = useState(current?.solution ?? '');
  const [customerContacted, setCustomerContacted] = useState(current?.customerContacted ?? false);
  const [cancellationReason, setCancellationReason] = useState(current?.cancellationReason ?? '');
  const save = useTicketMutation(ticket.id, async () =>
    unwrap(
      await api.POST('/tickets/{id}/analysis', {
        params: { path: { id: ticket.id } },
        body: {
          summary,
          cause: cause || null,
          solution: solution || null,
          customerContacted,
          cancellationReason: cancellationReason || null,
        },
      }),
    ),
  );
  const problem = problemOf(save.error);
  const fields = ['summary', 'cause', 'solution', 'cancellationReason'];
  return (
    <Stack gap="xs">
      <Title order={3}>{t('ticket.analysis')}</Title>
      <Textarea
        label={t('ticket.summary')}
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
        error={fieldError(problem, 'summary')}
      />
      <Textarea
        label={t('ticket.cause')}
        value={cause}
        onChange={(e) => setCause(e.currentTarget.value)}
        error={fieldError(problem, 'cause')}
      />
      <Textarea
        label={t('ticket.solution')}
        value={solution}
        onChange={(e) => setSolution(e.currentTarget.value)}
        error={fieldError(problem, 'solution')}
      />
      <Checkbox
        label={t('ticket.customerContacted')}
        checked={customerContacted}
        onChange={(e) => setCustomerContacted(e.currentTarget.checked)}
      />
      {ticket.category === 'cancelamento' && (
        <Textarea
          label={t('ticket.cancellationReason')}
          value={cancellationReason}
          onChange={(e) => setCancellationReason(e.currentTarget.value)}
          error={fieldError(problem, 'cancellationReason')}
        />
      )}
      <ProblemAlert error={save.error} shownFields={fields} />
      <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
        {t('ticket.saveAnalysis')}
      </Button>
    </Stack>
  );
}

/** Move the ticket through its lifecycle; a refusal says what blocks it (e.g. a cancellation's missing steps). */
export function StatusForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TicketStatus | null>(null);
  const change = useTicketMutation(ticket.id, async () =>
    unwrap(
      await api.POST('/tickets/{id}/status', {
        params: { path: { id: ticket.id } },
        body: { status: status ?? ticket.status },
      }),
    ),
  );
  const problem = problemOf(change.error);
  return (
    <Stack gap="xs">
      <Select
        label={t('ticket.changeStatus')}
        data={TICKET_STATUSES.filter((candidate) => candidate !== ticket.status).map((candidate) => ({
          value: candidate,
          label: t(`status.${candidate}`),
        }))}
        value={status}
        onChange={(value) => setStatus(value as TicketStatus | null)}
        error={fieldError(problem, 'status')}
      />
      <ProblemAlert error={change.error} shownFields={['status']} />
      <Button variant="light" onClick={() => change.mutate()} loading={change.isPending} disabled={!status}>
        {t('ticket.changeStatus')}
      </Button>
    </Stack>
  );
}

/** Seed 002 §3: a service is down and the customer shows urgency — the ticket gets URGENTE and the leader is alerted. */
export function UrgentForm({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const services = useQuery({
    queryKey: ['inoperative-services'],
    queryFn: async () => unwrap(await api.GET('/playbook/inoperative-services')).items,
  });
  const [serviceCode, setServiceCode] = useState<string | null>(null);
  const [urgency, setUrgency] = useState('');
  const declare = useTicketMutation(ticket.id, async () =>
    unwrap(
      await api.POST('/tickets/{id}/urgent', {
        params: { path: { id: ticket.id } },
        body: { serviceCode: serviceCode ?? '', urgency },
      }),
    ),
  );
  const problem = problemOf(declare.error);
  return (
    <Stack gap="xs">
      <Title order={3}>{t('ticket.urgent')}</Title>
      <Select
        label={t('ticket.inoperativeService')}
        data={(services.data ?? [])
          .filter((service) => service.active)
          .map((service) => ({ value: service.code, label: service.label[localeOf(i18n.language)] }))}
        value={serviceCode}
        onChange={setServiceCode}
        error={fieldError(problem, 'serviceCode')}
      />
      <Textarea
        label={t('ticket.urgency')}
        value={urgency}
        onChange={(event) => setUrgency(event.currentTarget.value)}
        error={fieldError(problem, 'urgency')}
      />
      <ProblemAlert error={declare.error} shownFields={['serviceCode', 'urgency']} />
      <Button color="red" variant="light" onClick={() => declare.mutate()} loading={declare.isPending}>
        {t('ticket.declareUrgent')}
      </Button>
    </Stack>
  );
}
