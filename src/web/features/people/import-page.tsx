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
import { useErrorText } from './kit.tsx';
import { importMessages } from './import-messages.ts';
import { ImportFacts, RejectedRows } from './import-parts.tsx';
import { rejectsCsv } from './rejects-csv.ts';
import { PEOPLE_CSV_COLUMNS, type ImportSummary, type UnitDetail } from './types.ts';
import { BackToUnit, UnitGate } from './unit-header.tsx';
import { importPath, ImportStopped } from './upload.ts';
import { useCsvUpload } from './use-csv-upload.ts';

/** Larger files go through `setu import people` on the server, which has no upload to wait for. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

type ImportKey = keyof typeof importMessages.en;

/**
 * Bulk import at /units/:id/people/import: a CSV from the person's phone or computer, with the evidence for the consent
 * its rows carry (where the paper forms are). The upload shows its bytes going out, then the rows the server has read,
 * then the summary, with the rejected rows as a CSV to fix and import again (importing twice adds nobody twice).
 */
export function ImportPage({ id }: { id: string }) {
  const t = useT(importMessages);
  const ts = useT(shellMessages);
  const errorText = useErrorText();
  const { lang } = useLang();
  const online = useOnline();
  const fileId = useId();
  const evidenceId = useId();
  const unit = useFetch<UnitDetail>(`/api/units/${id}`);
  const [file, setFile] = useState<File | null>(null);
  const [evidence, setEvidence] = useState('');
  const [problem, setProblem] = useState<ImportKey>();
  const { progress, summary, error, running, start, stop } = useCsvUpload<ImportSummary>();
  const summaryId = useId();
  const summaryRef = useRef<HTMLHeadingElement>(null);
  // The summary appears below the form: bring it into view, and tell screen readers, by moving focus to it.
  useEffect(() => {
    if (summary) summaryRef.current?.focus();
  }, [summary]);

  const gate = <UnitGate unit={unit} id={id} />;
  const u = unit.data && String(unit.data.id) === id ? unit.data : undefined;
  if (!u) return gate;
  const num = (n: number) => formatNumber(n, lang);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    if (!file) return setProblem('pickFile');
    if (file.size > MAX_UPLOAD_BYTES) return setProblem('tooBig');
    await start(importPath(id, evidence), file);
  }

  function downloadRejects() {
    if (!summary) return;
    const csv = rejectsCsv(summary.rejects, { line: t('colLine'), code: t('colCode'), reason: t('colReason') }, explain);
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `rejected-${file?.name.replace(/\.csv$/i, '') || 'people'}.csv`);
  }

  const localError = (e: ApiError) =>
    e instanceof ImportStopped
      ? `${errorText(e)} ${t('stoppedAt', { rows: num(e.rows) })}`
      : e.code === 'import_interrupted'
        ? t('interrupted')
        : e.code === 'aborted'
          ? t('stopped')
          : errorText(e);
  // The server's reason is exact but English; a Hindi reader gets the reason of its code in Hindi.
  const explain = (code: string) => {
    const key = `reject_${code}`;
    return lang === 'hi' && key in importMessages.hi ? t(key as ImportKey) : undefined;
  };
  const sentShare = progress && progress.total > 0 ? progress.sent / progress.total : 0;
  return (
    <main>
      {unit.fromCache && <Banner kind="offline">{ts('fromCache')}</Banner>}
      <BackToUnit unit={u} href={`/units/${u.id}/people`} />
      <ScreenTitle focusKey={u.id}>{t('title', { name: nameIn(lang, u) })}</ScreenTitle>
      <form onSubmit={(e) => void submit(e)} noValidate className="card">
        <label htmlFor={fileId}>{t('file')}</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          disabled={running}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setProblem(undefined);
          }}
          aria-invalid={problem ? true : undefined}
        />
        {file && <p className="hint">{t('picked', { name: file.name, size: num(Math.ceil(file.size / 1024)) })}</p>}
        {problem && (
          <p className="field-error" role="alert">
            {t(problem)}
          </p>
        )}
        <label htmlFor={evidenceId}>{t('evidence')}</label>
        <p className="hint" id={`${evidenceId}-hint`}>
          {t('evidenceHint')}
        </p>
        <input
          id={evidenceId}
          value={evidence}
          maxLength={500}
          autoComplete="off"
          disabled={running}
          aria-describedby={`${evidenceId}-hint`}
          onChange={(e) => setEvidence(e.target.value)}
        />
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
          <code>{PEOPLE_CSV_COLUMNS.join(',')}</code>
        </p>
        <ul className="hint-list">
          <li>{t('formatName')}</li>
          <li>{t('formatPhone')}</li>
          <li>{t('formatUnit')}</li>
          <li>{t('formatLists')}</li>
          <li>{t('formatConsent')}</li>
          <li>{t('formatAgain')}</li>
        </ul>
      </details>

      {progress && (
        <section className="card" aria-label={t('progressTitle')} aria-busy={running || undefined}>
          <h2>{t('progressTitle')}</h2>
          <p>{t('sent', { sent: num(progress.sent / 1024), total: num(progress.total / 1024) })}</p>
          <Bar ratio={sentShare} label={t('sentLabel', { percent: Math.round(sentShare * 100) })} />
          <p role="status">{summary ? t('rowsDone', { rows: num(summary.rows) }) : t('rowsRead', { rows: num(progress.rows) })}</p>
        </section>
      )}
      {error && (
        <Banner kind="error">
          {localError(error)}
          {error.issues.length > 0 && ` (${error.issues.map((i) => i.path).join(', ')})`}
        </Banner>
      )}

      {summary && (
        <section className="card import-summary" aria-labelledby={summaryId}>
          <h2 id={summaryId} ref={summaryRef} tabIndex={-1}>
            {t('summaryTitle')}
          </h2>
          <ImportFacts
            facts={[
              [t('rows'), num(summary.rows)],
              [t('inserted'), num(summary.inserted)],
              [t('existing'), num(summary.existing)],
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
            <Link className="button" href={`/units/${u.id}/people`}>
              {t('seePeople')}
            </Link>
          </div>
        </section>
      )}
    </main>
  );
}
