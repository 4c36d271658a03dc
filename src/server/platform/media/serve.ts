import { sniffType } from './sniff.ts';

/**
 * The headers a stored file is served with. The type is read again from the bytes (files stored before uploads were
 * cleaned were kept under their declared type): bytes that do not read as the recorded type go out as an
 * `application/octet-stream` download. Only photos are shown in the page; a PDF or anything else is an attachment.
 * `nosniff` and a sandboxing CSP keep a browser from ever running the bytes as a page of the app's origin.
 */
export function fileHeaders(name: string, recorded: string, bytes: Uint8Array): Record<string, string> {
  const sniffed = sniffType(bytes);
  const type = sniffed === recorded ? sniffed : 'application/octet-stream';
  const shown = type.startsWith('image/');
  return {
    'content-type': type,
    'content-disposition': `${shown ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'private, max-age=86400',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  };
}
