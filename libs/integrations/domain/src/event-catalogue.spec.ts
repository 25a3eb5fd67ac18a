import { GridsEvents } from '@gov/grids-contracts';
import { PetitionsEvents } from '@gov/petitions-contracts';
import { TasksEvents } from '@gov/tasks-contracts';
import { eventType } from '@gov/kernel';
import { z } from 'zod';
import { EVENTS_BY_SERVICE, personalFieldsByType } from './event-catalogue.js';

describe('the event catalogue of every service', () => {
  const catalogue = personalFieldsByType();

  it('lists every service, and each event type with a schema under gov.<service>.<aggregate>.<event>.v<N>', () => {
    expect(Object.keys(EVENTS_BY_SERVICE).sort()).toEqual(['grids', 'identity', 'integrations', 'mediation', 'petitions', 'tasks']);
    for (const [service, events] of Object.entries(EVENTS_BY_SERVICE)) {
      for (const e of Object.values(events)) {
        if (e.schema && e.version !== undefined) expect(catalogue.has(eventType(service, e.aggregate, e.event, e.version))).toBe(true);
      }
    }
    expect(catalogue.has(eventType('petitions', 'petition', 'submitted', PetitionsEvents.petitionSubmitted.version))).toBe(true);
  });

  it('knows which fields are personal: a staff member’s name masked, a place’s phone and a reported point dropped, none in a submitted petition', () => {
    const type = (service: string, e: { aggregate: string; event: string; version: number }) => eventType(service, e.aggregate, e.event, e.version);
    expect(catalogue.get(type('grids', GridsEvents.staffAssigned))).toEqual([{ path: 'name', treatment: 'mask' }]);
    expect(catalogue.get(type('grids', GridsEvents.placeCreated))).toEqual([{ path: 'contactPhone', treatment: 'drop' }]);
    expect(catalogue.get(type('tasks', TasksEvents.taskPublished))).toEqual(expect.arrayContaining([{ path: 'location', treatment: 'drop' }]));
    expect(catalogue.get(type('petitions', PetitionsEvents.petitionSubmitted))).toEqual([]);
  });

  it('leaves out an entry without a schema: nothing of it may be published', () => {
    const built = personalFieldsByType({
      surveys: {
        answered: { aggregate: 'survey', event: 'answered', version: 1, summary: 's', schema: z.object({ phone: z.string() }) },
        drafted: { aggregate: 'survey', event: 'drafted' },
      },
    });
    expect([...built.keys()]).toEqual(['gov.surveys.survey.answered.v1']);
  });
});
