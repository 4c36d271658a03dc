import { defineMessages } from '../../lib/define-messages.ts';

/** Changing an event after making it (the organiser's edit form). */
export const editMessages = defineMessages({
  en: {
    change: 'Change the event',
    changeHint: 'Correct the title, the details, the times or the programme. Those invited see the change at once.',
    changeLinkedHint: 'The title, details and programme come from the event this one is part of; set this one’s times here.',
    timeChangeNote: 'Those invited will be told the new time, and reminded before it.',
    saveChanges: 'Save the changes',
    saving: 'Saving…',
    saved: 'Saved.',
    close: 'Close',
  },
  hi: {
    change: 'कार्यक्रम में बदलाव करें',
    changeHint: 'शीर्षक, विवरण, समय या सत्र ठीक करें। बुलाए गए लोग बदलाव तुरंत देख लेंगे।',
    changeLinkedHint: 'शीर्षक, विवरण और सत्र मुख्य कार्यक्रम से आते हैं; यहां इस कार्यक्रम का समय बदलें।',
    timeChangeNote: 'बुलाए गए लोगों को नया समय बताया जाएगा, और उससे पहले याद दिलाया जाएगा।',
    saveChanges: 'बदलाव सहेजें',
    saving: 'सहेजा जा रहा है…',
    saved: 'सहेज लिया गया।',
    close: 'बंद करें',
  },
});
