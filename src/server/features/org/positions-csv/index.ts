/** Office-bearers from a CSV: `setu import positions` and the web upload (docs/POSITIONS_CSV.md). */
export { importPositions, openPositionsCsv, KEEP_POSITION_REJECTS, type PositionsImportOptions, type PositionsImportResult } from './import.ts';
export { PositionsCsvError, POSITIONS_CSV_COLUMNS, type PositionReject, type PositionRejectCode } from './format.ts';
