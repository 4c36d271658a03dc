/** People: the registry of workers and supporters, their consent (DPDP), self sign-up, WhatsApp groups, import and export. */
export { findLiveByPhoneAndName, findPerson, insertPerson, loginCandidate, personUnitPaths, type NewPerson } from './people.repo.ts';
export { peopleRoutes } from './routes.ts';
export type { PeopleDeps } from './deps.ts';
export { addDemoSupporters, type DemoPeopleReport } from './demo.ts';
