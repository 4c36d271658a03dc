import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { Link } from '../../lib/router.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { Banner, Bar, Button } from '../../ui/components.tsx';
import { ScreenTitle, shellMessages } from '../shell/index.ts';
import { saveBlob } from './download.ts';
import { MAX_UPLOAD_BYTES } from './import-page.tsx';
import { ImportFacts, RejectedRows } from './import-parts.tsx';
import { useErrorText } from './kit.tsx';
import { positionsImportMessages } from './positions-import-messages.ts';
import { rejectsCsv } from './rejects-csv.ts';
import type { PositionsImportLine, UnitDetail } from './types.ts';
import { BackToUnit, UnitGate } from './unit-header.tsx';
import { ImportStopped } from './upload.ts';
import { useCsvUpload } from './use-csv-upload.ts';

/** The columns, as docs/POSITIONS_CSV.md and the contract's POSITIONS_CSV_HEADER name them (kept here: no zod in the page). */
const POSITIONS_CSV_COLUMNS = 'unit_code,role,department,name,phone';

type Summary = Extract<PositionsImportLine, { type: 'done' }>;
type Key = keyof typeof positionsImportMessages.en;

/**
 * Appointing many office-bearers at once, at /units/:id/positions/import: a region's two hundred members in one file
 * instead of two hundred forms. The server appoints row by row by the rules of appointing one (POST
 * /api/units/{id}/positions/import); the page shows the bytes going out, the rows read, then the summary with the
 * refused rows as a CSV to fix and send again (a second upload appoints nobody twice).
 */
export function PositionsImportPage({ id }: { id: string }) {
  const t = useT(positionsImportMessages);
  const ts = useT(shellMessages);
  const errorText = useErrorText();
  const { lang } = useLang();
  const online = useOnline();
  const fileId = useId();
  const summaryId = useId();
  const unit = useFetch<UnitDetail>(`/api/units/${id}`);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<Key>();
  const { progress, summary, error, running, start, stop } = useCsvUpload<Summary>();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (summary) summaryRef.current?.focus();
  }, [summary]);

  const u = unit.data && String(unit.data.id) === id ? unit.data : undefined;
  if (!u) return <UnitGate unit={unit} id={id} />;
  const num = (n: number) => formatNumber(n, lang);
  // The server's reason is exact but English; a Hindi reader gets the reason of its code in Hindi where there is one.
  const explain = (code: string) => {
    const key = `reject_${code}`;
    return lang === 'hi' && key in positionsImportMessages.hi ? t(key as Key) : undefined;
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    if (!file) return setProblem('pickFile');
    if (file.size > MAX_UPLOAD_BYTES) return setProblem('tooBig');
    await start(`/api/units/${id}/positions/import`, file);
  }

  function downloadRejects() {
    if (!summary) return;
    const csv = rejectsCsv(summary.rejects, { line: t('colLine'), code: t('colCode'), reason: t('colReason') }, explain);
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `rejected-${file?.name.replace(/\.csv$/i, '') || 'positions'}.csv`);
  }

  const localError = (e: ApiError) =>
    e instanceof ImportStopped
      ? `${errorText(e)} ${t('stoppedAt', { rows: num(e.rows) })}`
      : e.code === 'import_interrupted'
        ? t('interrupted')
        : e.code === 'aborted'
          ? t('stopped')
          : errorText(e);
  const sentShare = progress && progress.total > 0 ? progress.sent / progress.total : 0;
  return (
    <main>
      {unit.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <BackToUnit unit={u} href={`/units/${u.id}`} />
      <ScreenTitle focusKey={u.id}>{t('title', { name: nameIn(lang, u) })}</ScreenTitle>
      <p className="hint">{t('intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="card">
        <label htmlFor={fileId}>{t('file')}</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          disabled={running}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setProblem(undefined);
          }}
        />
        {file && <p className="hint">{t('picked', { name: file.name, size: num(Math.ceil(file.size / 1024)) })}</p>}
        {problem && (
          <p className="field-error" role="alert">
            {t(problem)}
          </p>
        )}
        <div className="actions">
          <Button type="submit" disabled={running || !online}>
            {running ? t('importing') : t('upload')}
          </Button>
          {running && (
            <Button variant="secondary" onClick={stop}>
              {t('stop')}
            </Button>
          )}
        </div>
      </form>

      <details className="card format">
        <summary>{t('formatTitle')}</summary>
        <p>{t('formatIntro')}</p>
        <p className="columns" dir="ltr" translate="no">
          <code>{POSITIONS_CSV_COLUMNS}</code>
        </p>
        <ul className="hint-list">
          <li>{t('formatUnit')}</li>
          <li>{t('formatRole')}</li>
          <li>{t('formatPerson')}</li>
          <li>{t('formatAgain')}</li>
        </ul>
      </details>

      {progress && (
        <section className="card" aria-label={t('progressTitle')} aria-busy={running || undefined}>
          <h2>{t('progressTitle')}</h2>
          <Bar ratio={sentShare} label={`${Math.round(sentShare * 100)}%`} />
          <p role="status">{summary ? t('rowsDone', { rows: num(summary.rows) }) : t('rowsRead', { rows: num(progress.rows) })}</p>
        </section>
      )}
      {error && <Banner kind="error">{localError(error)}</Banner>}

      {summary && (
        <section className="card import-summary" aria-labelledby={summaryId}>
          <h2 id={summaryId} ref={summaryRef} tabIndex={-1}>
            {t('summaryTitle')}
          </h2>
          <ImportFacts
            facts={[
              [t('rows'), num(summary.rows)],
              [t('appointed'), num(summary.appointed)],
              [t('existing'), num(summary.existing)],
              [t('peopleAdded'), num(summary.peopleAdded)],
              [t('rejected'), num(summary.rejected)],
              [t('seconds'), num(Math.round(summary.seconds * 10) / 10)],
            ]}
          />
          <RejectedRows
            rejects={summary.rejects}
            rejected={summary.rejected}
            explain={explain}
            onDownload={downloadRejects}
            labels={{
              title: t('rejectsTitle'),
              first: (shown, all) => t('rejectsFirst', { shown: num(shown), all: num(all) }),
              line: (line) => t('line', { line: num(line) }),
              download: t('downloadRejects'),
            }}
          />
          <div className="actions">
            <Link className="button" href={`/units/${u.id}`}>
              {t('seeUnit')}
            </Link>
          </div>
        </section>
      )}
    </main>
  );
}
