import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { toFormError } from './form-errors.ts';
import { checkUnitFields } from './unit-form.ts';

describe('unit form checks', () => {
  it('needs both names, and a code only in the server’s shape', () => {
    expect(checkUnitFields({ nameHi: 'संभल', nameEn: 'Sambhal', code: '' })).toEqual({});
    expect(checkUnitFields({ nameHi: ' ', nameEn: '', code: 'UP-AC-033/PS_0142' })).toEqual({ nameHi: 'required', nameEn: 'required' });
    expect(checkUnitFields({ nameHi: 'अ', nameEn: 'x'.repeat(201), code: 'has space' })).toEqual({ nameEn: 'tooLong', code: 'codeInvalid' });
  });
});

describe('toFormError', () => {
  const fields = ['level', 'nameHi', 'nameEn', 'code', 'phone'];
  it('puts validation issues on the form’s fields by path', () => {
    const e = new ApiError(400, 'validation', 'bad', [
      { path: 'nameHi', message: 'Too small' },
      { path: 'person.phone', message: 'not a valid phone number' },
      { path: 'somethingElse', message: 'x' },
    ]);
    expect(toFormError(e, fields)).toEqual({ code: 'validation', fields: { nameHi: true, phone: true } });
  });

  it('puts codes about one field on that field', () => {
    expect(toFormError(new ApiError(409, 'unit_code_taken', 'taken'), fields)).toEqual({ code: 'unit_code_taken', fields: { code: true } });
    expect(toFormError(new ApiError(422, 'level_order', 'no'), fields).fields).toEqual({ level: true });
  });

  it('turns unknown codes and other throws into internal', () => {
    expect(toFormError(new ApiError(500, 'brand_new_code', '?'), fields).code).toBe('internal');
    expect(toFormError(new TypeError('x'), fields)).toEqual({ code: 'internal', fields: {} });
    expect(toFormError(new ApiError(0, 'offline', 'no connection'), fields).code).toBe('offline');
  });
});
