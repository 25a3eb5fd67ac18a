import { AppError, actorCan, forbidden, type Actor, type RoleName } from '@gov/kernel';
import { GridsEvents, IMPORT_BATCH, IMPORT_GAP_TOLERANCE_M2, TerritoryIoErrorReason, type ImportRegionsInput, type ImportReportView, type RegionLevel } from '@gov/grids-contracts';
import { TerritoryIoRepository, type ExistingNode, type ImportedNode, type StagedFeature } from '@gov/grids-data-access';
import { CHILD_LEVELS } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { LOGGER, TransactionRunner } from '@gov/platform-service';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { parseFeature, parseHouseholdNumber, readCollection, type HouseholdRow, type ParsedFeature } from './import-parse.js';
import { ImportReport } from './import-report.js';

/** Who may import: a county admin (or a city admin) on every path the file names. */
export const IMPORT_ROLES: readonly RoleName[] = ['county_admin', 'city_admin'];

/** A node of the file as resolved against the tree: its id-to-be, level and whether it is sound. */
interface Planned {
  feature: ParsedFeature;
  id: string;
  level: RegionLevel | null;
  parentId: string | null;
}

/** Thrown inside the transaction to roll everything back and answer with the report. */
class Rollback {
  constructor(readonly report: ImportReportView) {}
}

/**
 * Bulk import of a county's tree from GeoJSON (and households from CSV): everything is checked
 * first — structure, the caller's roles, parents, levels, PostGIS validity, containment, sibling
 * overlaps and gaps — and written, with a `region.created` (`household.registered`) event each,
 * in one transaction only when no error was found. Checks and writes share that transaction: the
 * staged features live in a temporary table of it, and a file with errors rolls it back.
 */
