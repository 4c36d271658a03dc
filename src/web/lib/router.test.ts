import { describe, expect, it } from 'vitest';
import { match } from './router.tsx';

describe('match', () => {
  it('matches the root and paths with params, with or without a trailing slash', () => {
    expect(match('/', '/')).toEqual({});
    expect(match('/units/:id', '/units/42')).toEqual({ id: '42' });
    expect(match('/units/:id', '/units/42/')).toEqual({ id: '42' });
    expect(match('/units/:id/coverage', '/units/42/coverage')).toEqual({ id: '42' });
    expect(match('/units/:id', '/units/42/coverage')).toBeNull();
    expect(match('/', '/units')).toBeNull();
  });
});
