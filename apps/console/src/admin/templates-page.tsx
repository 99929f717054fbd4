import { Badge, Button, Card, Grid, Group, NavLink, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Answer } from '../api/models';
import { fieldError, unwrap } from '../api/problem';
import { ProblemAlert, problemOf } from '../ui/problem-alert';
import { sampleView } from './sample-view';

type Template = Answer<'/playbook/templates', 'get'>['items'][number];

/** The playbook texts per locale: edit the wording and see it rendered with sample values as you type. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const templates = useQuery({
    queryKey: ['playbook-templates'],
    queryFn: async () => unwrap(await api.GET('/playbook/templates')).items,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const current = templates.data?.find((template) => `${template.key}:${template.locale}` === selected);
  return (
    <Stack>
      <Title order={1}>{t('editors.templates.title')}</Title>
      <ProblemAlert error={templates.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ScrollArea.Autosize mah="75vh">
            <nav aria-label={t('editors.templates.title')}>
              {(templates.data ?? []).map((template) => {
                const id = `${template.key}:${template.locale}`;
                return (
                  <NavLink
                    key={id}
                    component="button"
                    label={`${template.key} · ${template.locale}`}
                    description={template.description}
                    active={id === selected}
                    onClick={() => setSelected(id)}
                    rightSection={template.overridden ? <Badge size="xs">{t('editors.templates.edited')}</Badge> : null}
                  />
                );
              })}
            </nav>
          </ScrollArea.Autosize>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {current ? (
            <TemplateEditor key={selected} template={current} />
          ) : (
            <Text c="dimmed">{t('editors.templates.pick')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function TemplateEditor({ template }: { template: Template }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(template.body);
  useEffect(() => setDraft(template.body), [template.body]);
  const [debounced] = useDebouncedValue(draft, 300);
  const path = { params: { path: { key: template.key, locale: template.locale } } };
  const preview = useQuery({
    queryKey: ['playbook-template-preview', template.key, template.locale, debounced],
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.POST('/playbook/templates/{key}/{locale}/preview', {
          ...path,
          body: { view: sampleView(template.variables), body: debounced },
        }),
      ).text,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['playbook-templates'] });
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PUT('/playbook/templates/{key}/{locale}', { ...path, body: { body: draft } })),
    onSuccess: refresh,
  });
  const reset = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/playbook/templates/{key}/{locale}', path)),
    onSuccess: refresh,
  });
  const refusal = problemOf(save.error) ?? problemOf(preview.error);
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {template.key} · {template.locale}
        </Title>
        <Text size="sm">{template.description}</Text>
        <Text size="sm" c="dimmed">
          {t('editors.templates.variables')}:{' '}
          {template.variables.length ? template.variables.map((name) => `{{${name}}}`).join(', ') : '—'}
        </Text>
        <Textarea
          label={t('editors.templates.body')}
          autosize
          minRows={6}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          error={fieldError(refusal, 'body')}
        />
        <ProblemAlert error={save.error ?? reset.error} shownFields={['body']} />
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={draft === template.body}>
            {t('editors.save')}
          </Button>
          <Button
            variant="default"
            onClick={() => reset.mutate()}
            loading={reset.isPending}
            disabled={!template.overridden}
          >
            {t('editors.templates.reset')}
          </Button>
          {save.isSuccess && draft === template.body && (
            <Text size="sm" c="green" role="status">
              {t('editors.saved')}
            </Text>
          )}
        </Group>
        <Title order={3} size="h5">
          {t('editors.templates.preview')}
        </Title>
        <Card withBorder bg="gray.0" data-testid="template-preview" aria-live="polite">
          <Text style={{ whiteSpace: 'pre-wrap' }}>{preview.data ?? ''}</Text>
        </Card>
      </Stack>
    </Card>
  );
}
