import { z } from 'zod';
import { nameText } from './text.ts';
import { OfficeBearer } from './org.ts';
import { Phone } from './phone.ts';

/** A person id in a path or body. */
export const PersonId = z.coerce.number().int().positive().max(2_147_483_647);
/** A position id in a path. */
export const PositionId = PersonId;

const code = z.string().trim().min(1).max(40);

/**
 * Who is appointed: `{ id }` of someone already known, or `{ name, phone }`. One object with optional fields rather
 * than a union, so that a bad phone is reported at `person.phone`, where a form can show it.
 */
const PersonRef = z
  .strictObject({ id: PersonId.optional(), name: nameText().optional(), phone: Phone.optional() })
  .superRefine((p, ctx) => {
    if (p.id !== undefined) {
      if (p.name !== undefined || p.phone !== undefined) ctx.addIssue({ code: 'custom', path: ['id'], message: 'either id, or name and phone' });
      return;
    }
    if (p.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'required' });
    if (p.phone === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'required' });
  })
  .transform((p): { id: number } | { name: string; phone: string } => (p.id !== undefined ? { id: p.id } : { name: p.name!, phone: p.phone! }));

/**
 * POST /api/units/{id}/positions. The person is someone already known (by id, inside the caller's turf) or a name and
 * a phone number: the same phone with the same name (any case, spaces trimmed) is the same person; otherwise a new
 * person is added.
 */
export const CreatePosition = z.strictObject({
  role: code,
  department: code.nullable().optional(),
  person: PersonRef,
});
export type CreatePosition = z.infer<typeof CreatePosition>;

/** DELETE /api/positions/{id}: the position as it was, now ended. */
export const EndedPosition = OfficeBearer.extend({ unitId: z.number().int(), endedAt: z.string() });
export type EndedPosition = z.infer<typeof EndedPosition>;
