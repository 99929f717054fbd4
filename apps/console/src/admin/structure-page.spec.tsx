import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TWO_STAGE_N1 } from '@escala/domain';
import { describe, expect, it, vi } from 'vitest';
import StructurePage from './structure-page';

// The server, as the browser's fetch sees it; openapi-fetch takes fetch when the client module loads.
const requests = vi.hoisted(() => {
  const seen: string[] = [];
  const answers: Record<string, unknown> = {
    'GET /support-structure/presets': { items: [] },
    'GET /support-structure/versions': { items: [] },
    'POST /support-structure/preview': {
      basedOn: 1,
      changes: [{ subject: 'unit', key: 'N1-E1', change: 'changed', field: 'analysisHours', before: 1, after: 3 }],
      routing: [],
    },
  };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const key = `${request.method} ${new URL(request.url).pathname}`;
    seen.push(key);
    const body = answers[key] ?? (key === 'GET /support-structure' ? { version: 1, structure: structure() } : null);
    if (!body) return new Response(JSON.stringify({ status: 404, title: 'Not Found' }), { status: 404 });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return seen;
});
// Two units and their categories: enough for the flow, small enough for jsdom to render quickly.
const structure = () => {
  const units = structuredClone(TWO_STAGE_N1.units.slice(1, 3)).map((unit) => ({
    ...unit,
    escalatesTo: unit.escalatesTo.filter((key) => key === 'N1-E2'),
  }));
  const keys = units.flatMap((unit) => unit.categories);
  return { ...TWO_STAGE_N1, units, categories: TWO_STAGE_N1.categories.filter((c) => keys.includes(c.key)) };
};

describe('StructurePage', () => {
  it('saves only after the changes were reviewed, and asks for a new review after any edit', async () => {
    render(
      <MantineProvider>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <StructurePage />
        </QueryClientProvider>
      </MantineProvider>,
    );
    await screen.findByText('Versão ativa: 1');
    expect(screen.queryByRole('button', { name: 'Salvar como nova versão' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Revisar alterações' }));
    const changes = await screen.findByTestId('structure-changes');
    expect(within(changes).getAllByRole('row')[1]!.textContent).toBe('Unidade N1-E1Análise (horas úteis)13');
    expect(screen.getByRole('button', { name: 'Salvar como nova versão' })).toBeTruthy();

    await userEvent.type(screen.getByRole('textbox', { name: 'Nome da estrutura' }), '!');
    expect(screen.queryByTestId('structure-changes')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Salvar como nova versão' })).toBeNull();
    expect(requests.filter((request) => request.startsWith('POST'))).toEqual(['POST /support-structure/preview']);
    // A whole structure form re-renders on each keystroke in jsdom: seconds on a shared 2-core machine.
  }, 30_000);
});
