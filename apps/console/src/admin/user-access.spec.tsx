import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { UserActivation, UserIdentities } from './user-access';

const USER = {
  id: '00000000-0000-4000-8000-000000000001',
  login: 'dani.n1',
  displayName: 'Dani Souza',
  email: null,
  roles: ['agent' as const],
  active: true,
  createdAt: '2026-12-03T12:00:00.000Z',
};
const TICKET = '00000000-0000-4000-8000-0000000000aa';

// The server, as the browser's fetch sees it, installed before the client module loads.
const server = await vi.hoisted(async () => (await import('../api/fake-server')).installFakeServer());

server.set(`PATCH /users/${USER.id}`, {
  status: 409,
  body: {
    type: 'https://escala.dev/problems/conflict',
    title: 'Conflict',
    status: 409,
    detail: 'Dani Souza still holds 1 open ticket(s); reassign them before deactivating: #42',
    blocking: [{ kind: 'assigned-ticket', ticketId: TICKET, number: 42, subject: 'Livro fiscal', status: 'new' }],
  },
});
server.set(`GET /users/${USER.id}/external-identities`, { status: 200, body: { items: [] } });
server.set(`POST /users/${USER.id}/external-identities`, {
  status: 400,
  body: {
    type: 'https://escala.dev/problems/bad-input',
    title: 'Bad input',
    status: 400,
    detail: 'a entra identity is a GUID (Entra object id)',
    errors: [{ field: 'id', message: 'a entra identity is a GUID (Entra object id)' }],
  },
});

const wrap = (node: ReactNode) =>
  render(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        {node}
      </QueryClientProvider>
    </MantineProvider>,
  );

describe('UserActivation', () => {
  it('lists the tickets the person still holds, as links, when the deactivation is refused', async () => {
    wrap(<UserActivation user={USER} />);
    await userEvent.click(screen.getByRole('button', { name: 'Desativar Dani Souza' }));
    const held = await screen.findByTestId('held-tickets');
    const link = within(held).getByRole('link', { name: '#42 Livro fiscal' });
    expect(link.getAttribute('href')).toBe(`/tickets/${TICKET}`);
    expect(screen.getByRole('alert').textContent).toContain('reassign them before deactivating: #42');
  });
});

describe('UserIdentities', () => {
  it('says none is linked, and shows a refused identifier under its field', async () => {
    wrap(<UserIdentities user={USER} />);
    await screen.findByText('Nenhuma identidade vinculada.');
    const id = screen.getByRole('textbox', { name: 'Identificador' });
    await userEvent.type(id, 'not-a-guid');
    await userEvent.click(screen.getByRole('button', { name: 'Vincular' }));
    await vi.waitFor(() => expect(id.getAttribute('aria-invalid')).toBe('true'));
    const described = id.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((ref) => document.getElementById(ref)?.textContent).join(' ')).toContain('GUID');
  });
});
