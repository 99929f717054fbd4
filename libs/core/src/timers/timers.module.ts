import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Clock, SystemClock } from '../clock/clock.service.js';
import { TIMERS_OPTIONS, type TimersModuleOptions } from './timer-spec.js';
import { TimerScheduler } from './timer-scheduler.service.js';
import { TimersService } from './timers.service.js';

/**
 * Durable timers for any feature: import once in the application with `forRoot`; features inject
 * `TimersService` (and `Clock`). Expects MikroORM to be registered by the application.
 */
@Module({})
export class TimersModule {
  /** `clock` replaces the system clock, e.g. with one a test moves by hand. */
  static forRoot(options: TimersModuleOptions & { clock?: Clock }): DynamicModule {
    const { clock, ...timerOptions } = options;
    return {
      module: TimersModule,
      global: true,
      // Identical forRoot() imports are one module to Nest, so other features may import it too.
      imports: [ScheduleModule.forRoot()],
      providers: [
        { provide: TIMERS_OPTIONS, useValue: timerOptions },
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
        TimersService,
        TimerScheduler,
      ],
      exports: [Clock, TimersService, TimerScheduler],
    };
  }
}
