import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SEED_SENSITIVE_DATA_NOTICE } from '@escala/domain';
import { ReplyComposer } from './reply-composer';

function renderComposer() {
  return render(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient()}>
        <ReplyComposer ticketId="00000000-0000-4000-8000-000000000000" />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('ReplyComposer', () => {
  it('previews the sensitive-data notice as soon as the reply asks for access data, outside the editable text', async () => {
    renderComposer();
    const text = screen.getByRole('textbox', { name: 'Responder ao cliente' });
    await userEvent.click(text);
    await userEvent.paste('Envie os dados de acesso e o certificado digital.');
    expect(screen.getByTestId('notice-preview').textContent).toContain(SEED_SENSITIVE_DATA_NOTICE);
    expect((text as HTMLTextAreaElement).value).not.toContain('OBS:');
  });

  it('shows no notice on an internal note', async () => {
    renderComposer();
    await userEvent.click(screen.getByRole('tab', { name: 'Nota interna' }));
    await userEvent.click(screen.getByRole('textbox', { name: 'Nota interna' }));
    await userEvent.paste('Cliente pediu a senha do portal.');
    expect(screen.queryByTestId('notice-preview')).toBeNull();
  });
});
