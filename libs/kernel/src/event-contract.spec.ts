import { z } from 'zod';
import { maskText, personalData, personalFieldsOf, withoutPersonalData } from './event-contract.js';

const petition = z.object({
  id: z.string(),
  category: z.string(),
  submitter: z.object({ name: personalData(z.string(), 'mask'), phone: personalData(z.string()) }).nullable(),
  location: personalData(z.object({ lat: z.number(), lng: z.number() }).nullable()),
  parties: z.array(z.object({ role: z.string(), idCard: personalData(z.string()) })),
});

describe('personal data in events', () => {
  const fields = personalFieldsOf(petition);

  it('finds every marked field, nested and in lists', () => {
    expect(fields).toEqual([
      { path: 'submitter.name', treatment: 'mask' },
      { path: 'submitter.phone', treatment: 'drop' },
      { path: 'location', treatment: 'drop' },
      { path: 'parties[].idCard', treatment: 'drop' },
    ]);
  });

  it('drops and masks them in a copy, leaving the rest and the original untouched', () => {
    const data = {
      id: 'p1',
      category: 'road',
      submitter: { name: '张三丰', phone: '13812345678' },
      location: { lat: 31.03, lng: 112.2 },
      parties: [{ role: 'applicant', idCard: '420802199001011234' }, { role: 'respondent', idCard: '420802198001011234' }],
    };
    const before = structuredClone(data);
    expect(withoutPersonalData(data, fields)).toEqual({
      id: 'p1',
      category: 'road',
      submitter: { name: '张**' },
      parties: [{ role: 'applicant' }, { role: 'respondent' }],
    });
    expect(data).toEqual(before);
  });

  it('leaves absent and null fields as they are', () => {
    expect(withoutPersonalData({ id: 'p2', category: 'noise', submitter: null, location: null, parties: [] }, fields)).toEqual({
      id: 'p2',
      category: 'noise',
      submitter: null,
      location: null,
      parties: [],
    });
  });

  it('masks a phone to its first three and last four digits, a name to its first character', () => {
    expect(maskText('13812345678')).toBe('138****5678');
    expect(maskText('欧阳娜娜')).toBe('欧***');
    expect(maskText('李')).toBe('*');
  });
});
