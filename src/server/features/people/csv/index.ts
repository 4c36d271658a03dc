/** People to and from CSV: `setu import people`, `setu export people` and the web upload (docs/PEOPLE_CSV.md). */
export { importPeople, openPeopleCsv, type PeopleImportOptions, type PeopleImportProgress, type PeopleImportResult } from './import.ts';
export { exportPeople, type PeopleExportOptions, type PeopleExportResult } from './export.ts';
export { PeopleCsvError, formatCount, type Reject, type RejectCode } from './format.ts';
export { csvRoutes } from './csv.routes.ts';
export { IMPORT_MAX_BYTES } from './csv.service.ts';
export { normaliseImportedPhone } from './phone.ts';
