/** The people, groups and import screens, loaded on demand as one chunk (see index.ts), with their styles. */
import './people.css';

export { PeoplePage } from './people-page.tsx';
export { PersonPage } from './person-page.tsx';
export { DuplicatesPage } from './duplicates-page.tsx';
export { ImportPage } from './import-page.tsx';
export { PositionsImportPage } from './positions-import-page.tsx';
export { GroupsPage } from './groups-page.tsx';
export { RosterPage } from './roster-page.tsx';
