/** People: the registry of workers and supporters, their consent (DPDP), self sign-up, WhatsApp groups, import and export. */
export { findLiveByPhoneAndName, findPerson, insertPerson, loginCandidate, personUnitPaths, type NewPerson } from './people.repo.ts';
export { peopleRoutes } from './routes.ts';
export { hasPower, personInTurf, type LoadedPerson } from './registry/access.ts';
export { reachableFor } from './consent/consent.repo.ts';
export type { PeopleDeps } from './deps.ts';
export { addDemoSupporters, type DemoPeopleReport } from './demo.ts';
export {
  importPeople,
  exportPeople,
  PeopleCsvError,
  IMPORT_MAX_BYTES as PEOPLE_IMPORT_MAX_BYTES,
  type PeopleImportResult,
  type PeopleExportResult,
} from './csv/index.ts';
