import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TriageItem } from '../api/models';
import { fieldError } from '../api/problem';
import { useStructure } from '../api/queries';
import { localeOf } from '../tickets/ticket-actions';
import { formatDateTime } from '../ui/format';
import { ProblemAlert, problemOf } from '../ui/problem-alert';
import {
  useCustomers,
  useDismissTriage,
  useRedirectTriage,
  useSupportMembers,
  useTriageItems,
  type TriageTarget,
} from './triage-queries';

type Destination = 'unit' | 'person' | 'ticket' | 'dismiss';

/**
 * The relationship desk's triage (seed 000: "tratativa de e-mails e redirecionamento"): mail from
 * senders nobody knows, oldest first, each sent to a ticket, a tier or stage, a person, or dismissed.
 */
export default function TriagePage() {
  const { t } = useTranslation();
  const items = useTriageItems();
  const [done, setDone] = useState<string | null>(null);
  const list = items.data ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('triage.title')}
      </Title>
      <Text c="dimmed">{t('triage.intro')}</Text>
      {done && (
        <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <ProblemAlert error={items.error} />
      {items.isSuccess && list.length === 0 && <Text>{t('triage.empty')}</Text>}
      {list.map((item) => (
        <TriageCard key={item.id} item={item} onDone={setDone} />
      ))}
    </Stack>
  );
}

function TriageCard({ item, onDone }: { item: TriageItem; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const [destination, setDestination] = useState<Destination>('unit');
  const redirect = useRedirectTriage(item.id);
  const dismiss = useDismissTriage(item.id);
  const error = redirect.error ?? dismiss.error;
  return (
    <Card withBorder component="article" aria-label={item.subject} data-testid="triage-item">
      <Title order={2} size="h4">
        {item.subject}
      </Title>
      <Text size="sm" c="dimmed">
        {t('triage.from', {
          who: item.sender.name ? `${item.sender.name} <${item.sender.email}>` : item.sender.email,
          when: formatDateTime(item.receivedAt, i18n.language),
          channel: item.channel.name,
        })}
      </Text>
      <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }} lineClamp={12}>
        {item.body}
      </Text>
      {item.attachments.length > 0 && (
        <List size="xs" mt="xs" aria-label={t('triage.attachments')}>
          {item.attachments.map((file, index) => (
            <List.Item key={`${file.name}-${index}`}>{file.name}</List.Item>
          ))}
        </List>
      )}
      <SegmentedControl
        mt="sm"
        aria-label={t('triage.sendTo')}
        value={destination}
        onChange={(value) => setDestination(value as Destination)}
        data={(['unit', 'person', 'ticket', 'dismiss'] as const).map((value) => ({
          value,
          label: t(`triage.destination.${value}`),
        }))}
      />
      <ProblemAlert
        error={error}
        shownFields={['unitKey', 'assigneeId', 'customerId', 'category', 'ticketId', 'ticketNumber', 'reason']}
      />
      {destination === 'dismiss' ? (
        <DismissForm
          pending={dismiss.isPending}
          error={dismiss.error}
          onDismiss={(reason) =>
            dismiss.mutate(reason, { onSuccess: () => onDone(t('triage.dismissed', { subject: item.subject })) })
          }
        />
      ) : (
        <RedirectForm
          item={item}
          destination={destination}
          pending={redirect.isPending}
          error={redirect.error}
          onRedirect={(target) =>
            redirect.mutate(target, {
              onSuccess: (answer) =>
                onDone(t('triage.redirected', { subject: item.subject, number: answer.ticket.number })),
            })
          }
        />
      )}
    </Card>
  );
}

function DismissForm({
  pending,
  error,
  onDismiss,
}: {
  pending: boolean;
  error: unknown;
  onDismiss: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Group mt="sm" align="flex-end">
      <TextInput
        label={t('triage.reason')}
        placeholder={t('triage.reasonExample')}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={fieldError(problemOf(error), 'reason')}
      />
      <Button color="red" variant="light" loading={pending} onClick={() => onDismiss(reason)}>
        {t('triage.dismiss')}
      </Button>
    </Group>
  );
}

function RedirectForm({
  item,
  destination,
  pending,
  error,
  onRedirect,
}: {
  item: TriageItem;
  destination: Exclude<Destination, 'dismiss'>;
  pending: boolean;
  error: unknown;
  onRedirect: (target: TriageTarget) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const structure = useStructure();
  const customers = useCustomers();
  const members = useSupportMembers();
  const [ticketNumber, setTicketNumber] = useState<string | number>('');
  const [unitKey, setUnitKey] = useState<string | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(item.category);
  const [addSenderAsContact, setAddSenderAsContact] = useState(true);
  const problem = problemOf(error);
  const units = structure.data?.structure.units ?? [];
  const chosen = { customerId: customerId ?? '', ...(category ? { category } : {}), addSenderAsContact };
  // Empty choices reach the server, which answers with the field to fill in.
  const target = (): TriageTarget =>
    destination === 'ticket'
      ? { to: 'ticket', ticketNumber: Number(ticketNumber) || 0 }
      : destination === 'unit'
        ? { to: 'unit', unitKey: unitKey ?? '', ...chosen }
        : { to: 'person', assigneeId: assigneeId ?? '', ...chosen };
  return (
    <Stack gap="xs" mt="sm">
      {destination === 'ticket' && (
        <NumberInput
          label={t('triage.ticketNumber')}
          min={1}
          value={ticketNumber}
          onChange={setTicketNumber}
          error={fieldError(problem, 'ticketNumber') ?? fieldError(problem, 'ticketId')}
        />
      )}
      {destination === 'unit' && (
        <Select
          label={t('triage.unit')}
          data={units.map((unit) => ({ value: unit.key, label: `${unit.key} — ${unit.name}` }))}
          value={unitKey}
          onChange={setUnitKey}
          error={fieldError(problem, 'unitKey')}
        />
      )}
      {destination === 'person' && (
        <Select
          label={t('triage.person')}
          searchable
          data={(members.data ?? []).map((member) => ({
            value: member.userId,
            label: `${member.displayName ?? member.login ?? member.userId} (${member.unitKey})`,
          }))}
          value={assigneeId}
          onChange={setAssigneeId}
          error={fieldError(problem, 'assigneeId')}
        />
      )}
      {destination !== 'ticket' && (
        <>
          <Select
            label={t('triage.customer')}
            searchable
            data={(customers.data ?? []).map((customer) => ({ value: customer.id, label: customer.name }))}
            value={customerId}
            onChange={setCustomerId}
            error={fieldError(problem, 'customerId')}
          />
          <Select
            label={t('triage.category')}
            data={(structure.data?.structure.categories ?? []).map((c) => ({ value: c.key, label: c.label[locale] }))}
            value={category}
            onChange={setCategory}
            error={fieldError(problem, 'category')}
          />
          <Checkbox
            label={t('triage.addSenderAsContact', { email: item.sender.email })}
            checked={addSenderAsContact}
            onChange={(event) => setAddSenderAsContact(event.currentTarget.checked)}
          />
        </>
      )}
      <Group>
        <Button loading={pending} onClick={() => onRedirect(target())}>
          {t('triage.redirect')}
        </Button>
      </Group>
    </Stack>
  );
}
