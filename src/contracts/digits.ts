// Digits as people type them on Indian keyboards. Its own file, so the web app can use it without the phone library.

/** Where the digits 0–9 start in the scripts of India (Arabic-Indic, Extended Arabic-Indic as Urdu writes them, Devanagari, Bengali, Gurmukhi, Gujarati, Odia, Tamil, Telugu, Kannada, Malayalam). */
const ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66];
const OTHER_DIGITS = new RegExp(`[${ZEROS.map((z) => `\\u${z.toString(16).padStart(4, '0')}-\\u${(z + 9).toString(16).padStart(4, '0')}`).join('')}]`, 'g');

/** A Hindi keyboard types ९८७६५: the same number as 98765. */
export function asciiDigits(s: string): string {
  return s.replace(OTHER_DIGITS, (d) => {
    const c = d.charCodeAt(0);
    return String(c - ZEROS.find((z) => c >= z && c <= z + 9)!);
  });
}
