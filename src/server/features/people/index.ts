/** People: the minimal record (name, encrypted phone, home unit) that positions and logins hang on. */
export { findLiveByPhoneAndName, findPerson, insertPerson, loginCandidate, personUnitPaths } from './people.repo.ts';
