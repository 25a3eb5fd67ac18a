import { formatDate, formatTime, stars } from './format.js';
import { fitWithin, MAX_EDGE_PX } from './photo.js';

describe('times in China Standard Time, whatever the phone’s zone', () => {
  it('shows an instant as the Beijing date and time', () => {
    expect(formatTime('2026-11-30T16:05:00.000Z')).toBe('2026-12-01 00:05');
    expect(formatDate('2026-11-30T15:59:59Z')).toBe('2026-11-30');
    expect(formatDate('2026-11-30T16:00:00Z')).toBe('2026-12-01');
  });

  it('shows nothing for what is not a time', () => {
    expect(formatTime('soon')).toBe('');
  });

  it('draws a rating as five stars', () => {
    expect(stars(4)).toBe('★★★★☆');
    expect(stars(5)).toBe('★★★★★');
  });
});

describe('photos before upload', () => {
  it(`shrinks a camera photo to ${MAX_EDGE_PX} px on its long edge, keeping its shape`, () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
  });

  it('leaves a small photo at its size', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
