import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', ESCALA_DATA_DIR: '.escala', LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x@localhost/db'],
    ['LOG_LEVEL', 'loud'],
    ['ESCALA_SESSION_TTL_MINUTES', '-1'],
    ['ESCALA_TIMER_TICK_MS', '-5'],
    ['ESCALA_ADMIN_PASSWORD', 'short'],
    ['ESCALA_SECRET_KEY', 'not-a-32-byte-key'],
    ['ESCALA_ROLES', 'api,cook'],
    ['ESCALA_QUEUE_POLL_SECONDS', '0.1'],
    ['ESCALA_QUEUE_ORDER', 'newest-first'],
    ['ESCALA_CANCELLATION_CONTACT_HOURS', '0'],
    ['ESCALA_SETTINGS_CACHE_SECONDS', '-1'],
    ['ESCALA_SETTINGS_CACHE_SECONDS', '1h'],
    ['ESCALA_PUBLIC_URL', 'escala.example.com'],
    ['ESCALA_PUBLIC_URL', 'ftp://escala.example.com'],
    ['ESCALA_PUBLIC_URL', 'https://escala.example.com/?next=evil'],
  ])('fails fast naming %s when it is %j', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^\\s+${variable}: `, 'm'));
  });

  it('links tickets under ESCALA_PUBLIC_URL, by default the local address on PORT', () => {
    expect(loadConfig({}).ESCALA_PUBLIC_URL).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ PORT: '8080' }).ESCALA_PUBLIC_URL).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ ESCALA_PUBLIC_URL: 'https://escala.example.com/suporte/' }).ESCALA_PUBLIC_URL).toBe(
      'https://escala.example.com/suporte',
    );
  });

  it('never echoes a secret value in the error', () => {
    try {
      loadConfig({ ESCALA_ADMIN_PASSWORD: 'tiny-secret' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toContain('ESCALA_ADMIN_PASSWORD');
      expect(String(error)).not.toContain('tiny-secret');
    }
  });

  it('reads the process roles as a list, all of them by default', () => {
    expect(loadConfig({}).ESCALA_ROLES).toEqual(['api', 'scheduler', 'worker']);
    expect(loadConfig({ ESCALA_ROLES: 'scheduler, worker' }).ESCALA_ROLES).toEqual(['scheduler', 'worker']);
  });

  it('never echoes a secret key in the error', () => {
    expect(() => loadConfig({ ESCALA_SECRET_KEY_PREVIOUS: 'old-secret-key-value' })).toThrow(
      /ESCALA_SECRET_KEY_PREVIOUS/,
    );
    expect(() => loadConfig({ ESCALA_SECRET_KEY_PREVIOUS: 'old-secret-key-value' })).not.toThrow(
      /old-secret-key-value/,
    );
  });

  it('reads the queue order, opened-at by default, and says what the choices are', () => {
    expect(loadConfig({}).ESCALA_QUEUE_ORDER).toBe('opened-at');
    expect(loadConfig({ ESCALA_QUEUE_ORDER: 'queued-at' }).ESCALA_QUEUE_ORDER).toBe('queued-at');
    expect(() => loadConfig({ ESCALA_QUEUE_ORDER: 'fifo' })).toThrow(
      'ESCALA_QUEUE_ORDER: must be opened-at (oldest first by when the customer opened the ticket) or queued-at (by time in the current queue) (got "fifo")',
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });
});
