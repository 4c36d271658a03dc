import { defineMessages } from '../../lib/define-messages.ts';

/** The few words the first load needs: the navigation link and its badge (the screens' messages load with them). */
export const navMessages = defineMessages({
  en: {
    directives: 'Directives',
    badgeLabel: 'Directives: {count} need you',
    issue: 'Issue a directive',
    silence: 'Silence periods',
    logoutWaiting: '{count} acknowledgements or reports are not sent yet. They stay on this phone and are sent when you sign in again. Sign out anyway?',
  },
  hi: {
    directives: 'निर्देश',
    badgeLabel: 'निर्देश: {count} पर आपका काम बाकी',
    issue: 'निर्देश भेजें',
    silence: 'मौन अवधि',
    logoutWaiting: '{count} पुष्टि या रिपोर्ट अभी भेजी नहीं गई हैं। वे इसी फ़ोन पर रहेंगी और अगली बार लॉग इन करने पर भेजी जाएंगी। फिर भी लॉग आउट करें?',
  },
});
