export { TimersModule } from './timers.module.js';
export { TimersService } from './timers.service.js';
export { TimerScheduler } from './timer-scheduler.js';
export type { TimerSpec, TimerSubject, TimersModuleOptions } from './timer-spec.js';
