import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { peopleMessages } from './messages.ts';
import { purposeLabel } from './consent.ts';
import type { Notice, PersonSummary } from './types.ts';

/** The phone as lists show it: masked, left to right even in a Hindi sentence. */
export function MaskedPhone({ masked }: { masked: string | null }) {
  const t = useT(peopleMessages);
  if (!masked) return <span>{t('noPhone')}</span>;
  return (
    <span dir="ltr" translate="no" className="phone">
      {masked}
    </span>
  );
}

/** Badges for the purposes a person has live consent for; "no consent" when there is none. */
export function ConsentBadges({ purposes, notices }: { purposes: readonly string[]; notices: readonly Notice[] | undefined }) {
  const t = useT(peopleMessages);
  const { lang } = useLang();
  if (purposes.length === 0) return <span className="badge none">{t('noConsent')}</span>;
  return (
    <>
      {purposes.map((p) => (
        <span key={p} className="badge consent">
          ✓ {purposeLabel(p, notices, lang)}
        </span>
      ))}
    </>
  );
}

/** One person in a list: name, worker or child, masked number, home unit, consent. Opens the person. */
export function PersonRow({ person: p, notices, showUnit }: { person: PersonSummary; notices: readonly Notice[] | undefined; showUnit: boolean }) {
  const t = useT(peopleMessages);
  const { lang } = useLang();
  return (
    <li>
      <Link href={`/people/${p.id}`}>
        <span className="grow">
          <strong>{p.name}</strong> {p.worker && <span className="pill">{t('worker')}</span>}{' '}
          {p.ageBand === 'under_18' && <span className="pill child">{t('child')}</span>}
          <br />
          <span className="sub">
            <MaskedPhone masked={p.phoneMasked} />
            {p.phoneMasked && p.whatsapp && ` · ${t('onWhatsapp')}`}
            {showUnit && p.homeUnit && ` · ${nameIn(lang, p.homeUnit)}`}
          </span>
          <span className="badges">
            <ConsentBadges purposes={p.consents} notices={notices} />
          </span>
        </span>
        <span aria-hidden="true">›</span>
      </Link>
    </li>
  );
}
