import { Alert, Button, Card, Group, MultiSelect, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLES, type Role } from '@escala/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { fieldError, unwrap } from '../api/problem';
import { ProblemAlert, problemOf } from '../ui/problem-alert';

const FIELDS = ['login', 'displayName', 'email', 'roles', 'password'];

/**
 * Creates a person. Without a password the server generates one and answers it once: it is shown
 * here until the next creation and never again (the admin hands it over).
 */
export function NewUserForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>(['agent']);
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/users', {
          body: {
            login,
            displayName,
            roles: roles as Role[],
            ...(email ? { email } : {}),
            ...(password ? { password } : {}),
          },
        }),
      ),
    onSuccess: () => {
      for (const clear of [setLogin, setDisplayName, setEmail, setPassword]) clear('');
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const problem = problemOf(create.error);
  return (
    <Card withBorder component="section" aria-label={t('people.create.title')}>
      <Title order={2} size="h3" mb="sm">
        {t('people.create.title')}
      </Title>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            label={t('people.create.login')}
            value={login}
            onChange={(event) => setLogin(event.currentTarget.value)}
            error={fieldError(problem, 'login')}
          />
          <TextInput
            label={t('people.create.displayName')}
            value={displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
            error={fieldError(problem, 'displayName')}
          />
          <TextInput
            label={t('people.create.email')}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError(problem, 'email')}
          />
        </Group>
        <Group grow align="flex-start">
          <MultiSelect
            label={t('people.create.roles')}
            data={ROLES.map((value) => ({ value, label: t(`editors.roles.${value}`) }))}
            value={roles}
            onChange={setRoles}
            error={fieldError(problem, 'roles')}
          />
          <PasswordInput
            label={t('people.create.password')}
            description={t('people.create.passwordHint')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError(problem, 'password')}
            autoComplete="new-password"
          />
        </Group>
        <ProblemAlert error={create.error} shownFields={FIELDS} />
        {create.data && (
          <Alert color="green" role="status" title={t('people.create.created', { name: create.data.displayName })}>
            {create.data.initialPassword &&
              t('people.create.initialPassword', { password: create.data.initialPassword })}
          </Alert>
        )}
        <Group>
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('people.create.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
