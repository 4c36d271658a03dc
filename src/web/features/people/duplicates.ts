/** A pair's key, the same whichever way round it is listed. */
export const pairKey = (p: { a: { id: number }; b: { id: number } }) => (p.a.id < p.b.id ? `${p.a.id}-${p.b.id}` : `${p.b.id}-${p.a.id}`);
