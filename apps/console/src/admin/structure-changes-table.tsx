import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../api/models';
import { formatChangeValue } from './structure-draft';

type Change = Answer<'/support-structure/preview', 'post'>['changes'][number];

// The editor's own labels for the fields the server names in a change.
const FIELD_LABELS: Record<string, string> = {
  name: 'structureEditor.unitName',
  entryUnit: 'structureEditor.entryUnit',
  spocUnit: 'structureEditor.spocUnit',
  label: 'structureEditor.category',
  kind: 'structureEditor.kind',
  tier: 'structureEditor.tier',
  stage: 'structureEditor.stage',
  talksToCustomers: 'structureEditor.talksToCustomers',
  firstResponseHours: 'structureEditor.firstResponse',
  analysisHours: 'structureEditor.analysis',
  categories: 'structureEditor.routing',
  escalatesTo: 'structureEditor.escalatesTo',
};

/** What saving the draft changes, as the server compared it with the active version. */
export function ChangesTable({ changes }: { changes: Change[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <Text>{t('structureEditor.noChanges')}</Text>;
  const value = (v: Change['before']) => formatChangeValue(v, '✓', '✗');
  return (
    <Table data-testid="structure-changes">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('structureEditor.what')}</Table.Th>
          <Table.Th>{t('structureEditor.field')}</Table.Th>
          <Table.Th>{t('structureEditor.before')}</Table.Th>
          <Table.Th>{t('structureEditor.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((change) => (
          <Table.Tr key={`${change.subject}:${change.key}:${change.field}`}>
            <Table.Td>
              {t(`structureEditor.subjects.${change.subject}`, { key: change.key })}
              {change.change !== 'changed' && ` (${t(`structureEditor.change.${change.change}`)})`}
            </Table.Td>
            <Table.Td>{change.field ? t(FIELD_LABELS[change.field] ?? change.field) : '—'}</Table.Td>
            <Table.Td>{value(change.before)}</Table.Td>
            <Table.Td>{value(change.after)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
