// The answers these screens read, as types only (`import type`): the zod schemas stay out of the browser's bundle.
import type { z } from 'zod';
import type { DuplicatesPage as DuplicatesSchema, Notices as NoticesSchema, RevealedPhone as RevealedSchema } from '../../../contracts/people.ts';
import type { Groups as GroupsSchema } from '../../../contracts/groups.ts';
import type { SignupLink } from '../../../contracts/signup.ts';

export type { AgeBand, Consent, Notice, PatchPerson, PeoplePage as PeopleList, PersonDetail, PersonSummary } from '../../../contracts/people.ts';
import type { ImportFailed as ImportFailedSchema } from '../../../contracts/people-import.ts';

export type { ImportLine, ImportSummary, PeopleReject } from '../../../contracts/people-import.ts';
export type { CreateGroup, Group, GroupCoverage, GroupCoverageRow, GroupPurpose, PatchGroup, Roster } from '../../../contracts/groups.ts';
export type { SignupLink } from '../../../contracts/signup.ts';
export type { UnitDetail, UnitRef } from '../../../contracts/org.ts';

export type DuplicatesList = z.infer<typeof DuplicatesSchema>;
export type DuplicatePair = DuplicatesList['items'][number];
export type Notices = z.infer<typeof NoticesSchema>;
export type RevealedPhone = z.infer<typeof RevealedSchema>;
export type Groups = z.infer<typeof GroupsSchema>;
export type ImportFailed = z.infer<typeof ImportFailedSchema>;
/** GET /api/units/{id}/signup-link: the live link, or null when the unit has none. */
export type MaybeSignupLink = SignupLink | null;

/** The age bands, for the edit form (the contract's list, repeated here so the bundle does not carry zod). */
export const AGE_BANDS = ['under_18', '18_25', '26_35', '36_50', '51_65', 'over_65'] as const;

/** The people CSV's columns (docs/PEOPLE_CSV.md), shown on the import screen. */
export const PEOPLE_CSV_COLUMNS = ['name', 'phone', 'unit_code', 'whatsapp', 'age_band', 'languages', 'tags', 'notes', 'consent'] as const;
export type { PositionsImportLine } from '../../../contracts/positions-import.ts';
