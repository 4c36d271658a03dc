import { sql } from 'kysely';
import type { Config } from '../../server/config.ts';
import { createPiiCipher } from '../../server/platform/crypto.ts';
import type { Database } from '../../server/platform/db/index.ts';
import { addDemoPeople, buildDemoTree, SCALES, type DemoLogin, type Scale } from '../../server/features/org/index.ts';
import { addDemoSupporters } from '../../server/features/people/index.ts';
import { addDemoDirective } from '../../server/features/directives/index.ts';
import { addDemoEvents } from '../../server/features/events/index.ts';
import { addDemoCampaign } from '../../server/features/campaigns/index.ts';
import { normalisePhone } from '../../contracts/phone.ts';
import { folderStorage } from '../../server/platform/storage/folder.ts';
import { join } from 'node:path';
import type { Command } from '../args.ts';
import { openForCli } from '../context.ts';

const grouped = (n: number) => n.toLocaleString('en-IN');

/** Builds the demo organisation and its people into an empty database; prints what it made and how to sign in. */
export async function buildDemo(database: Database, config: Config, scale: Scale): Promise<DemoLogin[]> {
  const report = await buildDemoTree(database.db, scale);
  const cipher = createPiiCipher(config.SETU_SECRET_KEY);
  const logins = await addDemoPeople(database.db, cipher);
  console.log(`demo organisation (${scale}): ${grouped(report.units)} units, ${grouped(report.booths)} booths, built in ${report.seconds.toFixed(1)} s`);
  // Supporters and WhatsApp groups where the demo's booth workers are, recorded by the booth convener.
  const assembly = await database.db.selectFrom('units').select('id').where('level', '=', 'assembly').where('name_en', '=', 'Chandausi').executeTakeFirst();
  const boothConvener = logins.find((l) => l.role === 'convener' && l.phone === '+919000000011');
  const recorder = boothConvener
    ? await database.db.selectFrom('people').select('id').where('name', '=', boothConvener.name).orderBy('id').executeTakeFirst()
    : undefined;
  if (assembly) {
    const people = await addDemoSupporters(database.db, cipher, assembly.id, recorder?.id ?? null);
    console.log(`demo people: ${grouped(people.supporters)} supporters met door to door, ${grouped(people.groups)} WhatsApp groups (Chandausi)`);
  }
  // Sambhal's IT convener (Rekha Yadav) asks every booth convener in the district to check the voter list's new names.
  const booths = await addDemoDirective(database.db, cipher, folderStorage(join(config.dataDir, 'files')), cipher.blindIndex(normalisePhone('+919000000005')!));
  if (booths) console.log(`demo directive: check the voter list's new names, sent to the conveners of ${grouped(booths)} booths of Sambhal`);
  // She also holds a meeting at every shakti kendra of Sambhal tomorrow evening, and held a district workshop five days ago.
  const meetings = await addDemoEvents(database.db, cipher, cipher.blindIndex(normalisePhone('+919000000005')!));
  if (meetings)
    console.log(`demo events: a virtual meeting at ${grouped(meetings)} shakti kendras of Sambhal tomorrow, a district workshop held five days ago`);
  // UP's IT convener (Kavita Singh) runs an organisation drive in three phases.
  if (await addDemoCampaign(database.db, cipher.blindIndex(normalisePhone('+919000000002')!)))
    console.log('demo campaign: an organisation drive in Uttar Pradesh (the app in colleges, district workshops, volunteer conferences)');
  return logins;
}

/** The sign-in table: phone, who, where. */
export function printLogins(logins: DemoLogin[], url: string, otpSender: string) {
  console.log(`\nOpen ${url} and sign in with one of these phone numbers:`);
  for (const l of logins) {
    const role = [l.department === 'social_media' ? 'social-media' : l.department?.toUpperCase(), l.role.replace('_', '-')].filter(Boolean).join(' ');
    console.log(`  ${l.phone.replace(/^\+91(\d{5})(\d{5})$/, '+91 $1 $2')}  ${l.name.padEnd(17)} ${role} · ${l.unit}`);
  }
  console.log(
    otpSender === 'log'
      ? '\nThe one-time code is printed in this log as {"msg":"otp","phone":…,"code":"……"} (development sender).'
      : '\nThe one-time code arrives by SMS.',
  );
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Build a realistic demo organisation (real states, UP’s 75 districts) with people to sign in as.',
  usage: `Usage: setu demo [--scale small|state|nation] [--reset]

  --scale small   every state; Uttar Pradesh's regions and 75 districts; Sambhal and Lucknow down to
                  ~3,000 booths (default, seconds)
  --scale state   all of Uttar Pradesh: 403 assemblies, ≈ 1.6 lakh booths
  --scale nation  36 states and union territories, ≈ 10.5 lakh booths
  --reset         first remove every unit, person, position and session (the audit log is kept)`,
  options: { scale: { type: 'string', default: 'small' }, reset: { type: 'boolean', default: false } },
  async run({ values }) {
    const scale = values.scale as Scale;
    if (!SCALES.includes(scale)) {
      console.error(`setu demo: --scale must be one of ${SCALES.join(', ')}`);
      return 2;
    }
    const { config, database } = await openForCli();
    try {
      if (values.reset) await sql`truncate units, unit_stats, people, positions, sessions, otp_challenges restart identity cascade`.execute(database.db);
      const existing = await database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
      if (existing) {
        console.error('setu demo: the database already has units; run with --reset to replace them');
        return 1;
      }
      printLogins(await buildDemo(database, config, scale), `http://${config.HOST}:${config.PORT}`, config.OTP_SENDER);
    } finally {
      await database.close();
    }
  },
};
