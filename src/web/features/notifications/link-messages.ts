import { defineMessages } from '../../lib/define-messages.ts';

/** The few words the first load needs: the home page's card (the settings screen's messages load with it). */
export const notificationLinkMessages = defineMessages({
  en: {
    title: 'Notifications',
    hint: 'New directives on this phone, by SMS or by email.',
    open: 'Notification settings',
  },
  hi: {
    title: 'सूचनाएं',
    hint: 'नए निर्देशों की सूचना इस फ़ोन पर, SMS से या ईमेल से।',
    open: 'सूचना सेटिंग',
  },
});
