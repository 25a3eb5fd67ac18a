import { cursorSchema } from '@gov/kernel';
import { z } from 'zod';

export const nullish = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);
export const text = (max: number) => z.string().trim().min(1).max(max);
export const cursor = cursorSchema.nullish().transform((v) => v ?? undefined);
export const mobile = z.string().trim().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, 'must be a mobile or landline number');
/** A calendar day, YYYY-MM-DD (performance dates, follow-up dates). */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');
/** An instant with its offset, e.g. 2026-12-03T09:30:00+08:00. */
export const instant = z.iso.datetime({ offset: true });
