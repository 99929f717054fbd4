import { ActionIcon, Button, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Ticket } from '../api/models';
import { fieldError, unwrap } from '../api/problem';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import { useTicketMutation } from './ticket-actions';

/** The customer's own deadlines (a payroll closing, a tax filing), and the implementation they put at risk. */
export function DeadlinesPanel({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const [description, setDescription] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [showImplementation, setShowImplementation] = useState(false);
  const save = useTicketMutation(ticket.id, async (deadlines: Ticket['deadlines']) =>
    unwrap(await api.PATCH('/tickets/{id}', { params: { path: { id: ticket.id } }, body: { deadlines } })),
  );
  const implementation = useQuery({
    queryKey: ['ticket', ticket.id, 'implementation'],
    enabled: showImplementation,
    queryFn: async () => unwrap(await api.GET('/tickets/{id}/implementation', { params: { path: { id: ticket.id } } })),
  });
  const problem = problemOf(save.error);
  // The server names a deadline's field by its position (deadlines.2.dueOn): the new one is the last.
  const added = `deadlines.${ticket.deadlines.length}`;
  const day = (iso: string) => new Date(`${iso}T12:00:00`).toLocaleDateString(i18n.language);
  return (
    <Stack gap="xs" component="section" aria-label={t('panels.deadlines.title')}>
      <Title order={3}>{t('panels.deadlines.title')}</Title>
      {ticket.deadlines.length === 0 ? (
        <Text size="sm">{t('panels.deadlines.none')}</Text>
      ) : (
        <List size="sm" aria-label={t('panels.deadlines.title')}>
          {ticket.deadlines.map((deadline, index) => (
            <List.Item key={`${deadline.dueOn}-${deadline.description}`}>
              <Group gap="xs">
                <Text size="sm">
                  {day(deadline.dueOn)} — {deadline.description}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  aria-label={t('panels.deadlines.remove', { description: deadline.description })}
                  onClick={() => save.mutate(ticket.deadlines.filter((_, other) => other !== index))}
                >
                  ×
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <TextInput
        label={t('panels.deadlines.description')}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        error={fieldError(problem, `${added}.description`)}
      />
      <TextInput
        type="date"
        label={t('panels.deadlines.dueOn')}
        value={dueOn}
        onChange={(event) => setDueOn(event.currentTarget.value)}
        error={fieldError(problem, `${added}.dueOn`)}
      />
      <ProblemAlert error={save.error} shownFields={[added]} />
      <Button
        variant="light"
        loading={save.isPending}
        onClick={() =>
          save.mutate([...ticket.deadlines, { description, dueOn }], {
            onSuccess: () => {
              setDescription('');
              setDueOn('');
            },
          })
        }
      >
        {t('panels.deadlines.add')}
      </Button>
      <Button
        variant="subtle"
        aria-expanded={showImplementation}
        onClick={() => setShowImplementation((shown) => !shown)}
      >
        {showImplementation ? t('panels.implementation.hide') : t('panels.implementation.show')}
      </Button>
      {showImplementation && (
        <section aria-label={t('panels.implementation.title')}>
          <ProblemAlert error={implementation.error} />
          {implementation.data && implementation.data.items.length === 0 && (
            <Text size="sm">{t('panels.implementation.none')}</Text>
          )}
          {implementation.data && implementation.data.items.length > 0 && (
            <Table aria-label={t('panels.implementation.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('panels.implementation.scheduledFor')}</Table.Th>
                  <Table.Th>{t('panels.implementation.module')}</Table.Th>
                  <Table.Th>{t('ticket.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {implementation.data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{day(item.scheduledFor)}</Table.Td>
                    <Table.Td>{item.module}</Table.Td>
                    <Table.Td>{t(`panels.implementation.status.${item.status}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </section>
      )}
    </Stack>
  );
}
