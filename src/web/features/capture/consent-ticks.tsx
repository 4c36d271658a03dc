import type { Notice } from '../../../contracts/people.ts';
import { useLang } from '../../lib/i18n.tsx';

/**
 * Each notice in full, in the reader's language, with its own "I agree" box. A box holds the version of the notice
 * that was on screen when it was ticked, so consent names what was read. Nothing is ticked for anyone.
 */
export function ConsentTicks({
  notices,
  agreed,
  label,
  onChange,
}: {
  notices: readonly Notice[];
  /** Purpose → the ticked notice version. */
  agreed: Record<string, number>;
  label: string;
  onChange(next: Record<string, number>): void;
}) {
  const { lang } = useLang();
  return notices.map((n) => (
    <fieldset className="notice" key={n.purpose}>
      <legend>
        <h3>{lang === 'hi' ? n.titleHi : n.titleEn}</h3>
      </legend>
      <p>{lang === 'hi' ? n.textHi : n.textEn}</p>
      <label className="tick">
        <input
          type="checkbox"
          checked={agreed[n.purpose] === n.version}
          onChange={(e) => {
            const next = { ...agreed };
            if (e.target.checked) next[n.purpose] = n.version;
            else delete next[n.purpose];
            onChange(next);
          }}
        />
        {label}
      </label>
    </fieldset>
  ));
}

/** "Is WhatsApp on this number?", answered yes or no; with no number to ask about, neither is chosen. */
export function WhatsAppChoice(p: {
  legend: string;
  yes: string;
  no: string;
  name: string;
  value: boolean;
  disabled?: boolean;
  onChange(value: boolean): void;
}) {
  return (
    <fieldset disabled={p.disabled}>
      <legend>{p.legend}</legend>
      <div className="choice">
        <label>
          <input type="radio" name={p.name} checked={!p.disabled && p.value} onChange={() => p.onChange(true)} /> {p.yes}
        </label>
        <label>
          <input type="radio" name={p.name} checked={!p.disabled && !p.value} onChange={() => p.onChange(false)} /> {p.no}
        </label>
      </div>
    </fieldset>
  );
}
