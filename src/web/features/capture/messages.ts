import { defineMessages } from '../../lib/define-messages.ts';

/**
 * The few words other screens show to lead to capture. Kept apart from the form's messages (form/messages.ts), which
 * load with the form: these load with the app.
 */
export const captureLinkMessages = defineMessages({
  en: {
    addPeople: 'Add people',
  },
  hi: {
    addPeople: 'लोग जोड़ें',
  },
});
