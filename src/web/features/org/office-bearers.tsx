import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { AssignPositionForm } from './assign-position-form.tsx';
import { FormErrorBanner, useSubmit } from './form-kit.tsx';
import { roleLabel, type OrgMeta } from './meta.ts';
import { orgMessages } from './messages.ts';
import type { OfficeBearer } from './types.ts';

const NO_FIELDS: readonly string[] = [];

/** Who holds which position at a unit ("IT convener"), and, for those allowed, adding and removing them. */
export function OfficeBearers({
  unitId,
  bearers,
  meta,
  canManage,
  canImport,
  online,
  onChanged,
}: {
  unitId: number;
  bearers: readonly OfficeBearer[];
  meta: OrgMeta | undefined;
  canManage: boolean;
  /** Appointing below this unit from a CSV file (a district convener appoints her booths' conveners, not her own peers). */
  canImport: boolean;
  online: boolean;
  onChanged(): void;
}) {
  const t = useT(orgMessages);
  const { lang } = useLang();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<number>();
  const [notice, setNotice] = useState<string>();
  const { busy, error, run } = useSubmit(NO_FIELDS);
  const label = (b: OfficeBearer) => roleLabel(meta, b.role, b.department, lang);

  async function end(b: OfficeBearer) {
    const r = await run(() => api('DELETE', `/api/positions/${b.positionId}`));
    if (r.ok) {
      setEnding(undefined);
      setNotice(t('ended', { name: b.name, role: label(b) }));
      onChanged();
    }
  }

  return (
    <Card title={t('officeBearers')}>
      {notice && <Banner kind="success">{notice}</Banner>}
      {bearers.length === 0 ? (
        <p className="muted">{t('noOfficeBearers')}</p>
      ) : (
        <ul className="list">
          {bearers.map((b) => (
            <li key={b.positionId}>
              <div className="row">
                <span className="grow">
                  <strong>{b.name}</strong>
                  <br />
                  <span className="sub">{label(b)}</span>
                </span>
                {canManage && ending !== b.positionId && (
                  <Button
                    variant="secondary"
                    aria-label={t('endLabel', { name: b.name, role: label(b) })}
                    disabled={!online}
                    onClick={() => {
                      setEnding(b.positionId);
                      setNotice(undefined);
                    }}
                  >
                    {t('endPosition')}
                  </Button>
                )}
              </div>
              {ending === b.positionId && (
                <div className="confirm">
                  <p>{t('endConfirm', { name: b.name, role: label(b) })}</p>
                  <FormErrorBanner error={error} />
                  <div className="actions">
                    <Button className="danger" onClick={() => void end(b)} disabled={busy || !online} autoFocus>
                      {busy ? t('ending') : t('endYes')}
                    </Button>
                    <Button variant="secondary" onClick={() => setEnding(undefined)}>
                      {t('cancel')}
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && meta && !adding && (
        <div className="actions">
          <Button
            variant="secondary"
            disabled={!online}
            onClick={() => {
              setAdding(true);
              setNotice(undefined);
            }}
          >
            {t('assign')}
          </Button>
        </div>
      )}
      {canImport && !adding && (
        <div className="actions">
          <Link className="button secondary" href={`/units/${unitId}/positions/import`}>
            {t('importBearers')}
          </Link>
        </div>
      )}
      {canManage && meta && adding && (
        <section aria-label={t('assign')} className="panel">
          <h3>{t('assign')}</h3>
          <AssignPositionForm
            unitId={unitId}
            meta={meta}
            online={online}
            onCancel={() => setAdding(false)}
            onDone={(message) => {
              setAdding(false);
              setNotice(message);
              onChanged();
            }}
          />
        </section>
      )}
    </Card>
  );
}
