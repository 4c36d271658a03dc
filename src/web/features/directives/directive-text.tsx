import { useLang, useT } from '../../lib/i18n.tsx';
import { Attachments } from './attachments.tsx';
import { directiveMessages } from './messages.ts';
import { otherLang, pickLang } from '../../lib/text.ts';
import type { Directive } from './types.ts';

/** What the directive says: its body in the reader's language (the other one folded below), its links and files. */
export function DirectiveText({ directive: d }: { directive: Directive }) {
  const t = useT(directiveMessages);
  const { lang } = useLang();
  const body = pickLang(lang, d.bodyHi, d.bodyEn);
  const other = otherLang(lang, d.bodyHi, d.bodyEn);
  const otherTitle = otherLang(lang, d.titleHi, d.titleEn);
  return (
    <>
      {body.text && (
        <div className="directive-body" lang={body.lang}>
          {body.text}
        </div>
      )}
      {(other || otherTitle) && (
        <details className="other-lang">
          {/* In the screen's language: a Hindi reader is told, in Hindi, that it is also written in English. */}
          <summary>{t('alsoInOther')}</summary>
          <div lang={(other ?? otherTitle)!.lang}>
            {otherTitle && <p className="title">{otherTitle.text}</p>}
            {other && <div className="directive-body">{other.text}</div>}
          </div>
        </details>
      )}
      {d.links.length > 0 && (
        <section aria-labelledby="directive-links">
          <h2 id="directive-links">{t('links')}</h2>
          <ul className="links">
            {d.links.map((href) => (
              <li key={href}>
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Attachments files={d.files} />
    </>
  );
}
