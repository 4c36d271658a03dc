import type { Audience } from '../../contracts/directives.ts';

interface Level {
  code: string;
  depth: number;
}

/** The levels below a unit's level, top first: where a directive from it can go, where an event can be held. */
export function levelsBelow<L extends Level>(levels: readonly L[] | undefined, unitLevel: string | undefined): L[] {
  const depth = levels?.find((l) => l.code === unitLevel)?.depth;
  if (depth === undefined) return [];
  return (levels ?? []).filter((l) => l.depth > depth).sort((a, b) => a.depth - b.depth);
}

/** Who it is for; an empty list of roles or departments means all of them (the server's "omitted"). */
export function audienceOf(d: { levels: readonly string[]; roles: readonly string[]; departments: readonly string[] }): Audience {
  return {
    levels: [...d.levels],
    ...(d.roles.length ? { roles: [...d.roles] } : {}),
    ...(d.departments.length ? { departments: [...d.departments] } : {}),
  };
}
