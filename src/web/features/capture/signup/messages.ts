import { defineMessages } from '../../../lib/define-messages.ts';

/** The public self sign-up page (/join/:token), opened by citizens from a link or a QR code. */
export const signupMessages = defineMessages({
  en: {
    title: 'Join {unit}',
    titlePlain: 'Join',
    intro: 'Read how your number will be used, tick what you agree to, and join. It takes a minute.',
    language: 'Language',
    linkInvalid: 'This link does not work. It may have been replaced: ask for the new one.',

    noticesTitle: 'What you agree to',
    agree: 'I agree',
    agreeNeeded: 'Tick at least one “I agree” box to join.',

    detailsTitle: 'About you',
    name: 'Your name',
    nameRequired: 'Write your name.',
    phone: 'Your mobile number',
    phoneHint: 'A code will be sent to it by SMS',
    phoneInvalid: 'This does not look like a mobile number.',
    ageBand: 'Your age',
    ageChoose: 'Choose',
    ageRequired: 'Choose your age.',
    age_under_18: 'Under 18',
    age_18_25: '18 to 25',
    age_26_35: '26 to 35',
    age_36_50: '36 to 50',
    age_51_65: '51 to 65',
    age_over_65: 'Over 65',
    child: 'Sorry: children under 18 cannot sign up. Setu does not keep children’s numbers or send them messages.',
    whatsapp: 'Is WhatsApp on this number?',
    yes: 'Yes',
    no: 'No',

    sendCode: 'Send code',
    sendingCode: 'Sending…',
    codeSent: 'A 6-digit code was sent to {phone}.',
    code: 'Code',
    codeInvalid: 'The code has 6 digits.',
    join: 'Join',
    joining: 'Joining…',
    changeNumber: 'Change the number',
    resend: 'Send the code again',

    thanksTitle: 'Thank you, {name}',
    thanks: 'You have joined {unit}.',
    thanksAgreed: 'You agreed to:',
    withdrawTitle: 'If you change your mind',
    withdraw:
      'You can withdraw your consent at any time, as easily as you gave it, and it takes effect at once: open {address}, enter this number and the code sent to it. You can also ask the organisation’s worker in your booth to show you everything held about you, or to erase it.',
    withdrawLink: 'Withdraw consent',
  },
  hi: {
    title: '{unit} से जुड़ें',
    titlePlain: 'जुड़ें',
    intro: 'पढ़ें कि आपके नंबर का उपयोग कैसे होगा, जिससे सहमत हों उस पर टिक करें, और जुड़ें। एक मिनट लगेगा।',
    language: 'भाषा',
    linkInvalid: 'यह लिंक काम नहीं कर रहा। हो सकता है इसे बदल दिया गया हो: नया लिंक माँगें।',

    noticesTitle: 'आप किस बात से सहमत हैं',
    agree: 'मैं सहमत हूँ',
    agreeNeeded: 'जुड़ने के लिए कम से कम एक “मैं सहमत हूँ” पर टिक करें।',

    detailsTitle: 'आपके बारे में',
    name: 'आपका नाम',
    nameRequired: 'अपना नाम लिखें।',
    phone: 'आपका मोबाइल नंबर',
    phoneHint: 'इस पर SMS से एक कोड भेजा जाएगा',
    phoneInvalid: 'यह मोबाइल नंबर सही नहीं लगता।',
    ageBand: 'आपकी उम्र',
    ageChoose: 'चुनें',
    ageRequired: 'अपनी उम्र चुनें।',
    age_under_18: '18 से कम',
    age_18_25: '18 से 25',
    age_26_35: '26 से 35',
    age_36_50: '36 से 50',
    age_51_65: '51 से 65',
    age_over_65: '65 से अधिक',
    child: 'क्षमा करें: 18 साल से कम उम्र के बच्चे नहीं जुड़ सकते। सेतु बच्चों के नंबर नहीं रखता और उन्हें संदेश नहीं भेजता।',
    whatsapp: 'क्या इस नंबर पर व्हाट्सऐप है?',
    yes: 'हाँ',
    no: 'नहीं',

    sendCode: 'कोड भेजें',
    sendingCode: 'भेज रहे हैं…',
    codeSent: '{phone} पर 6 अंकों का कोड भेजा गया है।',
    code: 'कोड',
    codeInvalid: 'कोड 6 अंकों का है।',
    join: 'जुड़ें',
    joining: 'जुड़ रहे हैं…',
    changeNumber: 'नंबर बदलें',
    resend: 'कोड फिर से भेजें',

    thanksTitle: 'धन्यवाद, {name}',
    thanks: 'आप {unit} से जुड़ गए हैं।',
    thanksAgreed: 'आपने इनके लिए सहमति दी:',
    withdrawTitle: 'अगर आपका मन बदल जाए',
    withdraw:
      'आप कभी भी अपनी सहमति वापस ले सकते हैं, उतनी ही आसानी से जितनी आसानी से दी थी, और यह तुरंत लागू होगी: {address} खोलें, यही नंबर और उस पर आया कोड डालें। आप अपने बूथ के संगठन कार्यकर्ता से यह भी कह सकते हैं कि आपके बारे में रखी गई सारी जानकारी आपको दिखाएँ, या मिटा दें।',
    withdrawLink: 'सहमति वापस लें',
  },
});

