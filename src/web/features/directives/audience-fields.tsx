import { nameIn, useLang, useT } from '../../lib/i18n.tsx';
import { Card } from '../../ui/components.tsx';
import { Choices } from '../../ui/choices.tsx';
import { issueMessages } from './issue-messages.ts';

interface Named {
  code: string;
  nameEn: string;
  nameHi: string;
}

/**
 * Who below gets it: the levels (only those below the unit), narrowed if wanted to some roles and departments —
 * "only the IT conveners of shakti kendras and booths".
 */
export function AudienceFields(p: {
  unitName: string;
  levels: readonly Named[];
  roles: readonly Named[];
  departments: readonly Named[];
  chosen: { levels: string[]; roles: string[]; departments: string[] };
  onLevels(v: string[]): void;
  onRoles(v: string[]): void;
  onDepartments(v: string[]): void;
  error: string | undefined;
}) {
  const t = useT(issueMessages);
  const { lang } = useLang();
  const options = (list: readonly Named[]) => list.map((x) => ({ value: x.code, label: nameIn(lang, x) }));
  return (
    <Card title={t('audience')} className="audience">
      <Choices
        legend={t('levels')}
        hint={p.unitName ? t('levelsHint', { name: p.unitName }) : undefined}
        multiple
        options={options(p.levels)}
        selected={p.chosen.levels}
        onChange={p.onLevels}
        error={p.error}
      />
      <Choices legend={t('roles')} hint={t('rolesHint')} multiple options={options(p.roles)} selected={p.chosen.roles} onChange={p.onRoles} />
      <Choices
        legend={t('departments')}
        hint={t('departmentsHint')}
        multiple
        options={options(p.departments)}
        selected={p.chosen.departments}
        onChange={p.onDepartments}
      />
    </Card>
  );
}
