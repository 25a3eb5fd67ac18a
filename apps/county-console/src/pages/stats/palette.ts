/**
 * Series colours: each at least 3:1 against white (WCAG 1.4.11 for graphics) and told apart by more than
 * hue — every chart also has a legend and its numbers in text.
 */
export const PALETTE = ['#b71c1c', '#0b57d0', '#1b5e20', '#8a4b00', '#6a1b9a', '#00695c', '#455a64', '#ad1457', '#5d4037', '#283593'] as const;

export function colour(i: number): string {
  return PALETTE[i % PALETTE.length];
}
