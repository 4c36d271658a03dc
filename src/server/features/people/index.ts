/** People: the registry of workers and supporters, their consent (DPDP), self sign-up, WhatsApp groups, import and export. */
export { findLiveByPhoneAndName, findPerson, insertPerson, loginCandidate, personUnitPaths, type NewPerson } from './people.repo.ts';
export { peopleRoutes } from './routes.ts';
export { hasPower, personInTurf, type LoadedPerson } from './registry/access.ts';
/** The routes of this feature anyone may call: a citizen's self sign-up by a unit's link, and withdrawing consent by proving the phone. */
export const PEOPLE_PUBLIC_ROUTES = [
  'GET /api/notices',
  'GET /api/signup/{token}',
  'POST /api/signup/{token}/code',
  'POST /api/signup/{token}',
  'POST /api/consent/withdraw/code',
  'POST /api/consent/withdraw',
];
export { reachableFor } from './consent/consent.repo.ts';
export { pairDueFor as pairDuePeople } from './registry/duplicate-pairs.ts';
export { listDuplicates } from './registry/duplicates.service.ts';
import { startDuplicatePairing } from './registry/duplicate-pairs.ts';
/** The background work: comparing newly written records with their phone's and their home unit's, for duplicates. */
export const startPeopleJobs = startDuplicatePairing;
export type { PeopleDeps } from './deps.ts';
export { addDemoSupporters, type DemoPeopleReport } from './demo.ts';
export {
  importPeople,
  exportPeople,
  PeopleCsvError,
  IMPORT_MAX_BYTES as PEOPLE_IMPORT_MAX_BYTES,
  normaliseImportedPhone,
  type PeopleImportResult,
  type PeopleExportResult,
} from './csv/index.ts';
