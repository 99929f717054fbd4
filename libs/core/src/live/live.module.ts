import { Module } from '@nestjs/common';
import { LiveController } from './live.controller.js';
import { LiveFeed } from './live-feed.service.js';

/** Pushes committed changes to the console so the queue and the dashboard refresh without polling. */
@Module({ controllers: [LiveController], providers: [LiveFeed] })
export class LiveModule {}
