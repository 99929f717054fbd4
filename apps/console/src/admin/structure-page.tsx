import {
  Badge,
  Button,
  Card,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Answer } from '../api/models';
import { fieldError, unwrap } from '../api/problem';
import { formatDateTime } from '../ui/format';
import { ProblemAlert, problemOf } from '../ui/problem-alert';
import { shownFields, type Structure } from './structure-draft';
import { RoutingEditor, UnitsEditor } from './structure-units';
import { ChangesTable } from './structure-changes-table';

type Preview = Answer<'/support-structure/preview', 'post'>;

/**
 * The support structure as an admin edits it: a draft of the whole definition, reviewed as the
 * server's list of changes against the active version, then saved as a new version.
 */
export default function StructurePage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const active = useQuery({
    queryKey: ['support-structure'],
    retry: false,
    queryFn: async () => unwrap(await api.GET('/support-structure')),
  });
  const presets = useQuery({
    queryKey: ['structure-presets'],
    queryFn: async () => unwrap(await api.GET('/support-structure/presets')).items,
  });
  const versions = useQuery({
    queryKey: ['structure-versions'],
    queryFn: async () => unwrap(await api.GET('/support-structure/versions')).items,
  });
  const [draft, setDraft] = useState<Structure | null>(null);
  const [note, setNote] = useState('');
  const [preset, setPreset] = useState<string | null>(null);
  useEffect(() => {
    if (active.data && draft === null) setDraft(active.data.structure);
  }, [active.data, draft]);

  const preview = useMutation({
    mutationFn: async (definition: Structure): Promise<Preview> =>
      unwrap(await api.POST('/support-structure/preview', { body: { definition } })),
  });
  const save = useMutation({
    mutationFn: async (definition: Structure) =>
      unwrap(await api.POST('/support-structure/versions', { body: { definition, note: note || undefined } })),
    onSuccess: (saved) => {
      setDraft(saved.definition);
      setNote('');
      preview.reset();
      void client.invalidateQueries({ queryKey: ['support-structure'] });
      void client.invalidateQueries({ queryKey: ['structure-versions'] });
    },
  });
  // Any edit makes the reviewed changes stale: they must be reviewed again before saving.
  const edit = (next: Structure) => {
    setDraft(next);
    preview.reset();
    save.reset();
  };
  const restore = useMutation({
    mutationFn: async (version: number) =>
      unwrap(await api.GET('/support-structure/versions/{version}', { params: { path: { version } } })).definition,
    onSuccess: edit,
  });
  const refusal = problemOf(save.error) ?? problemOf(preview.error);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('structureEditor.title')}</Title>
        {active.data && <Badge size="lg">{t('structureEditor.active', { version: active.data.version })}</Badge>}
      </Group>
      {active.isError && <Text>{t('structureEditor.noneYet')}</Text>}
      <Group align="end">
        <Select
          label={t('structureEditor.preset')}
          data={(presets.data ?? []).map((item) => ({
            value: item.key,
            label: `${item.structure.name} (${item.key})`,
          }))}
          value={preset}
          onChange={setPreset}
        />
        <Button
          variant="default"
          disabled={!preset}
          onClick={() => {
            const chosen = presets.data?.find((item) => item.key === preset);
            if (chosen) edit(chosen.structure);
          }}
        >
          {t('structureEditor.loadPreset')}
        </Button>
        {active.data && (
          <Button variant="subtle" onClick={() => edit(active.data.structure)}>
            {t('structureEditor.discard')}
          </Button>
        )}
      </Group>
      {draft && (
        <>
          <Fieldset legend={t('structureEditor.general')}>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <TextInput
                label={t('structureEditor.name')}
                value={draft.name}
                onChange={(event) => edit({ ...draft, name: event.currentTarget.value })}
                error={fieldError(refusal, 'definition.name')}
              />
              <Select
                label={t('structureEditor.entryUnit')}
                data={draft.units.map((unit) => unit.key)}
                value={draft.entryUnit}
                onChange={(entryUnit) => entryUnit && edit({ ...draft, entryUnit })}
                allowDeselect={false}
                error={fieldError(refusal, 'definition.entryUnit')}
              />
              <Select
                label={t('structureEditor.spocUnit')}
                placeholder={t('structureEditor.none')}
                data={draft.units.map((unit) => unit.key)}
                value={draft.spocUnit}
                onChange={(spocUnit) => edit({ ...draft, spocUnit })}
                clearable
                error={fieldError(refusal, 'definition.spocUnit')}
              />
            </SimpleGrid>
          </Fieldset>
          <UnitsEditor draft={draft} onChange={edit} refusal={refusal} />
          <RoutingEditor draft={draft} onChange={edit} />
          <Card withBorder>
            <Stack>
              <TextInput
                label={t('structureEditor.note')}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                error={fieldError(refusal, 'note')}
              />
              <ProblemAlert error={save.error ?? preview.error} shownFields={[...shownFields(draft), 'note']} />
              <Group>
                <Button onClick={() => preview.mutate(draft)} loading={preview.isPending}>
                  {t('structureEditor.review')}
                </Button>
                {save.isSuccess && (
                  <Text c="green" role="status">
                    {t('structureEditor.savedVersion', { version: save.data.version })}
                  </Text>
                )}
              </Group>
              {preview.data && (
                <section aria-live="polite" aria-label={t('structureEditor.review')}>
                  <Title order={2} size="h4">
                    {preview.data.basedOn === null
                      ? t('structureEditor.changesFirst')
                      : t('structureEditor.changes', { version: preview.data.basedOn })}
                  </Title>
                  <ChangesTable changes={preview.data.changes} />
                  <Button mt="sm" onClick={() => save.mutate(draft)} loading={save.isPending}>
                    {t('structureEditor.saveVersion')}
                  </Button>
                </section>
              )}
            </Stack>
          </Card>
        </>
      )}
      <Title order={2} size="h3">
        {t('structureEditor.versions')}
      </Title>
      <ProblemAlert error={versions.error ?? restore.error} />
      <Table aria-label={t('structureEditor.versions')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('structureEditor.version')}</Table.Th>
            <Table.Th>{t('structureEditor.savedAt')}</Table.Th>
            <Table.Th>{t('structureEditor.savedBy')}</Table.Th>
            <Table.Th>{t('structureEditor.fromPreset')}</Table.Th>
            <Table.Th>{t('structureEditor.note')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(versions.data ?? []).map((version) => (
            <Table.Tr key={version.version} data-testid="structure-version">
              <Table.Td>{version.version}</Table.Td>
              <Table.Td>{formatDateTime(version.createdAt, i18n.language)}</Table.Td>
              <Table.Td>{version.createdByName ?? '—'}</Table.Td>
              <Table.Td>{version.preset ?? '—'}</Table.Td>
              <Table.Td>{version.note ?? '—'}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={t('structureEditor.useVersionOf', { version: version.version })}
                  onClick={() => restore.mutate(version.version)}
                >
                  {t('structureEditor.useVersion')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
