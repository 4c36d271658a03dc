import { formatCompact, formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { orgMessages } from './messages.ts';

/** "1 booth" / "1,612 booths"; with `compact`, "1.6 lakh booths" for the large counts of a state or region. */
export function useBoothCount() {
  const t = useT(orgMessages);
  const { lang } = useLang();
  return (count: number, compact = false) =>
    count === 1 ? t('oneBooth') : t('booths', { count: compact ? formatCompact(count, lang) : formatNumber(count, lang) });
}
