import { eventually } from '@gov/platform-testing';
import { startPlatform, type Platform } from './harness.js';

/**
 * A petition handed on as a volunteer task, through the gateway with the real services: the
 * handler's `spawnFromPetition` reaches tasks as `petition.task-requested`, tasks publishes a
 * dispatched task at the petition's point, and its `task.published` brings the task's id back
 * to the petition. Each side shows the other.
 */
const GRID = 'jingmen/dongbao/longquan/xiangshan/g01';
/** Where the caller says the problem is: inside the grid. */
const POINT = { lat: 31.0402, lng: 112.2051 };
/** The events cross three consumers and two outbox relays. */
const LINK_TIMEOUT_MS = 20_000;

let p: Platform;
let token: string;

beforeAll(async () => {
  p = await startPlatform();
  token = await p.login('dongbao-admin', 'dongbao-2026');
}, 120_000);
afterAll(() => p?.close());

/** The query's data; fails the test with the errors when there are any. */
async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await p.gql<T>(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

it("links a hotline petition and the volunteer task made of it, both ways", async () => {
  const { categories } = await ok<{ categories: { categories: { key: string }[] }[] }>(`{ categories { categories { key } } }`);
  const submitted = await ok<{ submitPetition: { petition: { trackingCode: string } } }>(
    `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { trackingCode } } }`,
    {
      i: {
        channel: 'hotline',
        category: categories[0]!.categories[0]!.key,
        title: '3栋楼道灯坏了',
        description: '3栋2单元楼道灯坏了一周，晚上老人上下楼看不见。',
        region: GRID,
        location: POINT,
        contact: { name: '周建国', phone: '13872220000' },
      },
    },
  );
  const code = submitted.submitPetition.petition.trackingCode;
  const list = await ok<{ petitions: { items: { id: string; trackingCode: string }[] } }>(`{ petitions(first: 20) { items { id trackingCode } } }`);
  const id = list.petitions.items.find((x) => x.trackingCode === code)!.id;

  await ok(`mutation($id: ID!) { screenPetition(input: { id: $id, outcome: valid }) { id } }`, { id });
  await ok(`mutation($id: ID!) { assignPetition(input: { id: $id, level: grid }) { id } }`, { id });
  await ok(`mutation($id: ID!) { acceptPetition(input: { id: $id }) { id } }`, { id });
  const spawned = await ok<{ spawnFromPetition: { taskId: string | null } }>(`mutation($id: ID!) { spawnFromPetition(input: { id: $id, kind: task }) { taskId } }`, { id });
  // The task is made by the tasks service, after the call: the petition learns of it by an event.
  expect(spawned.spawnFromPetition.taskId).toBeNull();

  const taskId = await eventually(async () => {
    const r = await ok<{ petition: { taskId: string | null } }>(`query($id: ID!) { petition(id: $id) { taskId } }`, { id });
    return r.petition.taskId ?? undefined;
  }, LINK_TIMEOUT_MS);
  const { task } = await ok<{ task: { location: { lat: number; lng: number } } & Record<string, unknown> }>(
    `query($id: ID!) { task(id: $id) { sourcePetitionId kind title region location { lat lng } capacity status } }`,
    { id: taskId },
  );
  expect(task).toMatchObject({ sourcePetitionId: id, kind: 'dispatched', title: '【诉求】3栋楼道灯坏了', region: GRID, capacity: 2, status: 'published' });
  expect(task.location.lat).toBeCloseTo(POINT.lat, 9);
  expect(task.location.lng).toBeCloseTo(POINT.lng, 9);

  const { petitionTimeline } = await ok<{ petitionTimeline: { action: string }[] }>(`query($id: ID!) { petitionTimeline(id: $id) { action } }`, { id });
  expect(petitionTimeline.map((e) => e.action)).toEqual(expect.arrayContaining(['task_requested', 'linked']));
  // Linked: the handler cannot ask for a second task.
  const again = await p.gql(`mutation($id: ID!) { spawnFromPetition(input: { id: $id, kind: task }) { taskId } }`, { id }, token);
  expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_LINKED' });
});
