import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ProblemError, fieldError, unwrap } from '../api/problem';
import { ProblemAlert } from '../ui/problem-alert';
import { lastThirtyDays, REPORT_KINDS, type ReportKind, type ReportTable } from './report-kinds';

/** Reports for leaders and admins: pick one and a period, read the table and its chart, export CSV. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const [report, setReport] = useState<ReportKind>('sla-compliance');
  const [period, setPeriod] = useState(lastThirtyDays);
  const table = useQuery({
    queryKey: ['reports', report, period.from, period.to],
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.GET('/reports/{report}', { params: { path: { report }, query: { ...period, format: 'json' } } }),
      ) as unknown as ReportTable,
  });
  const problem = table.error instanceof ProblemError ? table.error.problem : null;
  return (
    <Stack>
      <Title order={1}>{t('reports.title')}</Title>
      <Group align="end">
        <Select
          label={t('reports.report')}
          w={420}
          allowDeselect={false}
          value={report}
          onChange={(value) => value && setReport(value as ReportKind)}
          data={REPORT_KINDS.map((kind) => ({ value: kind, label: t(`reports.kinds.${kind}`) }))}
        />
        <TextInput
          type="date"
          label={t('reports.from')}
          value={period.from}
          error={fieldError(problem, 'from')}
          onChange={(event) => setPeriod({ ...period, from: event.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('reports.to')}
          value={period.to}
          error={fieldError(problem, 'to')}
          onChange={(event) => setPeriod({ ...period, to: event.currentTarget.value })}
        />
        <Button variant="default" onClick={() => void downloadCsv(report, period)}>
          {t('reports.export')}
        </Button>
      </Group>
      <ProblemAlert error={table.error} />
      {table.data && <ReportView table={table.data} />}
    </Stack>
  );
}

function ReportView({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  const label = (value: string) => t(`reports.clocks.${value}`, { defaultValue: value });
  if (!table.rows.length) return <Text c="dimmed">{t('reports.empty')}</Text>;
  return (
    <Card withBorder>
      <ReportChart table={table} />
      <Table mt="md" striped aria-label={t(`reports.kinds.${table.report}`)}>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((column) => (
              <Table.Th key={column}>{t(`reports.columns.${column}`, { defaultValue: column })}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, index) => (
            <Table.Tr key={index}>
              {table.columns.map((column) => (
                <Table.Td key={column}>
                  {column === 'clock' ? label(String(row[column])) : (row[column] ?? '—')}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** The backlog is a trend (lines); SLA compliance compares met and breached per tier (stacked bars). */
function ReportChart({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  const name = (column: string) => t(`reports.columns.${column}`);
  if (table.report === 'backlog') {
    const data = table.rows.map((row) => ({
      day: row.day,
      [name('backlog')]: row.backlog,
      [name('opened')]: row.opened,
      [name('closed')]: row.closed,
    }));
    return (
      <LineChart
        h={240}
        data={data}
        dataKey="day"
        withLegend
        series={[
          { name: name('backlog'), color: 'blue.7' },
          { name: name('opened'), color: 'orange.7' },
          { name: name('closed'), color: 'green.7' },
        ]}
      />
    );
  }
  if (table.report === 'sla-compliance') {
    const data = table.rows.map((row) => ({
      deadline: `${row.tier} · ${t(`reports.clocks.${row.clock}`)}`,
      [name('met')]: row.met,
      [name('breached')]: row.breached,
    }));
    return (
      <BarChart
        h={240}
        data={data}
        dataKey="deadline"
        type="stacked"
        withLegend
        series={[
          { name: name('met'), color: 'green.7' },
          { name: name('breached'), color: 'red.7' },
        ]}
      />
    );
  }
  return null;
}

/** The server writes the CSV (same rows as the table); the browser saves it under the server's name. */
async function downloadCsv(report: ReportKind, period: { from: string; to: string }): Promise<void> {
  const csv = unwrap(
    await api.GET('/reports/{report}', {
      params: { path: { report }, query: { ...period, format: 'csv' } },
      parseAs: 'text',
    }),
  ) as unknown as string;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.download = `${report}-${period.from}-${period.to}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}
