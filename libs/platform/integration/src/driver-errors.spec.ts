// What a database failure leaves in the logs: PostgreSQL quotes the offending values in its
// messages (`Key (phone)=(13912345678) already exists`), and those may be personal data.
import { serializeError } from '@gov/platform-observability';
import { TEST_DATABASE_URL } from '@gov/platform-testing';
import { MikroORM } from '@mikro-orm/postgresql';

let orm: MikroORM;

beforeAll(async () => {
  orm = await MikroORM.init({ clientUrl: TEST_DATABASE_URL, entities: [], discovery: { warnWhenNoEntities: false } });
});
afterAll(() => orm.close());

describe('driver errors in logs', () => {
  it('keep the constraint and table, never the statement or the values', async () => {
    const em = orm.em.fork();
    const err = await em.transactional(async (tx) => {
      await tx.execute('create temp table resident (id_card text primary key, phone text not null)');
      await tx.execute('insert into resident values (?, ?)', ['420802199001011237', '13912345678']);
      return tx.execute('insert into resident values (?, ?)', ['420802199001011237', '13912345678']).then(
        () => null,
        (e: Error) => e,
      );
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    // The raw error does carry the value: this is what must not reach a log line.
    expect(String((err as Error).message) + JSON.stringify(err)).toContain('420802199001011237');
    const logged = JSON.stringify(serializeError(err));
    expect(logged).not.toContain('420802199001011237');
    expect(logged).not.toContain('13912345678');
    expect(logged).not.toMatch(/insert into/i);
    expect(JSON.parse(logged)).toMatchObject({ type: 'UniqueConstraintViolationException', code: '23505', constraint: 'resident_pkey', table: 'resident' });
  });
});
