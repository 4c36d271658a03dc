import type { ErrorCode } from '../../contracts/errors.ts';
import { defineMessages } from './define-messages.ts';

type Codes = Record<ErrorCode | 'offline', string>;

/** The server's error codes in the person's language; the type makes a new code without a message a build error. */
export const errorMessages = defineMessages<Codes>({
  en: {
    validation: 'Please check what you entered.',
    bad_json: 'The request could not be read.',
    unauthenticated: 'Please sign in again.',
    forbidden: 'Your position does not allow this.',
    not_found: 'Not found, or not in your area.',
    conflict: 'This clashes with the current state. Reload and try again.',
    unit_code_taken: 'Another unit already has this code.',
    level_order: 'A unit must be at a lower level than the unit above it.',
    move_into_own_subtree: 'A unit cannot be moved under itself.',
    unit_not_empty: 'Archive or move the units below it first.',
    unknown_level: 'Unknown level.',
    unknown_role: 'Unknown role.',
    unknown_department: 'Unknown department.',
    position_exists: 'This person already holds this position here.',
    unknown_notice: 'That notice is not known. Reload to read the current one.',
    child_not_allowed: 'Children under 18 cannot be signed up or added to groups.',
    person_erased: 'This person’s data has been erased.',
    merge_invalid: 'These two records cannot be merged.',
    no_consent: 'This person has not given consent for this.',
    otp_invalid: 'That code is not right.',
    otp_expired: 'That code has expired or was used. Ask for a new one.',
    rate_limited: 'Too many tries. Please wait a few minutes.',
    csv_invalid: 'This file cannot be read as a people CSV. Check the header line and save it as CSV UTF-8.',
    payload_too_large: 'That is too large to send.',
    unsupported_media_type: 'The app sent this in a form the server does not take. Reload the app and try again.',
    csrf_refused: 'This request did not come from Setu itself, so it was refused. Open Setu directly and try again.',
    event_cancelled: 'This event was cancelled.',
    checkin_invalid: 'This is not a check-in code of this event.',
    checkin_expired: 'This code has expired. Scan the one on the screen now.',
    internal: 'Something went wrong on the server. Please try again.',
    offline: 'No connection. Try again when you are online.',
  },
  hi: {
    validation: 'कृपया जो भरा है उसे जांच लें।',
    bad_json: 'अनुरोध पढ़ा नहीं जा सका।',
    unauthenticated: 'कृपया फिर से लॉग इन करें।',
    forbidden: 'आपके पद से यह अनुमति नहीं है।',
    not_found: 'नहीं मिला, या आपके क्षेत्र में नहीं है।',
    conflict: 'यह मौजूदा स्थिति से टकराता है। पेज दोबारा खोलकर फिर कोशिश करें।',
    unit_code_taken: 'यह कोड किसी दूसरी इकाई का है।',
    level_order: 'इकाई अपने ऊपर की इकाई से निचले स्तर की होनी चाहिए।',
    move_into_own_subtree: 'इकाई को उसके अपने नीचे नहीं ले जा सकते।',
    unit_not_empty: 'पहले इसके नीचे की इकाइयों को हटाएं या कहीं और ले जाएं।',
    unknown_level: 'अज्ञात स्तर।',
    unknown_role: 'अज्ञात भूमिका।',
    unknown_department: 'अज्ञात विभाग।',
    position_exists: 'यह व्यक्ति यहां पहले से इसी पद पर है।',
    unknown_notice: 'यह सूचना मान्य नहीं है। नई सूचना पढ़ने के लिए पेज दोबारा खोलें।',
    child_not_allowed: '18 वर्ष से कम उम्र के बच्चों को न जोड़ा जा सकता है, न समूह में शामिल किया जा सकता है।',
    person_erased: 'इस व्यक्ति का डेटा मिटाया जा चुका है।',
    merge_invalid: 'इन दोनों रिकॉर्ड को मिलाया नहीं जा सकता।',
    no_consent: 'इस व्यक्ति ने इसके लिए सहमति नहीं दी है।',
    otp_invalid: 'यह कोड सही नहीं है।',
    otp_expired: 'इस कोड की समय सीमा खत्म हो गई या यह इस्तेमाल हो चुका है। नया कोड मंगाएं।',
    rate_limited: 'बहुत ज़्यादा कोशिशें। कुछ मिनट रुककर फिर करें।',
    csv_invalid: 'यह फ़ाइल लोगों की CSV के रूप में नहीं पढ़ी जा सकी। पहली (हेडर) पंक्ति जांचें और इसे CSV UTF-8 में सेव करें।',
    payload_too_large: 'यह भेजने के लिए बहुत बड़ा है।',
    unsupported_media_type: 'ऐप ने यह ऐसे रूप में भेजा जिसे सर्वर नहीं लेता। ऐप दोबारा खोलें और फिर कोशिश करें।',
    csrf_refused: 'यह अनुरोध सेतु से नहीं आया था, इसलिए रोका गया। सेतु को सीधे खोलें और फिर कोशिश करें।',
    event_cancelled: 'यह कार्यक्रम रद्द हो गया है।',
    checkin_invalid: 'यह इस कार्यक्रम का उपस्थिति कोड नहीं है।',
    checkin_expired: 'इस कोड की समय सीमा खत्म हो गई। स्क्रीन पर अभी दिख रहा कोड स्कैन करें।',
    internal: 'सर्वर पर कुछ गड़बड़ हुई। फिर कोशिश करें।',
    offline: 'इंटरनेट नहीं है। ऑनलाइन होने पर फिर कोशिश करें।',
  },
});

export type ErrorKey = keyof typeof errorMessages.en;

/** A server's error code as a message key: a code this build does not know (or none at all) reads as `internal`. */
export const errorKeyOf = (code: string | undefined): ErrorKey => (code && code in errorMessages.en ? (code as ErrorKey) : 'internal');
