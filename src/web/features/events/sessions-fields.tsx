import { useT } from '../../lib/i18n.tsx';
import { Button, Field } from '../../ui/components.tsx';
import { EMPTY_SESSION, type SessionDraft } from './event-form.ts';
import { formMessages } from './form-messages.ts';

const MAX_SESSIONS = 50;

/** The programme: one row per session (title, speaker, start and end), added and removed as the organiser goes. */
export function SessionsFields({ sessions, onChange, error }: { sessions: SessionDraft[]; onChange(next: SessionDraft[]): void; error: string | undefined }) {
  const t = useT(formMessages);
  const change = (i: number, patch: Partial<SessionDraft>) => onChange(sessions.map((s, n) => (n === i ? { ...s, ...patch } : s)));
  return (
    <fieldset className="choices sessions">
      <legend>{t('sessions')}</legend>
      <p className="hint">{t('sessionsHint')}</p>
      <ol className="session-rows">
        {sessions.map((s, i) => {
          const n = i + 1;
          return (
            <li key={i}>
              <p className="row">
                <strong className="grow">{t('session', { n })}</strong>
                <Button variant="secondary" aria-label={t('removeSession', { n })} onClick={() => onChange(sessions.filter((_, x) => x !== i))}>
                  ×
                </Button>
              </p>
              <Field label={t('sessionTitle', { n })} maxLength={200} value={s.title} onChange={(e) => change(i, { title: e.target.value })} />
              <Field label={t('sessionSpeaker', { n })} maxLength={200} value={s.speaker} onChange={(e) => change(i, { speaker: e.target.value })} />
              <Field label={t('sessionStartsAt', { n })} type="datetime-local" value={s.startsAt} onChange={(e) => change(i, { startsAt: e.target.value })} />
              <Field label={t('sessionEndsAt', { n })} type="datetime-local" value={s.endsAt} onChange={(e) => change(i, { endsAt: e.target.value })} />
            </li>
          );
        })}
      </ol>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {sessions.length < MAX_SESSIONS && (
        <Button variant="secondary" onClick={() => onChange([...sessions, { ...EMPTY_SESSION }])}>
          + {t('addSession')}
        </Button>
      )}
    </fieldset>
  );
}
