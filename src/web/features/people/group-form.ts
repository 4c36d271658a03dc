import type { CreateGroup, Group, GroupPurpose, PatchGroup } from './types.ts';

/** A WhatsApp invite link as WhatsApp makes it (the server checks the same pattern). */
export const INVITE_LINK = /^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{10,40}$/;

export interface GroupForm {
  name: string;
  purpose: GroupPurpose;
  inviteLink: string;
  /** As typed; '' for not known. */
  memberCount: string;
  admins: Array<{ id: number; name: string }>;
}

export type GroupProblem = 'required' | 'tooLong' | 'inviteInvalid' | 'countInvalid';
export type GroupProblems = Partial<Record<'name' | 'inviteLink' | 'memberCount', GroupProblem>>;

export const emptyGroupForm = (purpose: GroupPurpose = 'workers'): GroupForm => ({ name: '', purpose, inviteLink: '', memberCount: '', admins: [] });

export function groupFormOf(g: Group): GroupForm {
  return {
    name: g.name,
    purpose: g.purpose,
    inviteLink: g.inviteLink ?? '',
    memberCount: g.memberCount === null ? '' : String(g.memberCount),
    admins: g.admins,
  };
}

/** A member count as typed (Latin or Devanagari digits), or null when it is not a whole number from 0 to 5,000. */
export function parseCount(typed: string): number | null {
  const latin = typed.trim().replace(/[०-९]/g, (d) => String(d.charCodeAt(0) - 0x966));
  if (!/^\d{1,4}$/.test(latin)) return null;
  const n = Number(latin);
  return n <= 5000 ? n : null;
}

function check(form: GroupForm): { problems: GroupProblems; count: number | null | undefined; link: string } {
  const problems: GroupProblems = {};
  const name = form.name.trim();
  if (!name) problems.name = 'required';
  else if (name.length > 200) problems.name = 'tooLong';
  const link = form.inviteLink.trim();
  if (link && !INVITE_LINK.test(link)) problems.inviteLink = 'inviteInvalid';
  let count: number | null | undefined;
  if (form.memberCount.trim()) {
    count = parseCount(form.memberCount);
    if (count === null) problems.memberCount = 'countInvalid';
  }
  return { problems, count, link };
}

/** POST /api/units/{id}/groups for a new group, or the problems that stop it. */
export function createBody(form: GroupForm): { body: CreateGroup; problems: GroupProblems } {
  const { problems, count, link } = check(form);
  const body: CreateGroup = { name: form.name.trim(), purpose: form.purpose, adminIds: form.admins.map((a) => a.id) };
  if (link) body.inviteLink = link;
  if (typeof count === 'number') body.memberCount = count;
  return { body, problems };
}

/** PATCH /api/groups/{id} with only what changed (empty when nothing did), or the problems that stop it. */
export function patchBody(original: Group, form: GroupForm): { body: PatchGroup; problems: GroupProblems } {
  const { problems, count, link } = check(form);
  const body: PatchGroup = {};
  if (form.name.trim() !== original.name) body.name = form.name.trim();
  if ((link || null) !== original.inviteLink) body.inviteLink = link || null;
  if (typeof count === 'number' && count !== original.memberCount) body.memberCount = count;
  const ids = form.admins.map((a) => a.id).sort((a, b) => a - b);
  const before = original.admins.map((a) => a.id).sort((a, b) => a - b);
  if (ids.join() !== before.join()) body.adminIds = ids;
  return { body, problems };
}
