import type { Reject } from './format.ts';
import type { RunMemory } from './run-memory.ts';
import type { Candidate } from './validate.ts';

/** Where a unit sits: enough to place a child under it. `id` and `path` of a new unit are set once ids are drawn. */
export interface Place {
  id: number;
  path: string;
  level: string;
  depth: number;
  archived: boolean;
}

/** A unit as the database has it, found by code. */
export interface FoundUnit extends Place {
  code: string;
  parentId: number | null;
  nameEn: string;
  nameHi: string;
}

/** A unit to insert, in file order so that a parent is placed before its children. */
export interface NewUnit {
  line: number;
  code: string;
  level: string;
  nameEn: string;
  nameHi: string;
  parent: Place | null;
  place: Place;
}

/** The decisions for one batch: what to write, and which rows are refused or already right. */
export interface Plan {
  inserts: NewUnit[];
  updates: { id: number; nameEn: string; nameHi: string }[];
  unchangedIds: number[];
  rejects: Reject[];
}

/** What a batch knows about its own rows while it is planned (and, in the row-by-row retry, across rows). */
export interface BatchState {
  /** Line of each code already met in this batch, accepted or not. */
  seen: Map<string, number>;
  /** Places of the rows accepted so far in this batch: their children may follow in the same batch. */
  placed: Map<string, Place>;
  /** Codes refused in this batch, with their lines. */
  refused: Map<string, number>;
}

export const newBatchState = (): BatchState => ({ seen: new Map(), placed: new Map(), refused: new Map() });

/**
 * Decides each row in file order against the units found by code in the database. Pure: the caller draws ids,
 * writes, and only then folds the outcome into the run's memory.
 */
export function planBatch(rows: readonly Candidate[], found: ReadonlyMap<string, FoundUnit>, run: RunMemory, batch: BatchState): Plan {
  const plan: Plan = { inserts: [], updates: [], unchangedIds: [], rejects: [] };
  for (const row of rows) {
    const refuse = (reason: Reject['reason'], message: string) => {
      plan.rejects.push({ line: row.line, code: row.code, reason, message });
      if (!batch.refused.has(row.code)) batch.refused.set(row.code, row.line);
    };
    const existing = found.get(row.code);

    const sameBatch = batch.seen.get(row.code);
    const refusedEarlier = run.rejectedAt(row.code);
    if (sameBatch !== undefined && sameBatch !== row.line) {
      refuse('duplicate_in_file', `code ${row.code} already appears on line ${sameBatch}`);
      continue;
    }
    batch.seen.set(row.code, row.line);
    if (existing && run.accepted(existing.id)) {
      refuse('duplicate_in_file', `code ${row.code} already appears earlier in this file`);
      continue;
    }
    if (refusedEarlier !== undefined && refusedEarlier !== row.line) {
      refuse('duplicate_in_file', `code ${row.code} already appears on line ${refusedEarlier} (refused there)`);
      continue;
    }

    let parent: Place | null = null;
    if (row.parentCode !== '') {
      parent = batch.placed.get(row.parentCode) ?? found.get(row.parentCode) ?? null;
      if (!parent) {
        const at = batch.refused.get(row.parentCode) ?? run.rejectedAt(row.parentCode);
        if (at !== undefined) refuse('parent_rejected', `parent ${row.parentCode} was refused on line ${at}; fix that row first`);
        else
          refuse(
            'unknown_parent',
            `parent ${row.parentCode} is neither in the database nor on an earlier line of the file (parents must come before their children)`,
          );
        continue;
      }
      if (parent.archived) {
        refuse('parent_archived', `parent ${row.parentCode} is archived`);
        continue;
      }
      if (parent.depth >= row.depth) {
        refuse('level_order', `a ${row.level} cannot sit under ${row.parentCode}, a ${parent.level}: the level must be deeper than the parent's`);
        continue;
      }
    }

    if (existing) {
      if (existing.parentId !== (parent?.id ?? null)) {
        refuse('parent_changed', `${row.code} exists under a different parent; import does not move units — use move to change its parent`);
        continue;
      }
      if (existing.level !== row.level) {
        refuse('level_changed', `${row.code} exists as a ${existing.level}; import does not change a unit's level`);
        continue;
      }
      if (existing.nameEn === row.nameEn && existing.nameHi === row.nameHi) plan.unchangedIds.push(existing.id);
      else plan.updates.push({ id: existing.id, nameEn: row.nameEn, nameHi: row.nameHi });
      batch.placed.set(row.code, existing);
      continue;
    }

    const place: Place = { id: 0, path: '', level: row.level, depth: row.depth, archived: false };
    plan.inserts.push({ line: row.line, code: row.code, level: row.level, nameEn: row.nameEn, nameHi: row.nameHi, parent, place });
    batch.placed.set(row.code, place);
  }
  return plan;
}

/**
 * Gives the new units their ids and paths. Ids are drawn in file order, so each parent (earlier in the file) has
 * its path before its children need it.
 */
export function placeNewUnits(inserts: readonly NewUnit[], ids: readonly number[]) {
  inserts.forEach((u, i) => {
    u.place.id = ids[i]!;
    u.place.path = u.parent ? `${u.parent.path}.${u.place.id}` : String(u.place.id);
  });
}

/** The id of the depth-1 ancestor (the second label of the path), as the units table carries it; null for a root. */
export function stateIdOf(path: string): number | null {
  const first = path.indexOf('.');
  if (first === -1) return null;
  const second = path.indexOf('.', first + 1);
  return Number(path.slice(first + 1, second === -1 ? undefined : second));
}
