import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../src/server/platform/db/index.ts';

/** `Latin=देवनागरी, …` → pairs. */
const pairs = (text: string): Array<[string, string]> =>
  text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split('=') as [string, string]);

/** Given names and surnames, each in Latin and Devanagari: a person's name is written in one script or the other. */
export const GIVEN = pairs(`
  Ramesh=रमेश, Suresh=सुरेश, Mahesh=महेश, Rajesh=राजेश, Dinesh=दिनेश, Mukesh=मुकेश,
  Sunita=सुनीता, Anita=अनीता, Geeta=गीता, Seema=सीमा, Rekha=रेखा, Kavita=कविता,
  Amit=अमित, Sumit=सुमित, Rohit=रोहित, Mohit=मोहित, Ankit=अंकित, Vivek=विवेक,
  Pooja=पूजा, Priya=प्रिया, Neha=नेहा, Sneha=स्नेहा, Jyoti=ज्योति, Preeti=प्रीति,
  Ram=राम, Shyam=श्याम, Mohan=मोहन, Sohan=सोहन, Gopal=गोपाल, Krishna=कृष्ण,
  Lakshmi=लक्ष्मी, Savitri=सावित्री, Kamla=कमला, Vimla=विमला, Shanti=शांति, Usha=उषा,
  Imran=इमरान, Salim=सलीम, Faisal=फ़ैसल, Shabana=शबाना, Nasreen=नसरीन, Arif=आरिफ़,
  Harpreet=हरप्रीत, Gurpreet=गुरप्रीत, Manpreet=मनप्रीत, Joseph=जोसेफ़, Mary=मैरी, Thomas=थॉमस,
  Arvind=अरविंद, Deepak=दीपक, Sanjay=संजय, Vijay=विजय, Ajay=अजय, Manoj=मनोज,
  Pankaj=पंकज, Rakesh=राकेश, Naresh=नरेश, Umesh=उमेश, Yogesh=योगेश, Brijesh=बृजेश,
  Radha=राधा, Sita=सीता, Parvati=पार्वती, Durga=दुर्गा, Meena=मीना, Reena=रीना,
  Anil=अनिल, Sunil=सुनील, Kapil=कपिल, Nikhil=निखिल, Rahul=राहुल, Gaurav=गौरव,
  Asha=आशा, Nisha=निशा, Manisha=मनीषा, Varsha=वर्षा, Kiran=किरण, Suman=सुमन,
  Om Prakash=ओम प्रकाश, Ram Prasad=राम प्रसाद, Jai Prakash=जय प्रकाश, Hari Om=हरि ओम, Shiv Kumar=शिव कुमार, Raj Kumar=राज कुमार
`);
export const FAMILY = pairs(`
  Kumar=कुमार, Singh=सिंह, Sharma=शर्मा, Verma=वर्मा, Gupta=गुप्ता, Yadav=यादव,
  Devi=देवी, Prasad=प्रसाद, Mishra=मिश्रा, Tiwari=तिवारी, Pandey=पांडेय, Dubey=दुबे,
  Chauhan=चौहान, Rathore=राठौर, Jatav=जाटव, Pal=पाल, Saini=सैनी, Maurya=मौर्य,
  Ansari=अंसारी, Qureshi=क़ुरैशी, Khan=ख़ान, Siddiqui=सिद्दीक़ी, Gill=गिल, Sandhu=संधू,
  Patel=पटेल, Shah=शाह, Reddy=रेड्डी, Nair=नायर, Das=दास, Ghosh=घोष,
  Tyagi=त्यागी, Varshney=वार्ष्णेय, Srivastava=श्रीवास्तव, Agarwal=अग्रवाल, Jain=जैन, Bansal=बंसल,
  Kushwaha=कुशवाहा, Nishad=निषाद, Lodhi=लोधी, Rajput=राजपूत, Thakur=ठाकुर, Chaudhary=चौधरी,
  Bhatt=भट्ट, Joshi=जोशी, Rawat=रावत, Negi=नेगी, Bisht=बिष्ट, Kashyap=कश्यप
`);
const AGES = ['18_25', '26_35', '36_50', '51_65', 'over_65'];

