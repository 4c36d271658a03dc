import { ApiError } from './api.ts';
import type { FileRef } from '../../contracts/directives.ts';

/** Sends one file to POST /api/files with its own type; the answer is the file's id, to attach by. */
export async function uploadFile(file: Blob, name: string): Promise<FileRef> {
  let res: Response;
  try {
    res = await fetch(`/api/files?${new URLSearchParams({ name }).toString()}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'offline', 'no connection');
  }
  const payload = (await res.json().catch(() => null)) as (FileRef & { code?: string; message?: string }) | null;
  if (!res.ok) throw new ApiError(res.status, payload?.code ?? (res.status === 413 ? 'payload_too_large' : 'internal'), payload?.message ?? res.statusText);
  return payload as FileRef;
}
