import { useState, type FormEvent } from 'react';
import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { useRequest } from '../../lib/use-request.ts';
import { Banner, Button } from '../../ui/components.tsx';
import { TextArea } from '../../ui/text-area.tsx';
import { rollMessages } from './roll-messages.ts';
import type { EventDetail, WalkInNamesResult } from './types.ts';

/** The most names one paste may carry (the server's limit). */
const MAX_NAMES = 500;

/** The names of a pasted list: one a line, spaces trimmed, empty lines dropped. */
export const namesOf = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** What went wrong: a line the name rules refuse (by its number among the names sent), or the server's code. */
type PasteError = { line: number } | ErrorKey;
const toError = (e: unknown): PasteError => {
  const err = asApiError(e);
  const issue = err.code === 'validation' ? err.issues.find((i) => /^names\.\d+/.test(i.path)) : undefined;
  return issue ? { line: Number(issue.path.split('.')[1]) } : errorKeyOf(err.code);
};

/**
 * Those present from a paper list or a WhatsApp message, pasted at once: each name is found on the roll (in Hindi or
 * English letters) or added to the event's unit without a phone, and marked present; the answer says which.
 */
export function NameListForm({ event: e, onAdded }: { event: EventDetail; onAdded(): void }) {
  const tr = useT(rollMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [result, setResult] = useState<WalkInNamesResult>();
  const request = useRequest(toError);
  const names = namesOf(text);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setResult(undefined);
    setProblem(names.length === 0 ? tr('pasteEmpty') : names.length > MAX_NAMES ? tr('pasteTooMany') : undefined);
    if (names.length === 0 || names.length > MAX_NAMES) return;
    const r = await request.run(() => api<WalkInNamesResult>('POST', `/api/events/${e.id}/walk-ins/names`, { names }));
    if (!r.ok) return;
    setResult(r.value.data);
    setText('');
    onAdded();
  }

  if (!open)
    return (
      <div className="actions">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {tr('paste')}
        </Button>
      </div>
    );
  const err = request.error;
  return (
    <form className="walk-in" onSubmit={(ev) => void submit(ev)} noValidate>
      <h3>{tr('paste')}</h3>
      <TextArea
        label={tr('pasteLabel')}
        hint={tr('pasteHint', { unit: nameIn(lang, e.unit) })}
        rows={6}
        value={text}
        onChange={setText}
        error={problem ?? (err && typeof err === 'object' ? tr('pasteLineRefused', { line: formatNumber(err.line + 1, lang) }) : undefined)}
      />
      <div className="actions">
        <Button type="submit" disabled={request.busy || !online}>
          {tr('pasteSubmit')}
        </Button>
      </div>
      {result && <PasteResult result={result} />}
      {typeof err === 'string' && <Banner kind="error">{te(err)}</Banner>}
    </form>
  );
}

/** What the list became: how many found and added, and by name those to tick by hand, repeated, and added. */
function PasteResult({ result: r }: { result: WalkInNamesResult }) {
  const tr = useT(rollMessages);
  const { lang } = useLang();
  const named = (outcome: string) =>
    r.items
      .filter((i) => i.outcome === outcome)
      .map((i) => i.name)
      .join(', ');
  return (
    <div role="status" className="paste-result">
      <Banner kind="success">{tr('pasteResult', { matched: formatNumber(r.matched, lang), added: formatNumber(r.added, lang) })}</Banner>
      {r.added > 0 && <p className="hint">{tr('pasteAdded', { names: named('added') })}</p>}
      {r.ambiguous > 0 && <p className="field-error">{tr('pasteAmbiguous', { names: named('ambiguous') })}</p>}
      {r.repeated > 0 && <p className="hint">{tr('pasteRepeated', { names: named('repeated') })}</p>}
    </div>
  );
}
