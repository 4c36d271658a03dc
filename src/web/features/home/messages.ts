import { defineMessages } from '../../lib/define-messages.ts';

export const homeMessages = defineMessages({
  en: {
    greeting: 'Namaste, {name}',
    positions: 'Your positions',
    turf: 'Your area',
    turfHint: 'You can see and work on everything below these units.',
    booths: '{count} booths',
    inbox: 'Directives',
    inboxEmpty: 'No directives yet. Instructions from leadership will appear here.',
    tasks: 'Tasks',
    tasksEmpty: 'Nothing to do right now.',
    open: 'Open',
    coverage: 'Coverage',
  },
  hi: {
    greeting: 'नमस्ते, {name}',
    positions: 'आपके पद',
    turf: 'आपका क्षेत्र',
    turfHint: 'इन इकाइयों के नीचे की हर चीज़ आप देख और संभाल सकते हैं।',
    booths: '{count} बूथ',
    inbox: 'निर्देश',
    inboxEmpty: 'अभी कोई निर्देश नहीं। नेतृत्व के निर्देश यहां दिखेंगे।',
    tasks: 'काम',
    tasksEmpty: 'अभी कोई काम बाकी नहीं।',
    open: 'खोलें',
    coverage: 'कवरेज',
  },
});
