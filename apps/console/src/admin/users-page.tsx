import { Button, Group, MultiSelect, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES } from '@escala/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Answer } from '../api/models';
import { fieldError, unwrap } from '../api/problem';
import { ProblemAlert, problemOf } from '../ui/problem-alert';
import { NewUserForm } from './new-user-form';
import { UserActivation, UserIdentities } from './user-access';

type User = Answer<'/users', 'get'>['items'][number];
type Member = Answer<'/support-members', 'get'>['items'][number];
type Unit = Answer<'/support-structure', 'get'>['structure']['units'][number];

/** People: created here, their roles, where they work in the structure (tier, stage or desk), access and outside identities. */
export default function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: ['users'], queryFn: async () => unwrap(await api.GET('/users')).items });
  const members = useQuery({
    queryKey: ['support-members'],
    queryFn: async () => unwrap(await api.GET('/support-members', { params: { query: {} } })).items,
  });
  const structure = useQuery({
    queryKey: ['support-structure'],
    queryFn: async () => unwrap(await api.GET('/support-structure')),
  });
  const units = structure.data?.structure.units ?? [];
  return (
    <Stack>
      <Title order={1}>{t('editors.users.title')}</Title>
      <NewUserForm />
      <ProblemAlert error={users.error ?? members.error ?? structure.error} />
      <Table aria-label={t('editors.users.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('editors.users.person')}</Table.Th>
            <Table.Th>{t('editors.users.roles')}</Table.Th>
            <Table.Th>{t('editors.users.placement')}</Table.Th>
            <Table.Th>{t('people.access')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((user) => (
            <UserRow
              key={user.id}
              user={user}
              units={units}
              member={members.data?.find((member) => member.userId === user.id)}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function UserRow({ user, units, member }: { user: User; units: Unit[]; member: Member | undefined }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [unitKey, setUnitKey] = useState<string | null>(member?.unitKey ?? null);
  const [role, setRole] = useState<'agent' | 'supervisor'>(member?.function ?? 'agent');
  const saveRoles = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/users/{id}', {
          params: { path: { id: user.id } },
          body: { roles: roles as User['roles'] },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  const place = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/support-members/{userId}', {
          params: { path: { userId: user.id } },
          body: { unitKey: unitKey ?? '', function: role },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['support-members'] }),
  });
  const rolesRefusal = problemOf(saveRoles.error);
  const placeRefusal = problemOf(place.error);
  return (
    <Table.Tr data-testid="user-row" aria-label={user.login}>
      <Table.Td>
        <Text fw={500}>{user.displayName}</Text>
        <Text size="sm" c="dimmed">
          {user.login}
          {user.active ? '' : ` · ${t('editors.users.inactive')}`}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap="xs">
          <MultiSelect
            aria-label={t('editors.users.rolesOf', { name: user.displayName })}
            data={ROLES.map((value) => ({ value, label: t(`editors.roles.${value}`, { defaultValue: value }) }))}
            value={roles}
            onChange={setRoles}
            error={fieldError(rolesRefusal, 'roles')}
          />
          <Button size="xs" variant="light" onClick={() => saveRoles.mutate()} loading={saveRoles.isPending}>
            {t('editors.users.saveRoles')}
          </Button>
          <ProblemAlert error={saveRoles.error} shownFields={['roles']} />
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Select
              aria-label={t('editors.users.unitOf', { name: user.displayName })}
              placeholder={t('editors.users.notPlaced')}
              data={units.map((unit) => ({ value: unit.key, label: `${unit.name} (${unit.key})` }))}
              value={unitKey}
              onChange={setUnitKey}
              error={fieldError(placeRefusal, 'unitKey')}
            />
            <Select
              aria-label={t('editors.users.functionOf', { name: user.displayName })}
              data={(['agent', 'supervisor'] as const).map((value) => ({
                value,
                label: t(`editors.users.functions.${value}`),
              }))}
              value={role}
              onChange={(value) => value && setRole(value as 'agent' | 'supervisor')}
              allowDeselect={false}
            />
          </Group>
          <Button size="xs" variant="light" onClick={() => place.mutate()} loading={place.isPending}>
            {t('editors.users.place')}
          </Button>
          {place.isSuccess && (
            <Text size="sm" c="green" role="status">
              {t('editors.users.placed', { unit: place.data.unitKey })}
            </Text>
          )}
          <ProblemAlert error={place.error} shownFields={['unitKey']} />
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap="sm">
          <UserActivation user={user} />
          <UserIdentities user={user} />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
