import { ActionIcon, Alert, Anchor, Button, Group, List, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../api/client';
import type { Answer } from '../api/models';
import { fieldError, unwrap } from '../api/problem';
import { ProblemAlert, problemOf } from '../ui/problem-alert';

type User = Answer<'/users', 'get'>['items'][number];

/** The systems whose identities connectors look people up by: the mailbox, Teams, the error sheet. */
const IDENTITY_SYSTEMS = ['email', 'entra', 'google'] as const;

/**
 * Deactivates or reactivates a person. A deactivation the server refuses because the person holds
 * open tickets lists them as links, so the admin can reassign each and try again.
 */
export function UserActivation({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: async () =>
      unwrap(await api.PATCH('/users/{id}', { params: { path: { id: user.id } }, body: { active: !user.active } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  const problem = problemOf(toggle.error);
  const held = (problem?.blocking ?? []).filter((item) => item.kind === 'assigned-ticket');
  return (
    <Stack gap="xs">
      <Button
        size="xs"
        variant="light"
        color={user.active ? 'red' : 'green'}
        aria-label={t(user.active ? 'people.deactivateOf' : 'people.reactivateOf', { name: user.displayName })}
        loading={toggle.isPending}
        onClick={() => toggle.mutate()}
      >
        {t(user.active ? 'people.deactivate' : 'people.reactivate')}
      </Button>
      {held.length > 0 ? (
        <Alert color="red" role="alert" title={problem?.detail}>
          <Text size="sm">{t('people.holdsTickets')}</Text>
          <List size="sm" data-testid="held-tickets">
            {held.map((item) => (
              <List.Item key={String(item.ticketId)}>
                <Anchor component={Link} href={`/tickets/${String(item.ticketId)}`}>
                  #{String(item.number)} {String(item.subject)}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <ProblemAlert error={toggle.error} />
      )}
    </Stack>
  );
}

/** The identities connectors know this person by (a mail address, an Entra id for Teams, a Google account for the sheet). */
export function UserIdentities({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['users', user.id, 'identities'];
  const [system, setSystem] = useState<string | null>('email');
  const [externalId, setExternalId] = useState('');
  const identities = useQuery({
    queryKey: key,
    queryFn: async () =>
      unwrap(await api.GET('/users/{id}/external-identities', { params: { path: { id: user.id } } })).items,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: key });
  const link = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/users/{id}/external-identities', {
          params: { path: { id: user.id } },
          body: { system: system ?? '', id: externalId },
        }),
      ),
    onSuccess: () => {
      setExternalId('');
      refresh();
    },
  });
  const unlink = useMutation({
    mutationFn: async (identity: { system: string; id: string }) =>
      unwrap(
        await api.DELETE('/users/{id}/external-identities/{system}/{externalId}', {
          params: { path: { id: user.id, system: identity.system, externalId: identity.id } },
        }),
      ),
    onSuccess: refresh,
  });
  const problem = problemOf(link.error);
  const systemLabel = (value: string) => t(`people.identities.systems.${value}`, { defaultValue: value });
  return (
    <Stack gap="xs" component="section" aria-label={`${t('people.identities.title')} — ${user.displayName}`}>
      <Text size="sm" fw={500}>
        {t('people.identities.title')}
      </Text>
      <ProblemAlert error={identities.error ?? unlink.error} />
      {identities.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('people.identities.none')}
        </Text>
      )}
      <List size="sm">
        {(identities.data ?? []).map((identity) => (
          <List.Item key={`${identity.system}:${identity.id}`}>
            <Group gap={4} wrap="nowrap">
              <Text size="sm">
                {systemLabel(identity.system)}: {identity.id}
              </Text>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="red"
                aria-label={t('people.identities.unlink', { system: systemLabel(identity.system), id: identity.id })}
                onClick={() => unlink.mutate(identity)}
              >
                ×
              </ActionIcon>
            </Group>
          </List.Item>
        ))}
      </List>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Select
          size="xs"
          aria-label={t('people.identities.system')}
          data={IDENTITY_SYSTEMS.map((value) => ({ value, label: systemLabel(value) }))}
          value={system}
          onChange={setSystem}
          error={fieldError(problem, 'system')}
          allowDeselect={false}
        />
        <TextInput
          size="xs"
          aria-label={t('people.identities.id')}
          placeholder={t('people.identities.id')}
          value={externalId}
          onChange={(event) => setExternalId(event.currentTarget.value)}
          error={fieldError(problem, 'id')}
        />
        <Button size="xs" variant="light" loading={link.isPending} onClick={() => link.mutate()}>
          {t('people.identities.link')}
        </Button>
      </Group>
      <ProblemAlert error={link.error} shownFields={['system', 'id']} />
    </Stack>
  );
}
