/**
 * Small-cell suppression for the anonymised export. A published statistic rests on a set of tasks; the unit that
 * must not be singled out is a case (a person's case), so every statistic carries the number of distinct cases
 * behind it ("contributors") and is withheld when that number is 1 to `minCell - 1`. Zero is published: an
 * empty cell singles no one out.
 */

/** A published statistic: its value, or `null` with `suppressed: true` when too few cases stand behind it. */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

export const NOT_RECORDED = 'not-recorded';
export const OTHER = 'other';

export function suppressStat(value: number | null, contributors: number, minCell: number): Cell {
  if (contributors > 0 && contributors < minCell) return { value: null, suppressed: true };
  return { value, suppressed: false };
}

export interface CategoryCount {
  category: string;
  cases: number;
}

export interface CategoryCell {
  category: string;
  cases: Cell;
}

/**
 * Case counts of one dimension (say nationality within one SOP), protected in three steps:
 * 1. Categories with fewer than `minCell` cases are pooled into `other`: a rare recorded value (a free-text
 *    nationality, say) could identify a person by its label alone, so the label is never published.
 *    `not-recorded` is our own label and is kept apart.
 * 2. Primary suppression: a cell (pooled or not) with 1 to `minCell - 1` cases is withheld.
 * 3. Secondary suppression: every dimension of a group sums to the same number of cases, so one fully published
 *    dimension gives the total, and a dimension with exactly one withheld cell would give it away by subtraction.
 *    The smallest other non-empty cell is then withheld too.
 * Cells come back sorted by label with `other` and `not-recorded` last, never by size (an order by size would
 * hint at withheld values).
 */
export function suppressCategories(counts: readonly CategoryCount[], minCell: number): CategoryCell[] {
  const pooled = new Map<string, number>();
  for (const { category, cases } of counts) {
    const key = category === NOT_RECORDED || cases >= minCell ? category : OTHER;
    pooled.set(key, (pooled.get(key) ?? 0) + cases);
  }
  const cells = [...pooled].map(([category, cases]) => ({ category, cases, suppressed: cases > 0 && cases < minCell }));
  if (cells.filter((c) => c.suppressed).length === 1) {
    const next = cells
      .filter((c) => !c.suppressed && c.cases > 0)
      .sort((a, b) => a.cases - b.cases || a.category.localeCompare(b.category))[0];
    if (next) next.suppressed = true;
  }
  const rank = (c: string) => (c === NOT_RECORDED ? 2 : c === OTHER ? 1 : 0);
  return cells
    .sort((a, b) => rank(a.category) - rank(b.category) || a.category.localeCompare(b.category))
    .map((c) => ({
      category: c.category,
      cases: c.suppressed ? { value: null, suppressed: true } : { value: c.cases, suppressed: false },
    }));
}
