// The answers these screens read, as types only (`import type`): the zod schemas stay out of the browser's bundle.
export type {
  Ask,
  Audience,
  Coverage,
  Directive,
  DirectiveDelivery,
  DirectiveSummary,
  FileRef,
  Inbox,
  IssueDirective,
  Laggards,
  MyUnit,
  Preview,
  Progress,
  Report,
  Reports,
  Silence,
  Silences,
} from '../../../contracts/directives.ts';
export type { UnitDetail, UnitRef } from '../../../contracts/org.ts';

import type { Directive } from '../../../contracts/directives.ts';

export type Priority = Directive['priority'];

/** The priorities and asks, in the order the form offers them (the contract's lists, repeated so zod stays out). */
export const PRIORITIES = ['normal', 'high', 'urgent'] as const satisfies readonly Priority[];
export const ASKS = ['read', 'ack', 'report'] as const satisfies ReadonlyArray<Directive['ask']>;

/** What an upload may be (the server's list): photos and PDFs, up to 10 MB. */
export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const FILE_MAX_BYTES = 10 * 2 ** 20;
