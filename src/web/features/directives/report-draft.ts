import { FILE_MAX_BYTES } from './types.ts';
import type { ReportDraft } from './action-queue.ts';

/** The photo types the server takes for a report (images only; a PDF may be attached to a directive, not a report). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export type ReportProblem = 'reportNeedsSomething' | 'linkInvalid' | 'photoType' | 'photoSize';

/** A web address the server takes: http(s), absolute. */
export function isWebLink(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && Boolean(u.hostname);
  } catch {
    return false;
  }
}

/**
 * The report the form makes, checked as the server will check it (so a report saved offline is not refused later):
 * at least one of text, link and photo; a full web link; a JPEG/PNG/WebP photo up to 10 MB.
 */
export function checkReport(input: { text: string; link: string; photo: { type: string; size: number } | null }): {
  draft: ReportDraft;
  problems: Partial<Record<'text' | 'link' | 'photo', ReportProblem>>;
} {
  const text = input.text.trim();
  const link = input.link.trim();
  const problems: Partial<Record<'text' | 'link' | 'photo', ReportProblem>> = {};
  if (!text && !link && !input.photo) problems.text = 'reportNeedsSomething';
  if (link && !isWebLink(link)) problems.link = 'linkInvalid';
  if (input.photo && !(PHOTO_TYPES as readonly string[]).includes(input.photo.type)) problems.photo = 'photoType';
  else if (input.photo && input.photo.size > FILE_MAX_BYTES) problems.photo = 'photoSize';
  const draft: ReportDraft = {};
  if (text) draft.text = text.slice(0, 2000);
  if (link) draft.link = link;
  return { draft, problems };
}
