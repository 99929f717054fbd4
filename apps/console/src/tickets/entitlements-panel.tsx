import { Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { ProblemAlert } from '../ui/problem-alert';

/** What the customer's contracts entitle them to, and whether this ticket's category is among it. */
export function EntitlementsPanel({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const view = useQuery({
    queryKey: ['ticket', ticketId, 'entitlements'],
    queryFn: async () => unwrap(await api.GET('/tickets/{id}/entitlements', { params: { path: { id: ticketId } } })),
  });
  const decision = view.data?.category.decision;
  const verdict = (allowed: boolean) => (
    <Badge color={allowed ? 'green' : 'red'} variant="light">
      {allowed ? t('panels.entitlements.allowed') : t('panels.entitlements.denied')}
    </Badge>
  );
  return (
    <Stack gap="xs" component="section" aria-label={t('panels.entitlements.title')}>
      <Title order={3}>{t('panels.entitlements.title')}</Title>
      <ProblemAlert error={view.error} />
      {view.data && (
        <>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('panels.entitlements.category')}:
            </Text>
            {decision ? verdict(decision.allowed) : <Text size="sm">{t('panels.entitlements.noRule')}</Text>}
          </Group>
          {decision && <Text size="sm">{decision.explanation}</Text>}
          <Text size="sm" fw={600}>
            {t('panels.entitlements.products')}
          </Text>
          <List size="sm">
            {view.data.products.map((product) => (
              <List.Item key={`${product.product}-${product.contractedOn}`}>
                {product.product} (
                {t('panels.entitlements.contractedOn', {
                  date: new Date(`${product.contractedOn}T12:00:00`).toLocaleDateString(i18n.language),
                })}
                )
              </List.Item>
            ))}
          </List>
          <List size="sm" aria-label={t('panels.entitlements.title')}>
            {view.data.entitlements.map((entitlement) => (
              <List.Item key={entitlement.benefit}>
                <Group gap="xs">
                  {verdict(entitlement.allowed)}
                  <Text size="sm">{entitlement.explanation}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}
