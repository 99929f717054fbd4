import { Alert, Button, Checkbox, Group, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SENSITIVE_DATA_KINDS, type SensitiveDataKind } from '@escala/domain';
import { api } from '../api/client';
import { fieldError, unwrap } from '../api/problem';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import { noticePreview } from './notice-preview';

/** Reply to the customer (with the sensitive-data notice previewed) or record an internal note. */
export function ReplyComposer({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<'public' | 'internal'>('public');
  const [body, setBody] = useState('');
  const [marked, setMarked] = useState<SensitiveDataKind[]>([]);
  const send = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/tickets/{id}/entries', {
          params: { path: { id: ticketId } },
          body: { kind, body, sensitiveData: kind === 'public' ? marked : [] },
        }),
      ),
    onSuccess: () => {
      setBody('');
      setMarked([]);
      void client.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
  });
  const notice = kind === 'public' ? noticePreview(body, marked) : null;
  const problem = problemOf(send.error);
  return (
    <Tabs value={kind} onChange={(value) => setKind(value === 'internal' ? 'internal' : 'public')}>
      <Tabs.List>
        <Tabs.Tab value="public">{t('ticket.reply')}</Tabs.Tab>
        <Tabs.Tab value="internal">{t('ticket.note')}</Tabs.Tab>
      </Tabs.List>
      <Stack pt="sm">
        <Textarea
          label={kind === 'public' ? t('ticket.reply') : t('ticket.note')}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={fieldError(problem, 'body')}
          autosize
          minRows={4}
        />
        {kind === 'public' && (
          <Checkbox.Group
            label={t('ticket.sensitiveMark')}
            value={marked}
            onChange={(value) => setMarked(value as SensitiveDataKind[])}
            error={fieldError(problem, 'sensitiveData')}
          >
            <Group mt="xs">
              {SENSITIVE_DATA_KINDS.map((sensitive) => (
                <Checkbox key={sensitive} value={sensitive} label={t(`sensitive.${sensitive}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        {notice && (
          <Alert color="yellow" title={t('ticket.noticePreview')} data-testid="notice-preview">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {notice}
            </Text>
          </Alert>
        )}
        <ProblemAlert error={send.error} shownFields={['body', 'sensitiveData']} />
        <Group>
          <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!body.trim()}>
            {kind === 'public' ? t('ticket.send') : t('ticket.addNote')}
          </Button>
        </Group>
      </Stack>
    </Tabs>
  );
}
