import { Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../api/problem';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import { useSession } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const submit = useMutation({ mutationFn: () => session.logIn(login, password) });
  const problem = problemOf(submit.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };
  return (
    <Container size={420} py="xl">
      <Title order={1} mb="md">
        {t('login.title')}
      </Title>
      <Paper withBorder p="lg" component="form" onSubmit={onSubmit}>
        <Stack>
          <TextInput
            label={t('login.login')}
            value={login}
            onChange={(event) => setLogin(event.currentTarget.value)}
            error={fieldError(problem, 'login')}
            autoComplete="username"
            required
          />
          <PasswordInput
            label={t('login.password')}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError(problem, 'password')}
            autoComplete="current-password"
            required
          />
          <ProblemAlert error={submit.error} shownFields={['login', 'password']} />
          <Button type="submit" loading={submit.isPending}>
            {t('login.submit')}
          </Button>
        </Stack>
      </Paper>
    </Container>
  );
}
