import { Injectable } from '@nestjs/common';

/**
 * The time as the application sees it. Injected wherever "now" decides something (timers, SLA
 * clocks) so tests replace the provider instead of waiting or branching.
 */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
