import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/log.ts';
import type { ProgressEvents } from './events.ts';

const BATCH = 20_000;

/**
 * Folds queued acknowledgements into the counters of every unit above them, in one statement per batch: the queue
 * rows are taken (skipping any another process holds), grouped by parent path, and each ancestor's row of the
 * directive is updated once. Returns the directives that changed.
 */
export async function foldProgress(db: Kysely<Schema>): Promise<number[]> {
  const { rows } = await sql<{ directive_id: number }>`
    with taken as (
      delete from directive_progress where id in (select id from directive_progress order by id limit ${BATCH} for update skip locked)
      returning directive_id, unit_id, acked, done
    ),
    g as (
      -- The parent path by a lookup per queued row: as a join, the planner expects the LIMIT's whole batch and hashes
      -- all of units instead (a million rows, 50 ms a fold at nation scale).
      select t.directive_id,
        (select ltree2text(subpath(u.path, 0, nlevel(u.path) - 1)) from units u where u.id = t.unit_id and nlevel(u.path) > 1) as ppath,
        sum(t.acked)::int as acked, sum(t.done)::int as done
      from taken t
      group by 1, 2
    ),
    up as (
      select g.directive_id, x.id as unit_id, sum(g.acked)::int as acked, sum(g.done)::int as done
      from g, unnest(string_to_array(g.ppath, '.')::int[]) x(id)
      group by 1, 2
    )
    update directive_units du set acked = du.acked + up.acked, done = du.done + up.done
    from up where du.directive_id = up.directive_id and du.unit_id = up.unit_id
    returning du.directive_id`.execute(db);
  return [...new Set(rows.map((r) => r.directive_id))];
}

/**
 * Runs the fold every `intervalMs` (and again at once while there is more), telling open coverage streams what moved.
 * Counters therefore trail an acknowledgement by at most about one interval.
 */
export function startRollup(db: Kysely<Schema>, events: ProgressEvents, log: Logger, intervalMs = 250) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      for (;;) {
        const changed = await foldProgress(db);
        if (changed.length === 0) break;
        // The fold is committed; news that cannot be sent is lost until the next change, not a reason to stop folding.
        await events.changed(changed).catch((error: unknown) => log.warn({ err: error }, 'directive progress not announced'));
      }
    } catch (error) {
      log.error({ err: error }, 'directive rollup failed');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  timer = setTimeout(() => (running = tick()), intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