/** A small fast PRNG (mulberry32), so a run's file is the same every time. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Generated {
  rows: number;
  bytes: number;
  /** People with the phone as typed and the name as written, for lookups: a uniform sample. */
  sample: Array<{ phone: string; name: string }>;
  distinctNames: number;
  sharedPhones: number;
  withConsent: number;
}

/**
 * Writes `count` people to a CSV file, streamed: booths are read from the tree in pages of 10,000 in id order, one
 * in ten (at a million people across the nation) gets about ten people, shuffled within the page. About 10% share a phone with someone earlier in their
 * booth (a household, with a different name), 1% are the same person written twice, a third carry consent (never
 * children), phones are typed several ways (mostly ten digits; some +91, some spaced, some with a leading 0).
 */
export async function generatePeopleCsv(db: Kysely<Schema>, file: string, count: number, seed = 42): Promise<Generated> {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const { rows: stats } = await sql<{ n: number }>`select count(*)::int as n from units where level = 'booth' and code is not null`.execute(db);
  const booths = stats[0]!.n;
  const chosen = Math.min(1, count / (10 * booths));
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('name,phone,unit_code,whatsapp,age_band,languages,tags,notes,consent\n');
  const sample: Generated['sample'] = [];
  const names = new Set<string>();
  let written = 0;
  let seen = 0;
  let shared = 0;
  let withConsent = 0;
  let after = 0;
  const mobile = () => String(6 + Math.floor(random() * 4)) + String(Math.floor(random() * 1e9)).padStart(9, '0');
  const typed = (ten: string) => {
    const r = random();
    return r < 0.7 ? ten : r < 0.85 ? `+91${ten}` : r < 0.95 ? `${ten.slice(0, 5)} ${ten.slice(5)}` : `0${ten}`;
  };
  while (written < count) {
    const { rows } = await sql<{ id: number; code: string }>`
      select id, code from units where level = 'booth' and code is not null and id > ${after} order by id limit 10000`.execute(db);
    if (rows.length === 0) {
      after = 0; // fewer booths than needed: go round again
      continue;
    }
    after = rows.at(-1)!.id;
    const lines: string[] = [];
    for (const booth of rows) {
      // People come from the booths where workers went door to door: about ten each, in one booth in ten.
      const n = random() < chosen ? 5 + Math.floor(random() * 11) : 0;
      const phones: string[] = [];
      const people: string[] = [];
      for (let i = 0; i < n && written + lines.length < count; i++) {
        if (people.length > 0 && random() < 0.01) {
          lines.push(pick(people)); // the same person written twice
          continue;
        }
        const script = random() < 0.6 ? 0 : 1;
        const name = `${pick(GIVEN)[script]} ${pick(FAMILY)[script]}`;
        names.add(name);
        let ten: string;
        if (phones.length > 0 && random() < 0.1) {
          ten = pick(phones);
          shared++;
        } else {
          ten = mobile();
          phones.push(ten);
        }
        const phone = typed(ten);
        const child = random() < 0.03;
        const age = child ? 'under_18' : random() < 0.3 ? '' : pick(AGES);
        const whatsapp = random() < 0.8 ? 'yes' : 'no';
        const languages = random() < 0.7 ? 'hi' : 'hi;en';
        const tags = random() < 0.1 ? 'karyakarta' : '';
        const notes = random() < 0.05 ? 'Met at the chaupal' : '';
        const c = random();
        const consent = child ? '' : c < 0.2 ? 'org_updates' : c < 0.33 ? 'org_updates;whatsapp_groups' : '';
        if (consent) withConsent++;
        const line = `${name},${phone},${booth.code},${whatsapp},${age},${languages},${tags},${notes},${consent}\n`;
        people.push(line);
        lines.push(line);
        // Reservoir sample of 1,000 for lookups.
        seen++;
        if (sample.length < 1000) sample.push({ phone, name });
        else {
          const j = Math.floor(random() * seen);
          if (j < 1000) sample[j] = { phone, name };
        }
      }
    }
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    written += lines.length;
    await write(lines.join(''));
  }
  out.end();
  await once(out, 'finish');
  return { rows: written, bytes: out.bytesWritten, sample, distinctNames: names.size, sharedPhones: shared, withConsent };
}
