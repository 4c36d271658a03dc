import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { assertChromium, CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/browser.ts';
import { buildWebApp } from '../e2e/support/build.ts';
import { startSetu, type RunningSetu } from '../e2e/support/server.ts';
import { emit } from './report.ts';

/**
 * The web app as a phone on a slow network meets it: Lighthouse's mobile preset (emulated mid-range Android, simulated
 * slow 4G, 4× CPU slowdown) against a real `setu start` with the demo data, driving Debian's Chromium. For the login page
 * and, signed in as the Sambhal district IT convener, the organisation browser of their district: the performance
 * score, time to interactive, first contentful paint, largest contentful paint and total blocking time, each the median
 * of WEB_BENCH_RUNS runs (default 3). On PGlite, and on PostgreSQL too when DATABASE_URL is set.
 */
export async function run() {
  assertChromium();
  await buildWebApp();
  await onServer(await startSetu(), 'pglite');
  if (process.env.DATABASE_URL) await onServer(await startSetu({ adminDatabaseUrl: process.env.DATABASE_URL }), 'postgres');
}

const DISTRICT_CONVENER = '+919000000005';
const RUNS = Math.max(1, Number(process.env.WEB_BENCH_RUNS ?? 3));

const METRICS = [
  ['performance_score', 'score'],
  ['tti_ms', 'ms', 'interactive'],
  ['fcp_ms', 'ms', 'first-contentful-paint'],
  ['lcp_ms', 'ms', 'largest-contentful-paint'],
  ['tbt_ms', 'ms', 'total-blocking-time'],
  ['transfer_kb', 'KB', 'total-byte-weight'],
] as const;

async function onServer(setu: RunningSetu, db: 'pglite' | 'postgres') {
  try {
    const { cookie, districtId } = await signIn(setu);
    const pages: Array<{ name: string; url: string; headers: Record<string, string> }> = [
      { name: 'login', url: `${setu.url}/`, headers: {} },
      { name: 'org_browser', url: `${setu.url}/units/${districtId}`, headers: { cookie } },
    ];
    for (const page of pages) {
      const runs: Array<Record<string, number>> = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(page.url, page.headers));
      for (const [metric, unit] of METRICS) {
        emit({ bench: 'web', metric: `${page.name}_${metric}`, value: median(runs.map((r) => r[metric]!)), unit, db, runs: RUNS });
      }
    }
  } finally {
    await setu.stop();
  }
}

/** Signs in through the API with the code from the server's log; the session cookie and the convener's district. */
async function signIn(setu: RunningSetu): Promise<{ cookie: string; districtId: number }> {
  const code = setu.nextOtp(DISTRICT_CONVENER);
  const started = await fetch(`${setu.url}/api/auth/otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: DISTRICT_CONVENER }),
  });
  const { attemptId } = (await started.json()) as { attemptId: string };
  const verified = await fetch(`${setu.url}/api/auth/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: DISTRICT_CONVENER, code: await code, attemptId }),
  });
  const cookie = verified.headers.get('set-cookie')?.match(/setu_session=[^;]+/)?.[0];
  if (!verified.ok || !cookie) throw new Error(`sign-in failed: ${verified.status} ${await verified.text()}`);
  const me = (await (await fetch(`${setu.url}/api/me`, { headers: { cookie } })).json()) as { positions: Array<{ unit: { id: number } }> };
  return { cookie, districtId: me.positions[0]!.unit.id };
}

/** One Lighthouse run (mobile, performance only) in a fresh headless Chromium. */
async function audit(url: string, headers: Record<string, string>): Promise<Record<string, number>> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_ARGS], logLevel: 'silent' });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: headers });
    if (!result) throw new Error(`lighthouse gave no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    // The signed-in page must really have been signed in: its /api/me answered 200 (401 would measure the login screen).
    if (headers.cookie) {
      const requests = (lhr.audits['network-requests']?.details as { items?: Array<{ url: string; statusCode: number }> } | undefined)?.items ?? [];
      const me = requests.find((r) => new URL(r.url).pathname === '/api/me');
      if (me?.statusCode !== 200) throw new Error(`lighthouse: ${url} was not signed in (GET /api/me: ${me?.statusCode ?? 'not requested'})`);
    }
    const out: Record<string, number> = { performance_score: (lhr.categories.performance?.score ?? 0) * 100 };
    for (const [metric, , auditId] of METRICS) {
      if (!auditId) continue;
      const value = lhr.audits[auditId]?.numericValue;
      if (value === undefined) throw new Error(`lighthouse: no ${auditId} for ${url}`);
      out[metric] = metric === 'transfer_kb' ? value / 1000 : value;
    }
    return out;
  } finally {
    chrome.kill();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
