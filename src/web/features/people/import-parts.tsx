import { Fragment } from 'react';
import { Button } from '../../ui/components.tsx';

/** The figures of an import's summary, as label and value pairs (people or office-bearers: the same card). */
export function ImportFacts({ facts }: { facts: ReadonlyArray<readonly [label: string, value: string]> }) {
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** What an import's refused rows are called on the screen, in the screen's language. */
export interface RejectLabels {
  title: string;
  /** "The first {shown} of {all}" when the answer carries fewer rows than were refused. */
  first: (shown: number, all: number) => string;
  line: (line: number) => string;
  download: string;
}

/** The first twenty refused rows with their reasons, and the button that saves them all as a CSV to fix and send again. */
export function RejectedRows({
  rejects,
  rejected,
  labels,
  explain,
  onDownload,
}: {
  rejects: ReadonlyArray<{ line: number; code: string; reason: string }>;
  rejected: number;
  labels: RejectLabels;
  explain: (code: string) => string | undefined;
  onDownload(): void;
}) {
  if (rejected === 0) return null;
  return (
    <>
      <h3>{labels.title}</h3>
      {rejected > rejects.length && <p className="hint">{labels.first(rejects.length, rejected)}</p>}
      <ul className="list">
        {rejects.slice(0, 20).map((r) => (
          <li key={`${r.line}-${r.code}`}>
            <strong>{labels.line(r.line)}</strong> <span className="sub">{explain(r.code) ?? r.reason}</span>
          </li>
        ))}
      </ul>
      <div className="actions">
        <Button variant="secondary" onClick={onDownload}>
          {labels.download}
        </Button>
      </div>
    </>
  );
}
