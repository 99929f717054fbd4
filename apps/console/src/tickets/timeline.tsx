import { Badge, Card, Group, Stack, Text, Timeline as MantineTimeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../api/models';
import { formatDateTime } from '../ui/format';

const KIND_COLOR: Record<Entry['kind'], string> = { public: 'blue', internal: 'yellow', event: 'gray' };

/** The trâmites, oldest first: replies to the customer, internal notes and system events apart at a glance. */
export function Timeline({ entries }: { entries: Entry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <MantineTimeline bulletSize={14} lineWidth={2} aria-label={t('ticket.timeline')}>
      {entries.map((entry) => (
        <MantineTimeline.Item key={entry.id} color={KIND_COLOR[entry.kind]} data-kind={entry.kind}>
          <Card withBorder padding="xs" bg={entry.kind === 'internal' ? 'yellow.0' : undefined}>
            <Stack gap={4}>
              <Group gap="xs">
                <Badge color={KIND_COLOR[entry.kind]} variant="light">
                  {t(`ticket.kind.${entry.kind}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {entry.authorLabel ?? ''} · {formatDateTime(entry.createdAt, i18n.language)}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {entry.body}
              </Text>
            </Stack>
          </Card>
        </MantineTimeline.Item>
      ))}
    </MantineTimeline>
  );
}
