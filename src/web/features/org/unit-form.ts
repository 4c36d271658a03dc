/** Client-side checks that mirror the server's (src/contracts/org.ts), so most mistakes are caught before sending. */

export const NAME_MAX = 200;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$/;

export type FieldProblem = 'required' | 'tooLong' | 'codeInvalid';

/** Problems with a unit's names and code, by field; empty when it can be sent. */
export function checkUnitFields(v: { nameEn: string; nameHi: string; code?: string }): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const key of ['nameHi', 'nameEn'] as const) {
    const value = v[key].trim();
    if (!value) problems[key] = 'required';
    else if (value.length > NAME_MAX) problems[key] = 'tooLong';
  }
  const code = v.code?.trim();
  if (code && !CODE.test(code)) problems.code = 'codeInvalid';
  return problems;
}
