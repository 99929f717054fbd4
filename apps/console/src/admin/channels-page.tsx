import { Badge, Button, Card, Code, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { asConnector, type Channel } from '../api/models';
import { unwrap } from '../api/problem';
import { ProblemAlert } from '../ui/problem-alert';
import { ChannelForm } from './channel-form';

const HEALTH_COLOR: Record<string, string> = { healthy: 'green', unhealthy: 'red', unknown: 'gray' };

/** Connectors per channel: create, test, enable or disable, and read each channel's delivery log. */
export default function ChannelsPage() {
  const { t } = useTranslation();
  const connectors = useQuery({
    queryKey: ['connectors'],
    queryFn: async () => unwrap(await api.GET('/connectors')).items.map(asConnector),
  });
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: async () => unwrap(await api.GET('/channels')).items,
  });
  return (
    <Stack>
      <Title order={1}>{t('channels.title')}</Title>
      <ProblemAlert error={connectors.error ?? channels.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            {channels.data?.length === 0 && <Text c="dimmed">{t('channels.none')}</Text>}
            {(channels.data ?? []).map((channel) => (
              <ChannelCard key={channel.id} channel={channel} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>{connectors.data && <ChannelForm connectors={connectors.data} />}</Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ChannelCard({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const refresh = () => void client.invalidateQueries({ queryKey: ['channels'] });
  const test = useMutation({
    mutationFn: async () => unwrap(await api.POST('/channels/{id}/test', { params: { path: { id: channel.id } } })),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/channels/{id}', {
          params: { path: { id: channel.id } },
          body: { enabled: !channel.enabled },
        }),
      ),
    onSuccess: refresh,
  });
  const deliveries = useQuery({
    queryKey: ['channels', channel.id, 'deliveries'],
    enabled: showDeliveries,
    queryFn: async () =>
      unwrap(await api.GET('/channels/{id}/deliveries', { params: { path: { id: channel.id }, query: { limit: 20 } } }))
        .items,
  });
  const health = test.data?.status ?? channel.health.status;
  return (
    <Card withBorder data-testid="channel" aria-label={channel.name}>
      <Group justify="space-between">
        <Title order={2} size="h4">
          {channel.name}
        </Title>
        <Group gap="xs">
          <Badge color={channel.enabled ? 'green' : 'gray'}>
            {channel.enabled ? t('channels.enabled') : t('channels.disabled')}
          </Badge>
          <Badge color={HEALTH_COLOR[health] ?? 'gray'}>
            {t(`channels.health.${health}`, { defaultValue: health })}
          </Badge>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {channel.connector} · {channel.subscription.eventTypes.join(', ')}
      </Text>
      <Code block mt="xs">
        {JSON.stringify(channel.config, null, 2)}
      </Code>
      {(test.data?.detail ?? channel.health.detail) && (
        <Text size="sm" mt="xs" data-testid="health-detail">
          {test.data?.detail ?? channel.health.detail}
        </Text>
      )}
      <ProblemAlert error={test.error ?? toggle.error} />
      <Group mt="sm">
        <Button size="xs" variant="light" onClick={() => test.mutate()} loading={test.isPending}>
          {t('channels.test')}
        </Button>
        <Button size="xs" variant="default" onClick={() => toggle.mutate()} loading={toggle.isPending}>
          {channel.enabled ? t('channels.disable') : t('channels.enable')}
        </Button>
        <Button size="xs" variant="subtle" onClick={() => setShowDeliveries((shown) => !shown)}>
          {t('channels.deliveries')}
        </Button>
      </Group>
      {showDeliveries && (
        <Table mt="sm" aria-label={t('channels.deliveries')}>
          <Table.Tbody>
            {(deliveries.data ?? []).map((delivery) => (
              <Table.Tr key={delivery.id}>
                <Table.Td>{delivery.eventType}</Table.Td>
                <Table.Td>{delivery.status}</Table.Td>
                <Table.Td>{delivery.attempts}</Table.Td>
                <Table.Td>{delivery.lastError}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {showDeliveries && deliveries.data?.length === 0 && <Text c="dimmed">{t('dashboard.none')}</Text>}
    </Card>
  );
}
