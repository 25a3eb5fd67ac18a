import {
  IMPORT_MAX_PROBLEMS,
  type ImportProblemCode,
  type ImportProblemView,
  type ImportReportView,
} from '@gov/grids-contracts';

/** Collects an import's problems and counts; `view()` lists errors first, at most IMPORT_MAX_PROBLEMS. */
export class ImportReport {
  private readonly problems: ImportProblemView[] = [];
  /** Feature indexes with at least one error. */
  readonly failed = new Set<number>();
  errors = 0;
  warnings = 0;

  constructor(
    readonly features: number,
    readonly householdRows: number,
    readonly dryRun: boolean,
  ) {}

  error(code: ImportProblemCode, message: string, at: { index?: number | null; line?: number | null; path?: string | null; areaM2?: number | null; otherPath?: string | null }): void {
    this.errors++;
    if (at.index !== undefined && at.index !== null) this.failed.add(at.index);
    this.problems.push(problem('error', code, message, at));
  }

  warning(code: ImportProblemCode, message: string, at: { index?: number | null; path?: string | null; areaM2?: number | null }): void {
    this.warnings++;
    this.problems.push(problem('warning', code, message, at));
  }

  view(r: { committed: boolean; byLevel: Map<string, number>; regionsCreated: number; householdsCreated: number }): ImportReportView {
    const order = (p: ImportProblemView) => [p.severity === 'error' ? 0 : 1, p.index ?? Number.MAX_SAFE_INTEGER, p.line ?? 0] as const;
    const sorted = [...this.problems].sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
    return {
      dryRun: this.dryRun,
      committed: r.committed,
      features: this.features,
      householdRows: this.householdRows,
      byLevel: [...r.byLevel].map(([level, count]) => ({ level, count })),
      regionsCreated: r.regionsCreated,
      householdsCreated: r.householdsCreated,
      errors: this.errors,
      warnings: this.warnings,
      problems: sorted.slice(0, IMPORT_MAX_PROBLEMS),
      problemsTruncated: sorted.length > IMPORT_MAX_PROBLEMS,
    };
  }
}

function problem(
  severity: ImportProblemView['severity'],
  code: ImportProblemCode,
  message: string,
  at: { index?: number | null; line?: number | null; path?: string | null; areaM2?: number | null; otherPath?: string | null },
): ImportProblemView {
  return {
    index: at.index ?? null,
    line: at.line ?? null,
    path: at.path ?? null,
    severity,
    code,
    message,
    areaM2: at.areaM2 === undefined || at.areaM2 === null ? null : Math.round(Number(at.areaM2) * 100) / 100,
    otherPath: at.otherPath ?? null,
  };
}