/** The public page to withdraw consent (/withdraw): a number, the code sent to it, one button. */
export const withdrawMessages = defineMessages({
  en: {
    title: 'Withdraw consent',
    intro:
      'Enter the mobile number you gave. A code is sent to it to prove it is yours. Withdrawing stops the organisation’s messages and WhatsApp group invitations to this number at once.',
    phone: 'Mobile number',
    phoneInvalid: 'This does not look like a mobile number.',
    sendCode: 'Send code',
    sendingCode: 'Sending…',
    codeSent: 'If {phone} is registered, a 6-digit code was sent to it.',
    code: 'Code',
    codeInvalid: 'The code has 6 digits.',
    withdrawAll: 'Withdraw all my consent',
    withdrawing: 'Withdrawing…',
    changeNumber: 'Change the number',
    doneTitle: 'Consent withdrawn',
    done: 'Done. Nothing more will be sent to this number, and it will not be added to any group. Consents withdrawn: {count}.',
    doneNone: 'There was no consent to withdraw for this number.',
  },
  hi: {
    title: 'सहमति वापस लें',
    intro:
      'जो मोबाइल नंबर आपने दिया था, वह डालें। यह साबित करने के लिए कि नंबर आपका है, उस पर एक कोड भेजा जाएगा। सहमति वापस लेते ही इस नंबर पर संगठन के संदेश और व्हाट्सऐप समूह के निमंत्रण तुरंत बंद हो जाएँगे।',
    phone: 'मोबाइल नंबर',
    phoneInvalid: 'यह मोबाइल नंबर सही नहीं लगता।',
    sendCode: 'कोड भेजें',
    sendingCode: 'भेज रहे हैं…',
    codeSent: 'अगर {phone} दर्ज है, तो उस पर 6 अंकों का कोड भेजा गया है।',
    code: 'कोड',
    codeInvalid: 'कोड 6 अंकों का है।',
    withdrawAll: 'मेरी सारी सहमति वापस लें',
    withdrawing: 'वापस ले रहे हैं…',
    changeNumber: 'नंबर बदलें',
    doneTitle: 'सहमति वापस ली गई',
    done: 'हो गया। अब इस नंबर पर कुछ नहीं भेजा जाएगा, और इसे किसी समूह में नहीं जोड़ा जाएगा। वापस ली गई सहमतियाँ: {count}।',
    doneNone: 'इस नंबर के लिए वापस लेने को कोई सहमति नहीं थी।',
  },
});

/** Both public pages, while the phone does the small proof of work asked before a code is sent. */
export const codeWorkMessages = defineMessages({
  en: { preparing: 'Getting ready to send the code… {percent}%' },
  hi: { preparing: 'कोड भेजने की तैयारी हो रही है… {percent}%' },
});
