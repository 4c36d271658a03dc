/** Units to and from CSV: `setu import units` and `setu export units` (docs/UNITS_CSV.md). */
export { importUnits, type ImportOptions, type ImportProgress, type ImportResult } from './import.ts';
export { exportUnits, type ExportOptions, type ExportResult } from './export.ts';
export { UnitsCsvError, formatCount, type Reject, type RejectReason } from './format.ts';
export { createProgress, type Progress } from './progress.ts';
