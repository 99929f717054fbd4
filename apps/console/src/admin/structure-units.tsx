import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Table,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, type Problem } from '../api/problem';
import {
  addUnit,
  categoryOwner,
  hoursOf,
  removeUnit,
  routeCategory,
  unitField,
  updateUnit,
  type Structure,
} from './structure-draft';

interface DraftProps {
  draft: Structure;
  onChange: (draft: Structure) => void;
  refusal: Problem | null;
}

/** Tiers, stages and desks: SLA targets and escalation paths, each refusal under the field it names. */
export function UnitsEditor({ draft, onChange, refusal }: DraftProps) {
  const { t } = useTranslation();
  const [newKey, setNewKey] = useState('');
  const unitKeys = draft.units.map((unit) => unit.key);
  return (
    <Fieldset legend={t('structureEditor.units')}>
      {draft.units.map((unit, index) => {
        const set = (patch: Partial<Structure['units'][number]>) => onChange(updateUnit(draft, index, patch));
        const error = (field: Parameters<typeof unitField>[1]) => fieldError(refusal, unitField(index, field));
        return (
          <Fieldset
            key={index}
            legend={t('structureEditor.unit', { key: unit.key })}
            variant="filled"
            mb="sm"
            data-testid={`unit-${unit.key}`}
          >
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <TextInput
                label={t('structureEditor.key')}
                value={unit.key}
                onChange={(event) => set({ key: event.currentTarget.value })}
                error={error('key')}
              />
              <TextInput
                label={t('structureEditor.unitName')}
                value={unit.name}
                onChange={(event) => set({ name: event.currentTarget.value })}
                error={error('name')}
              />
              <Select
                label={t('structureEditor.kind')}
                data={(['tier', 'stage', 'desk'] as const).map((kind) => ({
                  value: kind,
                  label: t(`structureEditor.kinds.${kind}`),
                }))}
                value={unit.kind}
                onChange={(kind) => kind && set({ kind: kind as typeof unit.kind })}
                allowDeselect={false}
                error={error('kind')}
              />
              <TextInput
                label={t('structureEditor.tier')}
                value={unit.tier ?? ''}
                onChange={(event) => set({ tier: event.currentTarget.value || null })}
                error={error('tier')}
              />
              <NumberInput
                label={t('structureEditor.stage')}
                value={unit.stage ?? ''}
                onChange={(value) => set({ stage: hoursOf(value) })}
                error={error('stage')}
              />
              <Checkbox
                mt="lg"
                label={t('structureEditor.talksToCustomers')}
                checked={unit.talksToCustomers}
                onChange={(event) => set({ talksToCustomers: event.currentTarget.checked })}
              />
              <NumberInput
                label={t('structureEditor.firstResponse')}
                placeholder={t('structureEditor.noTarget')}
                decimalScale={2}
                value={unit.firstResponseHours ?? ''}
                onChange={(value) => set({ firstResponseHours: hoursOf(value) })}
                error={error('firstResponseHours')}
              />
              <NumberInput
                label={t('structureEditor.analysis')}
                placeholder={t('structureEditor.noTarget')}
                decimalScale={2}
                value={unit.analysisHours ?? ''}
                onChange={(value) => set({ analysisHours: hoursOf(value) })}
                error={error('analysisHours')}
              />
              <MultiSelect
                label={t('structureEditor.escalatesTo')}
                data={unitKeys.filter((key) => key !== unit.key)}
                value={unit.escalatesTo}
                onChange={(escalatesTo) => set({ escalatesTo })}
                error={error('escalatesTo')}
              />
            </SimpleGrid>
            <Button mt="sm" size="xs" variant="subtle" color="red" onClick={() => onChange(removeUnit(draft, index))}>
              {t('structureEditor.removeUnit', { key: unit.key })}
            </Button>
          </Fieldset>
        );
      })}
      <Group align="end">
        <TextInput
          label={t('structureEditor.newUnitKey')}
          value={newKey}
          onChange={(event) => setNewKey(event.currentTarget.value)}
        />
        <Button
          variant="light"
          disabled={!newKey.trim()}
          onClick={() => {
            onChange(addUnit(draft, newKey.trim()));
            setNewKey('');
          }}
        >
          {t('structureEditor.addUnit')}
        </Button>
      </Group>
    </Fieldset>
  );
}

/** Category → tier/stage: where each category's new tickets go. */
export function RoutingEditor({ draft, onChange }: Omit<DraftProps, 'refusal'>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'pt-BR';
  const units = draft.units.map((unit) => ({ value: unit.key, label: `${unit.name} (${unit.key})` }));
  return (
    <Fieldset legend={t('structureEditor.routing')}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('structureEditor.category')}</Table.Th>
            <Table.Th>{t('structureEditor.receivedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.categories.map((category) => (
            <Table.Tr key={category.key}>
              <Table.Td>
                {category.label[language]} <code>{category.key}</code>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('structureEditor.receivedByOf', { category: category.label[language] })}
                  placeholder={t('structureEditor.entryFallback', { unit: draft.entryUnit })}
                  data={units}
                  value={categoryOwner(draft, category.key)}
                  onChange={(unitKey) => onChange(routeCategory(draft, category.key, unitKey))}
                  clearable
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Fieldset>
  );
}
