// How loudly a service logs the errors it answers with, through a real service on the real NATS
// and PostgreSQL: refusals, bad input and missing objects are answers given on purpose, logged at
// info or warn with their code; only an unexpected error is a fault, logged at error level.
import { AppError, forbidden, requireFound, type ErrorCode } from '@gov/kernel';
import { serviceConfigSchema } from '@gov/platform-config';
import { ENV, Input, LOGGER, PlatformModule, TransactionRunner, startServiceApp, type ServiceApp } from '@gov/platform-service';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';
import { TestContext, eventually } from '@gov/platform-testing';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { RpcClient } from '@gov/platform-messaging';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { z } from 'zod';

@Entity({ tableName: 'memo' })
class Memo {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) text!: string;
}

class Migration001 extends Migration {
  override up(): void {
    this.addSql('create table memo (id uuid primary key, text text not null)');
    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}

const MemoInput = z.object({ id: z.uuid(), text: z.string().min(1).max(20) });

@Controller()
class ErrorsController {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
  ) {}

  @MessagePattern('rpc.errlog.memo.get')
  async get(@Payload() input: { id: string }) {
    return requireFound(await this.em.findOne(Memo, { id: input.id }), 'memo', input.id);
  }

  /** Inserts without looking first: a second write of one id is caught by the primary key. */
  @MessagePattern('rpc.errlog.memo.write')
  async write(@Input(MemoInput) input: z.output<typeof MemoInput>) {
    await this.tx.run(async (em) => {
      await em.insert(Memo, { id: input.id, text: input.text });
    });
    return { id: input.id };
  }

  @MessagePattern('rpc.errlog.memo.forbidden')
  refuse(): never {
    throw forbidden();
  }

  @MessagePattern('rpc.errlog.memo.unavailable')
  unavailable(): never {
    throw new AppError('UNAVAILABLE', 'grids did not answer in time');
  }

  @MessagePattern('rpc.errlog.memo.crash')
  crash(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'region')");
  }
}

@Module({
  imports: [PlatformModule.forService({ name: 'errlog', config: serviceConfigSchema({ schema: 'errlog', httpPort: 0 }), entities: [Memo], migrations: [{ name: '001', class: Migration001 }] })],
  controllers: [ErrorsController],
})
class ErrorsAppModule {}

interface Line {
  level: number;
  msg: string;
  subject?: string;
  code?: ErrorCode;
  reason?: string;
  err?: { type?: string; message?: string; stack?: string };
}

const INFO = 30;
const WARN = 40;
const ERROR = 50;

const t = new TestContext();
const logs: Line[] = [];
let service: ServiceApp;
let rpc: RpcClient;

beforeAll(async () => {
  // The service's own pino logger (Nest's logger writes through it too), read back line by line.
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const moduleRef = await Test.createTestingModule({ imports: [ErrorsAppModule] })
    .overrideProvider(ENV)
    .useValue(t.env('errlog'))
    .overrideProvider(LOGGER)
    .useValue(logger)
    .compile();
  service = await startServiceApp(moduleRef.createNestApplication({ logger: false, abortOnError: false }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await service?.close();
  await t.cleanup();
});

/** Sends one request that fails; answers the error the caller got and the lines logged while it was handled. */
async function fail(subject: string, input: unknown): Promise<{ error: AppError; lines: Line[] }> {
  const from = logs.length;
  const error = await rpc.request(subject, input).then(
    () => {
      throw new Error(`${subject} succeeded`);
    },
    (e: AppError) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  // The filter logs before it answers; the deadline only guards against a line that never comes.
  const lines = await eventually(async () => {
    const mine = logs.slice(from).filter((l) => l.subject?.endsWith(subject));
    return mine.length > 0 ? logs.slice(from) : undefined;
  });
  return { error, lines };
}

describe('errors a service answers with, in its log', () => {
  it.each([
    ['FORBIDDEN', 'rpc.errlog.memo.forbidden', {}, WARN],
    ['UNAVAILABLE', 'rpc.errlog.memo.unavailable', {}, WARN],
    ['NOT_FOUND', 'rpc.errlog.memo.get', { id: randomUUID() }, INFO],
    ['VALIDATION', 'rpc.errlog.memo.write', { id: 'not-a-uuid', text: '' }, INFO],
  ] as const)('%s is logged at info or warn with its code, never at error level', async (code, subject, input, level) => {
    const { error, lines } = await fail(subject, input);
    expect(error.code).toBe(code);
    const line = lines.find((l) => l.subject?.endsWith(subject))!;
    expect(line).toMatchObject({ level, code, msg: error.message });
    expect(line.level).toBeLessThan(ERROR);
    // Not an unhandled exception: no stack, and nothing else logged at error level for it.
    expect(line.err).toBeUndefined();
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
  });

  it('a unique-constraint violation is answered CONFLICT and logged at info with its code and reason', async () => {
    const id = randomUUID();
    await rpc.request('rpc.errlog.memo.write', { id, text: '第一次' });
    const { error, lines } = await fail('rpc.errlog.memo.write', { id, text: '第二次' });
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE' });
    expect(lines.find((l) => l.subject?.endsWith('rpc.errlog.memo.write'))).toMatchObject({ level: INFO, code: 'CONFLICT', reason: 'DUPLICATE' });
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
  });

  it('an unexpected error is logged at error level in full, and the caller gets INTERNAL without its text', async () => {
    const { error, lines } = await fail('rpc.errlog.memo.crash', {});
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'internal error' });
    const line = lines.find((l) => l.subject?.endsWith('rpc.errlog.memo.crash'))!;
    expect(line.level).toBe(ERROR);
    expect(line.msg).toBe('handler failed');
    expect(line.err).toMatchObject({ type: 'TypeError', message: expect.stringContaining("reading 'region'") });
  });
});
