/** Directives: issue once at a unit, reach every target unit below it, see who acknowledged and who did it. */
import type { LiveStreams } from '../../platform/http/live-streams.ts';
import type { DirectivesDeps } from './deps.ts';
import { directiveRoutes } from './directives.routes.ts';
export { checksOwnSession as directivesCheckOwnSession } from './directives.routes.ts';
import { startEscalations } from './escalation.ts';
import { startRollup } from './rollup.ts';
import { silenceAndFileRoutes } from './silence-files.routes.ts';

export type { DirectivesDeps } from './deps.ts';
export { ProgressEvents } from './events.ts';
export { fanOut } from './fanout.ts';
export { foldProgress } from './rollup.ts';
export { runEscalations } from './escalation.ts';
export { FILE_MAX_BYTES, registerFileReader, type FileReader } from './files.service.ts';
export { registerDirectiveTopics } from './topics.ts';
export { addDemoDirective } from './demo.ts';

export function directivesRoutes(deps: DirectivesDeps, streams: LiveStreams) {
  const r = directiveRoutes(deps, streams);
  r.route('/', silenceAndFileRoutes(deps));
  return r;
}

/** The background work: folding acknowledgements into counters, and reminders and escalation. */
export function startDirectiveJobs(deps: DirectivesDeps, options: { rollupMs?: number; escalationMs?: number } = {}) {
  const rollup = startRollup(deps.db, deps.events, deps.log, options.rollupMs);
  const escalations = startEscalations(deps, options.escalationMs);
  return {
    async stop() {
      await Promise.all([rollup.stop(), escalations.stop()]);
    },
  };
}
