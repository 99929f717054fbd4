import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CancellationPanel } from './cancellation-panel';

const TICKET = '00000000-0000-4000-8000-000000000000';

// The server, as the browser's fetch sees it, installed before the client module loads.
const server = await vi.hoisted(async () => (await import('../api/fake-server')).installFakeServer());

server.set(`GET /tickets/${TICKET}/cancellation`, {
  status: 200,
  body: {
    category: 'cancelamento',
    contact: null,
    reason: null,
    missing: [
      { code: 'customer-contact', message: 'Registre o contato com o cliente sobre o cancelamento.' },
      { code: 'reason', message: 'Registre o motivo real do cancelamento.' },
    ],
  },
});
server.set(`PUT /tickets/${TICKET}/cancellation/contact`, {
  status: 400,
  body: {
    type: 'https://escala.dev/problems/invalid',
    title: 'Bad input',
    status: 400,
    detail: 'withWhom: informe com quem falou',
    instance: `/tickets/${TICKET}/cancellation/contact`,
    errors: [{ field: 'withWhom', message: 'informe com quem falou' }],
  },
});

describe('CancellationPanel', () => {
  it("lists what blocks the close in the server's words and shows a refusal next to the field it names", async () => {
    render(
      <MantineProvider>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <CancellationPanel ticketId={TICKET} />
        </QueryClientProvider>
      </MantineProvider>,
    );
    const missing = await screen.findByTestId('cancellation-missing');
    expect(
      within(missing)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Registre o contato com o cliente sobre o cancelamento.', 'Registre o motivo real do cancelamento.']);
    await userEvent.click(screen.getByRole('button', { name: 'Registrar contato' }));
    const withWhom = screen.getByRole('textbox', { name: 'Com quem' });
    await vi.waitFor(() => expect(withWhom.getAttribute('aria-invalid')).toBe('true'));
    const described = withWhom.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent).join(' ')).toContain(
      'informe com quem falou',
    );
  });
});
