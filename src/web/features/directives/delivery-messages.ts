import { defineMessages } from '../../lib/define-messages.ts';

/** The issuer's view of how a directive's messages outside the app went. */
export const deliveryMessages = defineMessages({
  en: {
    title: 'Messages outside the app',
    hint: 'SMS, push, Telegram and email go only to people who agreed to organisation updates. Everyone sees it in the app.',
    none: 'Nothing has gone outside the app yet.',
    'topic.directive.issued': 'The directive',
    'topic.directive.reminder': 'Reminder',
    'topic.directive.overdue': 'Overdue notice',
    figures: '{sent} sent · {waiting} waiting · {dead} failed',
    recipients: 'to {count} people who agreed',
    notYet: 'Not sent outside the app yet.',
    silenced: '{count} held back for a silence period',
    failedTitle: 'Could not be reached',
    failedHint: 'Every try failed, or the address was refused. Reach them another way.',
    failed: '{channel}, {attempts} tries: {reason}',
    truncated: 'Showing the newest {count}.',
  },
  hi: {
    title: 'ऐप के बाहर भेजे संदेश',
    hint: 'SMS, पुश, टेलीग्राम और ईमेल सिर्फ़ उन्हें जाते हैं जिन्होंने संगठन की सूचनाओं के लिए सहमति दी है। ऐप में यह सबको दिखता है।',
    none: 'अभी तक ऐप के बाहर कुछ नहीं गया।',
    'topic.directive.issued': 'निर्देश',
    'topic.directive.reminder': 'याद दिलाना',
    'topic.directive.overdue': 'समय सीमा पार की सूचना',
    figures: '{sent} भेजे · {waiting} बाकी · {dead} नहीं पहुंचे',
    recipients: 'सहमति देने वाले {count} लोगों को',
    notYet: 'अभी ऐप के बाहर नहीं भेजा गया।',
    silenced: 'मौन अवधि के कारण {count} रोके गए',
    failedTitle: 'जिन तक नहीं पहुंचे',
    failedHint: 'हर कोशिश नाकाम रही, या पता अस्वीकार हुआ। इनसे किसी और तरह संपर्क करें।',
    failed: '{channel}, {attempts} कोशिशें: {reason}',
    truncated: 'सबसे नए {count} दिख रहे हैं।',
  },
});
