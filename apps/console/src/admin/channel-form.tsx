import {
  Button,
  Checkbox,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Connector } from '../api/models';
import { fieldError, unwrap } from '../api/problem';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import { configFields, configValue, type ConfigField } from './config-fields';

/** Create a channel of any installed connector, with a form generated from the connector's config schema. */
export function ChannelForm({ connectors }: { connectors: Connector[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [connectorKey, setConnectorKey] = useState<string | null>(connectors[0]?.key ?? null);
  const [name, setName] = useState('');
  const [eventTypes, setEventTypes] = useState<string[]>(['*']);
  const [enabled, setEnabled] = useState(true);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const connector = connectors.find((candidate) => candidate.key === connectorKey);
  const fields = connector ? configFields(connector.configSchema) : [];
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/channels', {
          body: {
            connector: connectorKey ?? '',
            name,
            config: configValue(fields, values),
            subscription: { eventTypes, tiers: [], stages: [], tags: [], categories: [] },
            enabled,
          },
        }),
      ),
    onSuccess: () => {
      setName('');
      setValues({});
      void client.invalidateQueries({ queryKey: ['channels'] });
    },
  });
  const problem = problemOf(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const shown = ['connector', 'name', 'subscription', ...fields.map((field) => `config.${field.name}`)];
  return (
    <Stack component="form" onSubmit={onSubmit} aria-label={t('channels.create')}>
      <Title order={2} size="h3">
        {t('channels.create')}
      </Title>
      <Select
        label={t('channels.connector')}
        data={connectors.map((candidate) => ({ value: candidate.key, label: candidate.displayName }))}
        value={connectorKey}
        onChange={(key) => {
          setConnectorKey(key);
          setValues({});
        }}
        error={fieldError(problem, 'connector')}
        required
      />
      <TextInput
        label={t('channels.name')}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={fieldError(problem, 'name')}
        required
      />
      {fields.map((field) => (
        <ConfigInput
          key={`${connectorKey}-${field.name}`}
          field={field}
          value={values[field.name]}
          error={fieldError(problem, `config.${field.name}`)}
          onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
        />
      ))}
      <TagsInput
        label={t('channels.events')}
        value={eventTypes}
        onChange={setEventTypes}
        error={fieldError(problem, 'subscription')}
      />
      <Checkbox
        label={t('channels.enabled')}
        checked={enabled}
        onChange={(event) => setEnabled(event.currentTarget.checked)}
      />
      <ProblemAlert error={create.error} shownFields={shown} />
      <Button type="submit" loading={create.isPending}>
        {t('channels.save')}
      </Button>
    </Stack>
  );
}

function ConfigInput(props: { field: ConfigField; value: unknown; error?: string; onChange(value: unknown): void }) {
  const { t } = useTranslation();
  const { field, value, error, onChange } = props;
  const common = { label: field.name, description: field.description, required: field.required, error };
  switch (field.kind) {
    case 'secret':
      return (
        <PasswordInput
          {...common}
          description={[field.description, t('channels.secretHint')].filter(Boolean).join(' · ')}
          autoComplete="new-password"
          value={String(value ?? '')}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          min={field.min}
          max={field.max}
          placeholder={field.defaultValue === undefined ? undefined : String(field.defaultValue)}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={field.name}
          description={field.description}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      );
    case 'choice':
      return <Select {...common} data={field.choices ?? []} value={(value as string) ?? null} onChange={onChange} />;
    default:
      return (
        <TextInput {...common} value={String(value ?? '')} onChange={(event) => onChange(event.currentTarget.value)} />
      );
  }
}
