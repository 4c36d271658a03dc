import { useEffect, useState } from 'react';
import type { Notice } from '../../../contracts/people.ts';
import { api } from '../../lib/api.ts';

export type { Notice };

/**
 * The current notices (GET /api/notices), kept on the phone so the door-to-door form shows them, and records consent
 * against them, with no connection. The service worker keeps the answer too; this copy survives a sign-out and a
 * cache cleared by the browser, and is there even if the form was never opened online.
 */
const KEY = 'setu.notices';

export function savedNotices(): Notice[] | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { items?: Notice[] } | null;
    return Array.isArray(parsed?.items) ? parsed.items : null;
  } catch {
    return null;
  }
}

/** Fetches the notices and keeps them; when that fails, the saved copy (or null if there is none). */
export async function refreshNotices(): Promise<Notice[] | null> {
  try {
    const { data } = await api<{ items: Notice[] }>('GET', '/api/notices');
    localStorage.setItem(KEY, JSON.stringify({ items: data.items }));
    return data.items;
  } catch {
    return savedNotices();
  }
}

/** The notices for the form: the saved copy at once, then the server's when it answers. */
export function useNotices(): { notices: Notice[] | null; loading: boolean } {
  const [notices, setNotices] = useState<Notice[] | null>(savedNotices);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let live = true;
    void refreshNotices().then((items) => {
      if (!live) return;
      if (items) setNotices(items);
      setLoading(false);
    });
    return () => {
      live = false;
    };
  }, []);
  return { notices, loading };
}
