/**
 * `npm run bench -- <name>`: runs one benchmark and prints JSON lines
 * `{"bench","metric","value","unit","db"}`. On the embedded database, and on PostgreSQL too when DATABASE_URL
 * is set. Benchmarks measure; they never assert.
 */
import { useAuditKey } from '../src/server/features/audit/index.ts';

// The benches call audited services directly, outside a Setu: their appends need the audit key a server sets at boot.
useAuditKey(Buffer.alloc(32, 9).toString('base64'));

const benches: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  tree: () => import('./tree.ts'),
  people: () => import('./people.ts'),
  groups: () => import('./groups.ts'),
  web: () => import('./web.ts'),
  directives: () => import('./directives.ts'),
  events: () => import('./events.ts'),
  duplicates: () => import('./duplicates.ts'),
};

const name = process.argv[2];
const load = name ? benches[name] : undefined;
if (!load) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(benches).join('|')}>\n`);
  process.exit(2);
}
await (await load()).run();
