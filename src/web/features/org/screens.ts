/** The organisation's screens, loaded on demand as one chunk (see index.ts). */
export { UnitPage } from './unit-page.tsx';
export { CoveragePage } from './coverage-page.tsx';