@Injectable()
export class TerritoryImportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly repo: TerritoryIoRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async import(actor: Actor | null, input: z.output<typeof ImportRegionsInput>): Promise<ImportReportView> {
    const a = requireActor(actor);
    const { features, rows } = readCollection(input.geojson, input.householdsCsv);
    const report = new ImportReport(features.length, rows?.length ?? 0, input.dryRun);
    const parsed = features.map((f, i) => parseFeature(f, i, report)).filter((f): f is ParsedFeature => f !== null);
    // Authorization before anything is read: one path outside the caller's county refuses the whole file.
    for (const path of [...parsed.map((f) => f.path), ...(rows ?? []).map((r) => r.buildingPath)]) {
      if (!actorCan(a, IMPORT_ROLES, path)) throw forbidden(`importing needs a county admin role (or above) on ${path}`);
    }
    this.logger.info({ features: features.length, households: rows?.length ?? 0, dryRun: input.dryRun }, 'territory import started');
    try {
      return await this.tx.run(async (em) => {
        const plan = await this.plan(em, parsed, report);
        await this.checkSpatially(em, plan, report);
        const households = rows ? await this.checkHouseholds(em, rows, plan, report) : [];
        const byLevel = countByLevel(plan.filter((p) => !report.failed.has(p.feature.idx)));
        if (report.errors > 0 || input.dryRun) {
          throw new Rollback(report.view({ committed: false, byLevel, regionsCreated: 0, householdsCreated: 0 }));
        }
        const created = await this.write(em, plan);
        const registered = await this.writeHouseholds(em, households);
        this.logger.info({ regions: created, households: registered }, 'territory import committed');
        return report.view({ committed: true, byLevel, regionsCreated: created, householdsCreated: registered });
      });
    } catch (err) {
      if (err instanceof Rollback) return err.report;
      if (err instanceof UniqueConstraintViolationException) {
        throw new AppError('CONFLICT', 'a path or household of the file was created by someone else meanwhile: run the import again', TerritoryIoErrorReason.conflict);
      }
      throw err;
    }
  }

  /** Resolves every feature's parent and level against the tree and the features before it; stages the sound ones. */
  private async plan(em: EntityManager, features: readonly ParsedFeature[], report: ImportReport): Promise<Planned[]> {
    const named = new Set<string>();
    for (const f of features) {
      named.add(f.path);
      if (f.parentPath) named.add(f.parentPath);
    }
    const existing = new Map((await this.repo.nodesByPath(em, [...named])).map((n) => [n.path, n]));
    const firstIndex = new Map<string, number>();
    for (const f of features) if (!firstIndex.has(f.path)) firstIndex.set(f.path, f.idx);

    const seen = new Map<string, Planned>();
    const plan: Planned[] = [];
    for (const f of features) {
      const at = { index: f.idx, path: f.path };
      if (seen.has(f.path)) {
        report.error('DUPLICATE_PATH', `the path is also feature ${seen.get(f.path)!.feature.idx}`, at);
        continue;
      }
      if (existing.has(f.path)) report.error('ALREADY_EXISTS', 'the tree already has a node with this path', at);
      const parent = this.parentOf(f, seen, existing, firstIndex, report);
      const level = parent === undefined ? (f.level ?? (f.geometryType === 'point' ? 'building' : null)) : this.levelOf(f, parent?.level ?? null, report);
      if (level && f.geometryType === 'point' && level !== 'building') report.error('WRONG_GEOMETRY', `a ${level} has an area, not a point`, at);
      if (level === 'building' && f.geometryType === 'area') report.error('WRONG_GEOMETRY', 'a building has a point, not an area', at);
      const planned: Planned = { feature: f, id: randomUUID(), level, parentId: parent?.id ?? null };
      seen.set(f.path, planned);
      plan.push(planned);
    }

    const sound = plan.filter((p) => !report.failed.has(p.feature.idx) && p.feature.geometry);
    for (let i = 0; i < sound.length; i += IMPORT_BATCH) {
      const batch = sound.slice(i, i + IMPORT_BATCH);
      await this.repo.stage(
        em,
        batch.map((p): StagedFeature => ({ idx: p.feature.idx, path: p.feature.path, parentPath: p.feature.parentPath, level: p.level!, geometry: p.feature.geometry })),
      );
      this.logger.info({ stage: 'validate', done: Math.min(i + IMPORT_BATCH, sound.length), total: sound.length }, 'progress');
    }
    return plan;
  }

  /**
   * The parent: a node of the tree or a feature earlier in the file (undefined when unknown: a
   * problem is reported). Null for a city (a one-segment path).
   */
  private parentOf(
    f: ParsedFeature,
    seen: Map<string, Planned>,
    existing: Map<string, ExistingNode>,
    firstIndex: Map<string, number>,
    report: ImportReport,
  ): { id: string; level: RegionLevel | null } | null | undefined {
    if (!f.parentPath) return null;
    const at = { index: f.idx, path: f.path };
    const inFile = seen.get(f.parentPath);
    if (inFile) return { id: inFile.id, level: inFile.level };
    const node = existing.get(f.parentPath);
    if (node) {
      if (node.archived) report.error('PARENT_ARCHIVED', `the parent ${f.parentPath} is archived`, at);
      return { id: node.id, level: node.level };
    }
    const later = firstIndex.get(f.parentPath);
    report.error(
      'UNKNOWN_PARENT',
      later !== undefined ? `the parent ${f.parentPath} comes later in the file (feature ${later}): list parents first` : `the parent ${f.parentPath} is neither in the tree nor earlier in the file`,
      at,
    );
    return undefined;
  }

  /** The level asked for (or implied: a point is a building, an area the first level allowed) under a parent of `parentLevel`. */
  private levelOf(f: ParsedFeature, parentLevel: RegionLevel | null, report: ImportReport): RegionLevel | null {
    const allowed = CHILD_LEVELS[parentLevel ?? 'root'];
    const wanted = f.level ?? (f.geometryType === 'point' ? 'building' : (allowed[0] ?? null));
    if (!wanted || !allowed.includes(wanted)) {
      const what = wanted ? `a ${wanted}` : 'nothing';
      report.error('LEVEL_NOT_ALLOWED', `${what} cannot stand under a ${parentLevel ?? 'root'}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`, { index: f.idx, path: f.path });
      return f.level ?? null;
    }
    return wanted;
  }

  /** PostGIS's verdicts on the staged geometries: validity, containment, sibling overlaps, gaps. */
  private async checkSpatially(em: EntityManager, plan: readonly Planned[], report: ImportReport): Promise<void> {
    if (!plan.some((p) => !report.failed.has(p.feature.idx) && p.feature.geometry)) return;
    for (const p of await this.repo.invalidGeometries(em)) report.error('INVALID_GEOMETRY', `invalid geometry: ${p.reason}`, { index: p.idx, path: p.path });
    for (const p of await this.repo.outsideParent(em)) report.error('OUTSIDE_PARENT', "the geometry lies outside the parent's shape", { index: p.idx, path: p.path });
    for (const p of await this.repo.overlappingGrids(em)) {
      report.error('OVERLAP', `overlaps the sibling grid ${p.otherPath} by ${Math.round(Number(p.areaM2))} m²`, { index: p.idx, path: p.path, otherPath: p.otherPath, areaM2: p.areaM2 });
    }
    for (const p of await this.repo.gridGaps(em, IMPORT_GAP_TOLERANCE_M2)) {
      report.warning('GAP', `the community's grids leave ${Math.round(Number(p.areaM2))} m² of it uncovered`, { index: p.idx, path: p.path, areaM2: p.areaM2 });
    }
  }

  /** Each CSV row's building (in the file or the tree), duplicates within the CSV and with registered households. */
  private async checkHouseholds(em: EntityManager, rows: readonly HouseholdRow[], plan: readonly Planned[], report: ImportReport) {
    const inFile = new Map(plan.filter((p) => p.level === 'building').map((p) => [p.feature.path, p]));
    const unknown = [...new Set(rows.map((r) => r.buildingPath).filter((p) => !inFile.has(p)))];
    const existing = new Map((await this.repo.nodesByPath(em, unknown)).map((n) => [n.path, n]));
    const accepted: { line: number; buildingId: string; buildingPath: string; number: string }[] = [];
    const keys = new Map<string, number>();
    for (const row of rows) {
      const number = parseHouseholdNumber(row, report);
      if (number === null) continue;
      const at = { line: row.line, path: row.buildingPath };
      const file = inFile.get(row.buildingPath);
      const node = existing.get(row.buildingPath);
      const buildingId = file?.id ?? (node && node.level === 'building' && !node.archived ? node.id : null);
      if (!buildingId) {
        report.error('UNKNOWN_BUILDING', `${row.buildingPath} is not a building of the file or an active building of the tree`, at);
        continue;
      }
      const key = `${row.buildingPath}\n${number}`;
      if (keys.has(key)) {
        report.error('DUPLICATE_HOUSEHOLD', `household ${number} is also on line ${keys.get(key)}`, at);
        continue;
      }
      keys.set(key, row.line);
      accepted.push({ line: row.line, buildingId, buildingPath: row.buildingPath, number });
    }
    const taken = await this.repo.existingHouseholds(
      em,
      accepted.filter((r) => !inFile.has(r.buildingPath)).map((r) => ({ path: r.buildingPath, number: r.number })),
    );
    const takenKeys = new Set(taken.map((t) => `${t.path}\n${t.number}`));
    for (const r of accepted) {
      if (takenKeys.has(`${r.buildingPath}\n${r.number}`)) report.error('DUPLICATE_HOUSEHOLD', `the building already has a household ${r.number}`, { line: r.line, path: r.buildingPath });
    }
    return accepted;
  }

  /** Writes the nodes parents first, in batches, with one `region.created` event each. */
  private async write(em: EntityManager, plan: readonly Planned[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < plan.length; i += IMPORT_BATCH) {
      const batch = plan.slice(i, i + IMPORT_BATCH);
      const rows = await this.repo.insertNodes(
        em,
        batch.map((p) => ({ idx: p.feature.idx, id: p.id, parentId: p.parentId, path: p.feature.path, code: p.feature.code, level: p.level!, kind: p.feature.kind, name: p.feature.name })),
      );
      for (const row of rows) await this.outbox.add(em, { ...GridsEvents.regionCreated, region: row.path, subjectId: row.id, data: eventData(row) });
      created += rows.length;
      this.logger.info({ stage: 'write', done: created, total: plan.length }, 'progress');
    }
    return created;
  }

  private async writeHouseholds(em: EntityManager, rows: readonly { buildingId: string; buildingPath: string; number: string }[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
      const batch = rows.slice(i, i + IMPORT_BATCH).map((r) => ({ id: randomUUID(), buildingId: r.buildingId, number: r.number, regionPath: r.buildingPath }));
      for (const h of await this.repo.insertHouseholds(em, batch)) {
        // The event HouseholdService.register publishes for one household.
        const view = {
          id: h.id,
          buildingId: h.buildingId,
          number: h.number,
          region: h.regionPath,
          centralHeadId: null,
          members: [],
          createdAt: new Date(h.createdAt).toISOString(),
          updatedAt: new Date(h.updatedAt).toISOString(),
        };
        await this.outbox.add(em, { ...GridsEvents.householdRegistered, region: view.region, subjectId: view.id, data: view });
        created++;
      }
      this.logger.info({ stage: 'households', done: created, total: rows.length }, 'progress');
    }
    return created;
  }
}

function countByLevel(plan: readonly Planned[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of plan) if (p.level) counts.set(p.level, (counts.get(p.level) ?? 0) + 1);
  return counts;
}

/** What other services keep of a node (as RegionService publishes it): no geometry. */
function eventData(r: ImportedNode): Record<string, unknown> {
  return { id: r.id, parentId: r.parentId, path: r.path, code: r.code, level: r.level, kind: r.kind, name: r.name, archived: false };
}
