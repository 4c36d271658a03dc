import { useRef, useState } from 'react';
import { useT } from '../../lib/i18n.tsx';
import { Banner, Button, Card } from '../../ui/components.tsx';
import { AddUnitForm } from './add-unit-form.tsx';
import { ArchiveUnit } from './archive-unit.tsx';
import type { OrgMeta } from './meta.ts';
import { orgMessages } from './messages.ts';
import { MoveUnitForm } from './move-unit-form.tsx';
import type { Grants } from './permissions.ts';
import { RenameUnitForm } from './rename-unit-form.tsx';
import type { HeldPosition, UnitDetail } from './types.ts';

type Action = 'add' | 'rename' | 'move' | 'archive';

/**
 * The changes a person may make to a unit, one form open at a time. Only the actions their positions allow are
 * offered (the server checks again); all are off while offline.
 */
export function ManageUnit({
  unit,
  meta,
  grants,
  positions,
  online,
  onChildAdded,
  onUnitChanged,
}: {
  unit: UnitDetail;
  meta: OrgMeta;
  grants: Grants;
  positions: readonly HeldPosition[];
  online: boolean;
  onChildAdded(): void;
  onUnitChanged(): void;
}) {
  const t = useT(orgMessages);
  const [open, setOpen] = useState<Action>();
  const [notice, setNotice] = useState<string>();
  const buttons = useRef<Partial<Record<Action, HTMLButtonElement | null>>>({});
  const depth = meta.levels.find((l) => l.code === unit.level)?.depth ?? Infinity;
  const hasDeeperLevel = meta.levels.some((l) => l.depth > depth);
  const actions: Array<[Action, boolean, string]> = [
    ['add', grants.addChild && hasDeeperLevel && !unit.archived, t('addChild')],
    ['rename', grants.editUnit, t('rename')],
    ['move', grants.editUnit && !unit.archived, t('move')],
    ['archive', grants.editUnit && !unit.archived, t('archive')],
  ];
  const allowed = actions.filter(([, ok]) => ok);
  if (allowed.length === 0) return null;

  const close = (action: Action) => {
    setOpen(undefined);
    // Back to the button that opened the form, so the keyboard user is where they were.
    requestAnimationFrame(() => buttons.current[action]?.focus());
  };
  const done = (action: Action, message: string) => {
    setNotice(message);
    close(action);
    if (action === 'add') onChildAdded();
    else onUnitChanged();
  };
  const formProps = (action: Action) => ({ online, onCancel: () => close(action), onDone: (m: string) => done(action, m) });
  const title = allowed.find(([a]) => a === open)?.[2];

  return (
    <Card title={t('manage')}>
      {notice && <Banner kind="success">{notice}</Banner>}
      {!online && <p className="hint">{t('offlineNoChanges')}</p>}
      <div className="actions">
        {allowed.map(([action, , label]) => (
          <Button
            key={action}
            ref={(el) => {
              buttons.current[action] = el;
            }}
            variant={open === action ? 'primary' : 'secondary'}
            aria-expanded={open === action}
            aria-controls={open === action ? `manage-${action}` : undefined}
            disabled={!online}
            onClick={() => {
              setNotice(undefined);
              setOpen(open === action ? undefined : action);
            }}
          >
            {label}
          </Button>
        ))}
      </div>
      {open && title && (
        <section id={`manage-${open}`} className="panel" aria-label={title}>
          <h3>{title}</h3>
          {open === 'add' && <AddUnitForm parent={unit} levels={meta.levels} {...formProps('add')} />}
          {open === 'rename' && <RenameUnitForm unit={unit} {...formProps('rename')} />}
          {open === 'move' && <MoveUnitForm unit={unit} meta={meta} positions={positions} {...formProps('move')} />}
          {open === 'archive' && <ArchiveUnit unit={unit} {...formProps('archive')} />}
        </section>
      )}
    </Card>
  );
}
