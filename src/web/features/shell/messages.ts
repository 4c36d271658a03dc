import { defineMessages } from '../../lib/i18n.tsx';

export const shellMessages = defineMessages({
  en: {
    brand: 'Setu',
    switchTo: 'हिंदी',
    switchLabel: 'पढ़ें हिंदी में (read in Hindi)',
    logout: 'Sign out',
    offline: 'You are offline. Showing what was saved on this phone.',
    fromCache: 'Offline copy — may be out of date.',
    loading: 'Loading…',
    notFound: 'This page does not exist, or it is not in your area.',
    home: 'Home',
  },
  hi: {
    brand: 'सेतु',
    switchTo: 'English',
    switchLabel: 'Read in English (अंग्रेज़ी में पढ़ें)',
    logout: 'लॉग आउट',
    offline: 'आप ऑफ़लाइन हैं। इस फ़ोन पर सहेजी गई जानकारी दिखाई जा रही है।',
    fromCache: 'ऑफ़लाइन कॉपी — पुरानी हो सकती है।',
    loading: 'लोड हो रहा है…',
    notFound: 'यह पेज मौजूद नहीं है, या आपके क्षेत्र में नहीं है।',
    home: 'होम',
  },
});
