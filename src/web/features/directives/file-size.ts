import { formatNumber, type Lang } from '../../lib/format.ts';

/** A file's size as "340 KB" or "2.4 MB" (1,000-based, as phones show storage). */
export function fileSize(bytes: number, lang: Lang): { key: 'fileSize' | 'fileSizeMb'; size: string } {
  if (bytes < 1_000_000) return { key: 'fileSize', size: formatNumber(Math.max(1, Math.round(bytes / 1000)), lang) };
  return { key: 'fileSizeMb', size: formatNumber(Math.round(bytes / 100_000) / 10, lang) };
}
