import { defineMessages } from '../../lib/define-messages.ts';

/** The one word the first load needs: the navigation link (the screens' messages load with them). */
export const navMessages = defineMessages({
  en: { campaigns: 'Campaigns' },
  hi: { campaigns: 'अभियान' },
});
