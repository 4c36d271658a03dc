import { api, asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages, type ErrorKey } from '../../lib/error-messages.ts';
import { formatNumber } from '../../lib/format.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { useOnline } from '../../lib/online.ts';
import { useRequest } from '../../lib/use-request.ts';
import { AskFirst } from '../../ui/ask-first.tsx';
import { Banner } from '../../ui/components.tsx';
import { Confirm } from '../../ui/confirm.tsx';
import { directiveMessages } from './messages.ts';
import type { Directive } from './types.ts';

const toError = (e: unknown): ErrorKey => errorKeyOf(asApiError(e).code);

/**
 * Withdrawing a directive sent by mistake, after a question that says how many units it leaves: offered only to those
 * the server lets do it (`canWithdraw`), and only online (a withdrawal must not wait on a phone while people act on it).
 */
export function WithdrawDirective({ directive: d, onWithdrawn }: { directive: Directive; onWithdrawn(): void }) {
  const t = useT(directiveMessages);
  return <AskFirst label={t('withdraw')} className="withdraw" ask={(close) => <WithdrawQuestion directive={d} onWithdrawn={onWithdrawn} onKeep={close} />} />;
}

function WithdrawQuestion({ directive: d, onWithdrawn, onKeep }: { directive: Directive; onWithdrawn(): void; onKeep(): void }) {
  const t = useT(directiveMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const online = useOnline();
  const request = useRequest(toError);
  const withdraw = async () => {
    const r = await request.run(() => api<Directive>('POST', `/api/directives/${d.id}/cancel`));
    if (r.ok) onWithdrawn();
  };
  return (
    <Confirm
      className="card confirm"
      question={t('withdrawQuestion', { count: formatNumber(d.targets, lang) })}
      yes={t('withdrawYes')}
      busyLabel={t('withdrawing')}
      cancel={t('keep')}
      busy={request.busy}
      online={online}
      onCancel={onKeep}
      onYes={() => void withdraw()}
    >
      {request.error && <Banner kind="error">{te(request.error)}</Banner>}
    </Confirm>
  );
}
