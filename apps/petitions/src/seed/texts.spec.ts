import { MIN_SATISFIED_RATING } from '@gov/petitions-contracts';
import { TAXONOMY } from '@gov/petitions-domain';
import { PETITION_TEXTS, SATISFIED_COMMENTS, STAFF_NOTES, UNSATISFIED_COMMENTS } from './texts.js';

/** Bounds the demo texts are written to (see texts.ts), well inside what the inputs accept. */
const MAX_TITLE = 30;
const DESCRIPTION = { min: 40, max: 200 };
const RESULT = { min: 30, max: 150 };
const MIN_SAMPLES = 2;
/** The longest note or rating comment the petition inputs accept. */
const MAX_NOTE = 500;
/** Demo ratings stay clear of the middle: 4–5 stars satisfied, 1–2 unsatisfied (3 is never drawn). */
const SATISFIED_STARS = [4, 5];
const UNSATISFIED_STARS = [1, 2];
/** Enough variety that a demo page of rated petitions does not repeat itself. */
const MIN_COMMENTS_PER_SIDE = 8;
const MIN_NOTES = 10;

const minorKeys = TAXONOMY.flatMap((major) => major.minors.map((minor) => minor.key));

describe('demo petition texts', () => {
  it('gives every minor category at least two petitions and a result, and nothing else', () => {
    const thin = minorKeys.filter((key) => (PETITION_TEXTS[key]?.samples.length ?? 0) < MIN_SAMPLES || (PETITION_TEXTS[key]?.results.length ?? 0) < 1);
    expect(thin).toEqual([]);
    expect(Object.keys(PETITION_TEXTS).sort()).toEqual([...minorKeys].sort());
  });

  it('keeps titles, descriptions and results to the lengths a phone screen shows', () => {
    const outOfBounds: string[] = [];
    for (const [key, { samples, results }] of Object.entries(PETITION_TEXTS)) {
      for (const { title, description } of samples) {
        if (title.length === 0 || title.length > MAX_TITLE) outOfBounds.push(`${key} title ${title.length}: ${title}`);
        if (description.length < DESCRIPTION.min || description.length > DESCRIPTION.max) outOfBounds.push(`${key} description ${description.length}: ${title}`);
      }
      for (const result of results) {
        if (result.length < RESULT.min || result.length > RESULT.max) outOfBounds.push(`${key} result ${result.length}: ${result}`);
      }
    }
    expect(outOfBounds).toEqual([]);
  });

  it('never repeats a title, so demo petitions look like different residents wrote them', () => {
    const titles = Object.values(PETITION_TEXTS).flatMap(({ samples }) => samples.map((s) => s.title));
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });

  it('has rating comments on both sides of the satisfaction line and staff notes that fit a note', () => {
    expect(SATISFIED_COMMENTS.length).toBeGreaterThanOrEqual(MIN_COMMENTS_PER_SIDE);
    expect(UNSATISFIED_COMMENTS.length).toBeGreaterThanOrEqual(MIN_COMMENTS_PER_SIDE);
    for (const { rating, comment } of SATISFIED_COMMENTS) {
      expect(SATISFIED_STARS).toContain(rating);
      expect(rating).toBeGreaterThanOrEqual(MIN_SATISFIED_RATING);
      expect(comment.length).toBeLessThanOrEqual(MAX_NOTE);
    }
    for (const { rating, comment } of UNSATISFIED_COMMENTS) {
      expect(UNSATISFIED_STARS).toContain(rating);
      expect(rating).toBeLessThan(MIN_SATISFIED_RATING);
      expect(comment.length).toBeLessThanOrEqual(MAX_NOTE);
    }
    expect(STAFF_NOTES.length).toBeGreaterThanOrEqual(MIN_NOTES);
    for (const note of STAFF_NOTES) expect(note.length).toBeLessThanOrEqual(MAX_NOTE);
  });
});
