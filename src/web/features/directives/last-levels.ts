/**
 * The levels a person last sent a directive to, kept on the phone, so the next form starts where they usually send
 * (a district convener who writes to the mandals every week) rather than at a level they did not choose.
 */
const key = (personId: number) => `setu.directives.levels.${personId}`;

export function lastSentLevels(personId: number | undefined): string[] {
  if (personId === undefined) return [];
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(personId)) ?? '[]');
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return []; // storage off (private mode) or a damaged value: start with nothing ticked
  }
}

export function rememberSentLevels(personId: number, levels: readonly string[]): void {
  try {
    localStorage.setItem(key(personId), JSON.stringify(levels));
  } catch {
    // Storage full or off: the next form starts with nothing ticked, which is safe.
  }
}
