import { defineMessages } from '../../lib/define-messages.ts';

/** The few words the first load needs: the navigation link (the screens' messages load with them). */
export const navMessages = defineMessages({
  en: {
    events: 'Events',
    logoutWaiting: '{count} attendance marks are not sent yet. They stay on this phone and are sent when you sign in again. Sign out anyway?',
  },
  hi: {
    events: 'कार्यक्रम',
    logoutWaiting: '{count} उपस्थिति अभी भेजी नहीं गई हैं। वे इसी फ़ोन पर रहेंगी और अगली बार लॉग इन करने पर भेजी जाएंगी। फिर भी लॉग आउट करें?',
  },
});
