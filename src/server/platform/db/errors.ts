/** Whether a database error is a unique violation of this constraint or index (PostgreSQL and PGlite word it alike). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  return e.code === '23505' && (e.constraint === constraint || (e.message ?? '').includes(constraint));
}

/** Whether PostgreSQL gave up one of two transactions that waited on each other (safe to run again). */
export function isDeadlock(error: unknown): boolean {
  return (error as { code?: string }).code === '40P01';
}
