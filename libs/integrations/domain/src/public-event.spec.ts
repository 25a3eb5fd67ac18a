import { GridsEvents } from '@gov/grids-contracts';
import { eventType, personalData, type DomainEvent } from '@gov/kernel';
import { z } from 'zod';
import { personalFieldsByType } from './event-catalogue.js';
import { publicSubject, toPublicEvent } from './public-event.js';

const catalogue = personalFieldsByType();

const staffAssigned: DomainEvent = {
  id: 'b7c0d1e2-0000-4000-8000-000000000001',
  type: eventType('grids', GridsEvents.staffAssigned.aggregate, GridsEvents.staffAssigned.event, GridsEvents.staffAssigned.version),
  source: 'grids',
  subject: 'staff/s1',
  time: '2026-12-03T08:00:00.000Z',
  county: 'dongbao',
  correlationId: 'c-1',
  aggregateVersion: 1,
  data: { id: 's1', layerKey: 'comprehensive', gridId: 'g1', personId: 'p1', name: '赵网格', role: 'grid_worker', titleZh: '网格员', assignedAt: '2026-12-03T08:00:00.000Z' },
};

describe('an internal event in its public form', () => {
  it('keeps every CloudEvents attribute and masks or drops the personal fields, leaving the internal event as it was', () => {
    const pub = toPublicEvent(staffAssigned, catalogue);
    expect(pub).toEqual({ ...staffAssigned, data: { ...(staffAssigned.data as object), name: '赵**' } });
    expect((staffAssigned.data as { name: string }).name).toBe('赵网格');

    const place: DomainEvent = {
      ...staffAssigned,
      type: eventType('grids', GridsEvents.placeCreated.aggregate, GridsEvents.placeCreated.event, GridsEvents.placeCreated.version),
      data: { id: 'pl1', name: '象山社区居委会', contactPhone: '13812345678', location: { lat: 31.04, lng: 112.2 } },
    };
    expect(toPublicEvent(place, catalogue)?.data).toEqual({ id: 'pl1', name: '象山社区居委会', location: { lat: 31.04, lng: 112.2 } });
  });

  it('drops nested and listed fields as the schema marks them', () => {
    const own = personalFieldsByType({
      surveys: {
        answered: {
          aggregate: 'survey',
          event: 'answered',
          version: 2,
          summary: 's',
          schema: z.object({ respondent: z.object({ phone: personalData(z.string()), name: personalData(z.string(), 'mask') }), visits: z.array(z.object({ at: personalData(z.object({ lat: z.number() })) })) }),
        },
      },
    });
    const event = { ...staffAssigned, type: 'gov.surveys.survey.answered.v2', data: { respondent: { phone: '13812345678', name: '王秀兰' }, visits: [{ at: { lat: 1 } }, { at: { lat: 2 } }] } };
    expect(toPublicEvent(event, own)?.data).toEqual({ respondent: { name: '王**' }, visits: [{}, {}] });
  });

  it('answers undefined for a type the catalogue does not list, or an older or newer version of a listed one', () => {
    expect(toPublicEvent({ ...staffAssigned, type: 'gov.grids.staff.secret.v1' }, catalogue)).toBeUndefined();
    expect(toPublicEvent({ ...staffAssigned, type: 'gov.grids.staff.assigned.v9' }, catalogue)).toBeUndefined();
  });
});

describe('the public subject', () => {
  it('is pub.<county>.<service>.<aggregate>.<event>.v<N>', () => {
    expect(publicSubject(staffAssigned)).toBe('pub.dongbao.grids.staff.assigned.v1');
    expect(publicSubject({ type: 'gov.petitions.petition.sentinel-alerted.v2', county: 'city' })).toBe('pub.city.petitions.petition.sentinel-alerted.v2');
  });

  it('is undefined when the type or county would not be one subject token each', () => {
    expect(publicSubject({ type: 'gov.grids.staff.assigned', county: 'dongbao' })).toBeUndefined();
    expect(publicSubject({ type: 'gov.grids.staff.assigned.v1', county: 'dong.bao' })).toBeUndefined();
    expect(publicSubject({ type: 'gov.grids.staff.assigned.v1', county: '>' })).toBeUndefined();
    expect(publicSubject({ type: 'gov.grids.*.assigned.v1', county: 'dongbao' })).toBeUndefined();
  });
});
