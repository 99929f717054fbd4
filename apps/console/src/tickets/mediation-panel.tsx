import { Badge, Button, Checkbox, List, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_MEANS, CONTACT_MEANS_LABELS, type ContactMeans } from '@escala/domain';
import { api } from '../api/client';
import { fieldError, unwrap } from '../api/problem';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import { localeOf, useTicketMutation } from './ticket-actions';

const OPEN = new Set(['awaiting-first-contact', 'waiting-third-party']);

/** docs/playbook.md: mediation with a third party — the attempts made and the next milestone (resend, report). */
export function MediationPanel({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const path = { params: { path: { id: ticketId } } };
  const view = useQuery({
    queryKey: ['ticket', ticketId, 'mediation'],
    queryFn: async () => unwrap(await api.GET('/tickets/{id}/mediation', path)),
  });
  const [thirdPartyName, setThirdPartyName] = useState('');
  const [verificationNeeded, setVerificationNeeded] = useState('');
  const [means, setMeans] = useState<string | null>(null);
  const [to, setTo] = useState('');
  const [withInformation, setWithInformation] = useState(false);
  const [summary, setSummary] = useState('');
  const open = useTicketMutation(ticketId, async () =>
    unwrap(await api.POST('/tickets/{id}/mediation', { ...path, body: { thirdPartyName, verificationNeeded } })),
  );
  const contact = useTicketMutation(ticketId, async () =>
    unwrap(
      await api.POST('/tickets/{id}/mediation/contacts', {
        ...path,
        body: { means: (means ?? '') as ContactMeans, to },
      }),
    ),
  );
  const reply = useTicketMutation(ticketId, async () =>
    unwrap(await api.POST('/tickets/{id}/mediation/replies', { ...path, body: { withInformation, summary } })),
  );
  const conclude = useTicketMutation(ticketId, async () =>
    unwrap(await api.POST('/tickets/{id}/mediation/conclusion', path)),
  );
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  const mediation = view.data?.mediation;
  return (
    <Stack gap="xs" component="section" aria-label={t('panels.mediation.title')}>
      <Title order={3}>{t('panels.mediation.title')}</Title>
      <ProblemAlert error={view.error} />
      {view.data && !mediation && (
        <>
          <Text size="sm">{t('panels.mediation.none')}</Text>
          <TextInput
            label={t('panels.mediation.thirdPartyName')}
            value={thirdPartyName}
            onChange={(event) => setThirdPartyName(event.currentTarget.value)}
            error={fieldError(problemOf(open.error), 'thirdPartyName')}
          />
          <Textarea
            label={t('panels.mediation.verificationNeeded')}
            value={verificationNeeded}
            onChange={(event) => setVerificationNeeded(event.currentTarget.value)}
            error={fieldError(problemOf(open.error), 'verificationNeeded')}
          />
          <ProblemAlert error={open.error} shownFields={['thirdPartyName', 'verificationNeeded']} />
          <Button variant="light" loading={open.isPending} onClick={() => open.mutate()}>
            {t('panels.mediation.open')}
          </Button>
        </>
      )}
      {mediation && (
        <>
          <Text size="sm">
            <b>{mediation.thirdPartyName}</b> — {mediation.verificationNeeded}
          </Text>
          <Badge variant="light">{t(`panels.mediation.status.${mediation.status}`)}</Badge>
          <Text fw={600}>{t('panels.mediation.attempts')}</Text>
          {mediation.attempts.length === 0 ? (
            <Text size="sm">{t('panels.mediation.noAttempts')}</Text>
          ) : (
            <List size="sm" aria-label={t('panels.mediation.attempts')}>
              {mediation.attempts.map((attempt) => (
                <List.Item key={attempt.at}>
                  {t('panels.mediation.attempt', {
                    kind: t(`panels.mediation.attemptKind.${attempt.kind}`),
                    means: CONTACT_MEANS_LABELS[attempt.means][locale],
                    to: attempt.to,
                    at: when(attempt.at),
                  })}
                </List.Item>
              ))}
            </List>
          )}
          {mediation.replies.length > 0 && (
            <>
              <Text fw={600}>{t('panels.mediation.replies')}</Text>
              <List size="sm">
                {mediation.replies.map((answer) => (
                  <List.Item key={answer.at}>
                    {when(answer.at)} — {answer.summary}
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {(view.data?.deadlines ?? []).length > 0 && (
            <section aria-label={t('panels.mediation.nextMilestone')}>
              <Text fw={600}>{t('panels.mediation.nextMilestone')}</Text>
              <List size="sm" data-testid="mediation-milestones">
                {view.data!.deadlines!.map((deadline) => (
                  <List.Item key={deadline.eventType}>
                    {t(`panels.mediation.milestone.${deadline.eventType}`, { defaultValue: deadline.eventType })}:{' '}
                    {when(deadline.dueAt)}
                  </List.Item>
                ))}
              </List>
            </section>
          )}
          {OPEN.has(mediation.status) && (
            <>
              <Select
                label={t('panels.mediation.means')}
                data={CONTACT_MEANS.map((value) => ({ value, label: CONTACT_MEANS_LABELS[value][locale] }))}
                value={means}
                onChange={setMeans}
                error={fieldError(problemOf(contact.error), 'means')}
              />
              <TextInput
                label={t('panels.mediation.to')}
                value={to}
                onChange={(event) => setTo(event.currentTarget.value)}
                error={fieldError(problemOf(contact.error), 'to')}
              />
              <ProblemAlert error={contact.error} shownFields={['means', 'to']} />
              <Button variant="light" loading={contact.isPending} onClick={() => contact.mutate()}>
                {t('panels.mediation.recordContact')}
              </Button>
              <Checkbox
                label={t('panels.mediation.withInformation')}
                checked={withInformation}
                onChange={(event) => setWithInformation(event.currentTarget.checked)}
              />
              <Textarea
                label={t('panels.mediation.summary')}
                value={summary}
                onChange={(event) => setSummary(event.currentTarget.value)}
                error={fieldError(problemOf(reply.error), 'summary')}
              />
              <ProblemAlert error={reply.error} shownFields={['summary']} />
              <Button variant="light" loading={reply.isPending} onClick={() => reply.mutate()}>
                {t('panels.mediation.recordReply')}
              </Button>
              <ProblemAlert error={conclude.error} />
              <Button variant="subtle" loading={conclude.isPending} onClick={() => conclude.mutate()}>
                {t('panels.mediation.conclude')}
              </Button>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
