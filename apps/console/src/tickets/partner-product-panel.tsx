import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { fieldError, unwrap } from '../api/problem';
import { problemOf, ProblemAlert } from '../ui/problem-alert';
import { useTicketMutation } from './ticket-actions';

/** docs/playbook.md: a partner's product — the customer is told in the playbook's words, the leader notifies the partner. */
export function PartnerProductPanel({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [partnerName, setPartnerName] = useState('');
  const [productName, setProductName] = useState('');
  const mark = useTicketMutation(ticketId, async () =>
    unwrap(
      await api.POST('/tickets/{id}/partner-product', {
        params: { path: { id: ticketId } },
        body: { partnerName, productName },
      }),
    ),
  );
  const problem = problemOf(mark.error);
  return (
    <Stack gap="xs" component="section" aria-label={t('panels.partner.title')}>
      <Title order={3}>{t('panels.partner.title')}</Title>
      <Text size="sm">{t('panels.partner.hint')}</Text>
      {mark.data ? (
        <Alert color="green" title={t('panels.partner.sent')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {mark.data.customerMessage}
          </Text>
        </Alert>
      ) : (
        <>
          <TextInput
            label={t('panels.partner.partnerName')}
            value={partnerName}
            onChange={(event) => setPartnerName(event.currentTarget.value)}
            error={fieldError(problem, 'partnerName')}
          />
          <TextInput
            label={t('panels.partner.productName')}
            value={productName}
            onChange={(event) => setProductName(event.currentTarget.value)}
            error={fieldError(problem, 'productName')}
          />
          <ProblemAlert error={mark.error} shownFields={['partnerName', 'productName']} />
          <Button variant="light" loading={mark.isPending} onClick={() => mark.mutate()}>
            {t('panels.partner.mark')}
          </Button>
        </>
      )}
    </Stack>
  );
}
