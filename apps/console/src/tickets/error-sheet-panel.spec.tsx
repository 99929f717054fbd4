import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ErrorSheetPanel } from './error-sheet-panel';

const TICKET = '00000000-0000-4000-8000-000000000000';

// The server, as the browser's fetch sees it, installed before the client module loads.
const server = await vi.hoisted(async () => (await import('../api/fake-server')).installFakeServer());

server.set('GET /error-sheet-requests', {
  status: 200,
  body: {
    items: [
      {
        id: '00000000-0000-4000-8000-0000000000e1',
        ticketId: TICKET,
        description: 'Relatório em branco',
        status: 'declined',
        requestedBy: null,
        requestedAt: '2026-12-03T12:00:00.000Z',
        authorisedBy: null,
        authorisedAt: null,
        declinedBy: null,
        declinedAt: '2026-12-03T13:00:00.000Z',
        declineReason: 'Faltam os passos para reproduzir',
      },
    ],
  },
});

describe('ErrorSheetPanel', () => {
  it('shows the agent that the leader declined the inclusion, and why', async () => {
    render(
      <MantineProvider>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <ErrorSheetPanel ticketId={TICKET} />
        </QueryClientProvider>
      </MantineProvider>,
    );
    await screen.findByText('Motivo da recusa: Faltam os passos para reproduzir');
    expect(screen.getByText('Recusado')).toBeTruthy();
  });
});
