import { useId, type ReactNode } from 'react';
import './choices.css';

interface Option<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

/**
 * A group of radio buttons or check boxes with its legend, hint and error, each box a large touch target with its
 * label. `multiple` makes check boxes: `selected` is then the ticked values.
 */
export function Choices<V extends string>(p: {
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: ReadonlyArray<Option<V>>;
  selected: readonly V[];
  multiple?: boolean;
  onChange(next: V[]): void;
  children?: ReactNode;
}) {
  const id = useId();
  const described = [p.hint && `${id}-hint`, p.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const toggle = (v: V, on: boolean) => {
    if (!p.multiple) return p.onChange([v]);
    p.onChange(on ? [...p.selected, v] : p.selected.filter((x) => x !== v));
  };
  return (
    <fieldset className="choices" aria-describedby={described} aria-invalid={p.error ? true : undefined}>
      <legend>{p.legend}</legend>
      {p.hint && (
        <p className="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type={p.multiple ? 'checkbox' : 'radio'}
            name={id}
            value={o.value}
            checked={p.selected.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <span>
            {o.label}
            {o.hint && <span className="sub choice-hint">{o.hint}</span>}
          </span>
        </label>
      ))}
      {p.children}
      {p.error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {p.error}
        </p>
      )}
    </fieldset>
  );
}
