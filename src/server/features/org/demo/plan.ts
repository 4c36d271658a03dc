import { regionNamesOtherStates, states, upAssemblies, upRegions, villageStems, villageSuffixes, type Place } from './places.ts';

export type Scale = 'small' | 'state' | 'nation';
export const SCALES: readonly Scale[] = ['small', 'state', 'nation'];

/** A unit of the upper tree (national to assembly), built row by row; below assemblies the builder works in SQL. */
export interface PlannedUnit {
  code: string;
  parentCode: string | null;
  level: 'national' | 'state' | 'region' | 'district' | 'assembly';
  en: string;
  hi: string;
  /** For assemblies: how many booths to build below it. */
  booths?: number;
}

/** UP has 403 assembly constituencies; elsewhere about 255 booths make one. */
const UP_ASSEMBLIES = 403;
const BOOTHS_PER_ASSEMBLY = 255;

/** A made-up but natural village/town name: "Rampur" / "रामपुर". Deterministic in n. */
export function villageName(n: number): Place {
  const stem = villageStems[n % villageStems.length]!;
  const suffix = villageSuffixes[Math.floor(n / villageStems.length) % villageSuffixes.length]!;
  return { en: stem.en + suffix.en, hi: stem.hi + suffix.hi };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Splits `total` into `parts` whole numbers that differ by at most one. */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/**
 * The upper tree for a scale. `small`: every state, Uttar Pradesh's regions and 75 districts, and two districts
 * (Sambhal and Lucknow) built down to the booth with their real assemblies. `state`: all of Uttar Pradesh
 * (≈ 1.6 lakh booths). `nation`: every state and union territory (≈ 10.5 lakh booths).
 */
export function planUpperTree(scale: Scale): PlannedUnit[] {
  const out: PlannedUnit[] = [{ code: 'IN', parentCode: null, level: 'national', en: 'India', hi: 'भारत' }];
  let names = 0;
  for (const st of states) {
    out.push({ code: st.code, parentCode: 'IN', level: 'state', en: st.en, hi: st.hi });
    const full = scale === 'nation' || (scale === 'state' && st.code === 'UP');
    if (st.code === 'UP') planUttarPradesh(out, scale, full, st.booths);
    else if (full) names = planGeneratedState(out, st.code, st.booths, names);
  }
  return out;
}

function planUttarPradesh(out: PlannedUnit[], scale: Scale, full: boolean, booths: number) {
  const districts = upRegions.flatMap((r) => r.districts.map((d) => ({ region: r.code, ...d })));
  // Real assembly lists where we have them; the rest of the 403 shared among the other districts.
  const known = districts.reduce((n, d) => n + (upAssemblies[d.en]?.length ?? 0), 0);
  const unknownDistricts = districts.filter((d) => !upAssemblies[d.en]);
  const otherCounts = split(UP_ASSEMBLIES - known, unknownDistricts.length);
  const perAssembly = split(booths, UP_ASSEMBLIES);
  let acNo = 0;
  upRegions.forEach((r, ri) => out.push({ code: `UP-R${ri + 1}`, parentCode: 'UP', level: 'region', en: r.en, hi: r.hi }));
  districts.forEach((d, di) => {
    const code = `UP-D${pad(di + 1, 2)}`;
    out.push({ code, parentCode: `UP-R${upRegions.findIndex((r) => r.code === d.region) + 1}`, level: 'district', en: d.en, hi: d.hi });
    const built = full || (scale === 'small' && (d.en === 'Sambhal' || d.en === 'Lucknow'));
    const real = upAssemblies[d.en];
    const count = real?.length ?? otherCounts[unknownDistricts.indexOf(d)]!;
    for (let i = 0; i < count; i++) {
      acNo++;
      if (!built) continue;
      const name = real?.[i] ?? villageName(acNo * 7);
      out.push({ code: `UP-AC${pad(acNo, 3)}`, parentCode: code, level: 'assembly', en: name.en, hi: name.hi, booths: perAssembly[acNo - 1]! });
    }
  });
}

function planGeneratedState(out: PlannedUnit[], stateCode: string, booths: number, names: number): number {
  const assemblies = Math.max(1, Math.round(booths / BOOTHS_PER_ASSEMBLY));
  const districts = Math.max(1, Math.round(assemblies / 5.3));
  const regions = Math.min(regionNamesOtherStates.length, Math.max(1, Math.round(districts / 8)));
  const perAssembly = split(booths, assemblies);
  const assembliesPerDistrict = split(assemblies, districts);
  const districtsPerRegion = split(districts, regions);
  let d = 0;
  let ac = 0;
  for (let r = 0; r < regions; r++) {
    const region = regionNamesOtherStates[r]!;
    const regionCode = `${stateCode}-R${r + 1}`;
    out.push({ code: regionCode, parentCode: stateCode, level: 'region', en: region.en, hi: region.hi });
    for (let k = 0; k < districtsPerRegion[r]!; k++, d++) {
      const districtCode = `${stateCode}-D${pad(d + 1, 2)}`;
      const dn = villageName(names++ * 13 + 5);
      out.push({ code: districtCode, parentCode: regionCode, level: 'district', en: dn.en, hi: dn.hi });
      for (let a = 0; a < assembliesPerDistrict[d]!; a++, ac++) {
        const an = villageName(names++ * 13 + 5);
        out.push({ code: `${stateCode}-AC${pad(ac + 1, 3)}`, parentCode: districtCode, level: 'assembly', en: an.en, hi: an.hi, booths: perAssembly[ac]! });
      }
    }
  }
  return names;
}
