import { Anchor, Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CONTACT_MEANS, CONTACT_MEANS_LABELS, type ContactMeans } from '@escala/domain';
import type { ErrorSheetRequest, PendingPartnerCase } from '../api/models';
import { fieldError } from '../api/problem';
import { useSession } from '../auth/session';
import { localeOf } from '../tickets/ticket-actions';
import { formatDateTime } from '../ui/format';
import { ProblemAlert, problemOf } from '../ui/problem-alert';
import {
  useAuthoriseErrorSheet,
  useDeclineErrorSheet,
  useErrorSheetRequests,
  usePendingPartnerCases,
  useRecordPartnerNotified,
} from './approvals-queries';

/** Requests to include a case in the Controle de Correção de Erros, authorised in place. */
export function ErrorSheetApprovalsPanel() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const requests = useErrorSheetRequests();
  const items = requests.data ?? [];
  return (
    <Card withBorder component="section" aria-label={t('approvals.errorSheet.title')}>
      <Title order={2} size="h3" mb="sm">
        {t('approvals.errorSheet.title')}
      </Title>
      <ProblemAlert error={requests.error} />
      {items.length === 0 && <Text c="dimmed">{t('dashboard.none')}</Text>}
      <Stack gap="sm">
        {items.map((request) => (
          <ErrorSheetRequestCard
            key={request.id}
            request={request}
            canAuthorise={me?.roles.includes('leader') ?? false}
            when={formatDateTime(request.requestedAt, i18n.language)}
          />
        ))}
      </Stack>
    </Card>
  );
}

function ErrorSheetRequestCard({
  request,
  canAuthorise,
  when,
}: {
  request: ErrorSheetRequest;
  canAuthorise: boolean;
  when: string;
}) {
  const { t } = useTranslation();
  // One mutation per card, so a refusal shows under the request it concerns.
  const authorise = useAuthoriseErrorSheet();
  const decline = useDeclineErrorSheet();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const declineProblem = problemOf(decline.error);
  return (
    <Card withBorder padding="xs" data-testid="error-sheet-request">
      <Text size="sm">{request.description}</Text>
      <Text size="xs" c="dimmed">
        {t('approvals.errorSheet.requestedAt', { when })} ·{' '}
        <Anchor component={Link} href={`/tickets/${request.ticketId}`}>
          {t('approvals.openTicket')}
        </Anchor>
      </Text>
      <ProblemAlert error={authorise.error} />
      {canAuthorise && (
        <Group mt="xs">
          <Button size="xs" loading={authorise.isPending} onClick={() => authorise.mutate(request.id)}>
            {t('approvals.errorSheet.authorise')}
          </Button>
          {!declining && (
            <Button size="xs" variant="light" color="red" onClick={() => setDeclining(true)}>
              {t('approvals.errorSheet.decline')}
            </Button>
          )}
        </Group>
      )}
      {canAuthorise && declining && (
        <Stack gap="xs" mt="xs">
          <Textarea
            size="xs"
            label={t('approvals.errorSheet.declineReason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={fieldError(declineProblem, 'reason')}
            autoFocus
          />
          <ProblemAlert error={decline.error} shownFields={['reason']} />
          <Group>
            <Button
              size="xs"
              color="red"
              loading={decline.isPending}
              onClick={() => decline.mutate({ id: request.id, reason })}
            >
              {t('approvals.errorSheet.confirmDecline')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

/** Partner-product demands whose partner's support the leader still has to notify. */
export function PartnerNotificationsPanel() {
  const { t } = useTranslation();
  const { me } = useSession();
  const cases = usePendingPartnerCases();
  const items = cases.data ?? [];
  return (
    <Card withBorder component="section" aria-label={t('approvals.partner.title')}>
      <Title order={2} size="h3" mb="sm">
        {t('approvals.partner.title')}
      </Title>
      <ProblemAlert error={cases.error} />
      {items.length === 0 && <Text c="dimmed">{t('dashboard.none')}</Text>}
      <Stack gap="sm">
        {items.map((item) => (
          <PartnerCaseCard key={item.ticketId} item={item} canRecord={me?.roles.includes('leader') ?? false} />
        ))}
      </Stack>
    </Card>
  );
}

function PartnerCaseCard({ item, canRecord }: { item: PendingPartnerCase; canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const [means, setMeans] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const record = useRecordPartnerNotified(item.ticketId);
  const problem = problemOf(record.error);
  return (
    <Card withBorder padding="xs" data-testid="partner-case">
      <Text size="sm" fw={600}>
        <Anchor component={Link} href={`/tickets/${item.ticketId}`}>
          #{item.number}
        </Anchor>{' '}
        {item.subject}
      </Text>
      <Text size="sm">
        {t('approvals.partner.product', {
          partner: item.partnerCase.partnerName,
          product: item.partnerCase.productName,
        })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('approvals.partner.markedBy', {
          who: item.partnerCase.markedBy,
          when: formatDateTime(item.partnerCase.markedAt, i18n.language),
        })}
      </Text>
      {canRecord && (
        <Stack gap="xs" mt="xs">
          <Select
            size="xs"
            label={t('approvals.partner.means')}
            data={CONTACT_MEANS.map((value) => ({ value, label: CONTACT_MEANS_LABELS[value][locale] }))}
            value={means}
            onChange={setMeans}
            error={fieldError(problem, 'means')}
          />
          <Textarea
            size="xs"
            label={t('approvals.partner.note')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={fieldError(problem, 'note')}
          />
          <ProblemAlert error={record.error} shownFields={['means', 'note']} />
          <Group>
            <Button
              size="xs"
              loading={record.isPending}
              // The server validates the means; an empty choice reaches it and comes back as a field error.
              onClick={() => record.mutate({ means: (means ?? '') as ContactMeans, note })}
            >
              {t('approvals.partner.record')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}
