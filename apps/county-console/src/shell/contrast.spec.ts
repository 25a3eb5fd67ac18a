// @vitest-environment node
/**
 * WCAG 2.x AA: normal-size text needs a contrast ratio of at least 4.5:1 against its background. The
 * console's colours are the variables in styles.css; these are the text/background pairs it uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CSS = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'styles.css'), 'utf8');
const AA_TEXT = 4.5;

/** The `--name: #rrggbb` (or #rgb) variables of the `:root` rule. */
function colourVariables(css: string): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css.replace(/\/\*[\s\S]*?\*\//g, ''))?.[1] ?? '';
  return new Map([...root.matchAll(/--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

/** WCAG relative luminance of an sRGB colour. */
function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const PAIRS: [text: string, background: string][] = [
  ['ink', 'paper'],
  ['muted', 'paper'],
  ['muted', 'panel'],
  ['brand-ink', 'brand'],
  ['link', 'paper'],
  ['danger', 'paper'],
  ['ok', 'paper'],
  ['warn', 'paper'],
  ['ink', 'panel'],
];

describe('colour contrast of styles.css', () => {
  const colours = colourVariables(CSS);

  it('computes WCAG contrast ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#fff', '#ffffff')).toBe(1);
    // A well-known pair: #767676 on white is just AA (4.54:1), #777777 just misses it.
    expect(contrast('#767676', '#ffffff')).toBeGreaterThanOrEqual(AA_TEXT);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(AA_TEXT);
  });

  it('defines every colour a pair uses', () => {
    const used = [...new Set(PAIRS.flat())];
    expect(used.filter((name) => !colours.has(name))).toEqual([]);
  });

  it.each(PAIRS)('--%s on --%s is at least 4.5:1', (text, background) => {
    const ratio = contrast(colours.get(text)!, colours.get(background)!);
    expect({ pair: `${text}/${background}`, ratio: Number(ratio.toFixed(2)), aa: ratio >= AA_TEXT }).toEqual({ pair: `${text}/${background}`, ratio: Number(ratio.toFixed(2)), aa: true });
  });

  it('the overdue badge (danger on its tint) is readable too', () => {
    const tint = /\.badge\.overdue\s*\{[^}]*background:\s*(#[0-9a-fA-F]{6})/.exec(CSS)?.[1];
    expect(tint).toBeDefined();
    expect(contrast(colours.get('danger')!, tint!)).toBeGreaterThanOrEqual(AA_TEXT);
  });
});
