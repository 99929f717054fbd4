export { TimersModule } from './timers.module.js';
export { TimersService } from './timers.service.js';
export { TimerScheduler, FIRE_DUE_TIMERS } from './timer-scheduler.service.js';
export type { TimerSpec, TimerSubject, TimersModuleOptions } from './timer-spec.js';
