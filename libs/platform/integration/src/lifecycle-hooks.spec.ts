// A service's background work (clocks, dispatchers, consumers) starts from Nest's lifecycle hooks.
// Each hook must run once per process: a second onApplicationBootstrap would start a second loop
// that nothing stops (two webhook dispatchers sent a petition's `closed` before its `rated`).
import { serviceConfigSchema } from '@gov/platform-config';
import { ENV, PlatformModule, startServiceApp, type ServiceApp } from '@gov/platform-service';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';
import { TestContext } from '@gov/platform-testing';
import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { Controller, Injectable, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';

@Entity({ tableName: 'loop_run' })
class LoopRun {
  @PrimaryKey({ type: 'uuid' }) id!: string;
}

class Migration001 extends Migration {
  override up(): void {
    this.addSql('create table loop_run (id uuid primary key)');
    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}

@Injectable()
class BackgroundLoop implements OnModuleInit, OnApplicationBootstrap {
  inits = 0;
  bootstraps = 0;
  onModuleInit(): void {
    this.inits++;
  }
  onApplicationBootstrap(): void {
    this.bootstraps++;
  }
}

@Controller()
class LoopController {
  constructor(private readonly loop: BackgroundLoop) {}

  @MessagePattern('rpc.hooks.loop.starts')
  starts() {
    return { inits: this.loop.inits, bootstraps: this.loop.bootstraps };
  }
}

@Module({
  imports: [PlatformModule.forService({ name: 'hooks', config: serviceConfigSchema({ schema: 'hooks', httpPort: 0 }), entities: [LoopRun], migrations: [{ name: '001', class: Migration001 }] })],
  controllers: [LoopController],
  providers: [BackgroundLoop],
})
class HooksAppModule {}

const t = new TestContext();
let service: ServiceApp;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [HooksAppModule] }).overrideProvider(ENV).useValue(t.env('hooks')).compile();
  service = await startServiceApp(moduleRef.createNestApplication({ logger: false, abortOnError: false }));
});
afterAll(async () => {
  await service?.close();
  await t.cleanup();
});

describe('a hybrid service (HTTP with the NATS microservice attached)', () => {
  it('runs each provider lifecycle hook once, so a background loop starts once', async () => {
    const rpc = await t.rpc();
    expect(await rpc.request('rpc.hooks.loop.starts', {})).toEqual({ inits: 1, bootstraps: 1 });
  });
});
