/** The demo organisation: real states and Uttar Pradesh's real districts, plausible units below, demo people. */
export { buildDemoTree, type BuildReport } from './build.ts';
export { addDemoPeople, type DemoLogin } from './people.ts';
export { SCALES, type Scale } from './plan.ts';
