import { describe, expect, it } from 'vitest';
import { sampleView } from './sample-view';

describe('sampleView', () => {
  it('fills plain, dotted and list variables with values naming them', () => {
    expect(sampleView(['customerName', 'ticket.number', 'attempts[].at', 'attempts[].to'])).toEqual({
      customerName: '«customerName»',
      ticket: { number: '«ticket.number»' },
      attempts: [{ at: '«attempts[].at»', to: '«attempts[].to»' }],
    });
  });
});
