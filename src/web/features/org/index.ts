/** The organisation: configured names, the unit browser and coverage. */
export { useOrgMeta, labelOf, roleLabel, type OrgMeta } from './meta.ts';
