import { Module } from '@nestjs/common';
import { PublicStreamConsumer } from './public-stream.consumer.js';
import { PublicStreamPublisher } from './public-stream.publisher.js';

/** The integrators' public event stream GOV_PUBLIC (docs/adr/0012, docs/integrators.md). */
@Module({
  providers: [PublicStreamPublisher, PublicStreamConsumer],
  exports: [PublicStreamPublisher],
})
export class PublicStreamModule {}
