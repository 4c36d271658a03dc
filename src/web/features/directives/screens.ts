/** The directives' screens, loaded on demand as one chunk (see index.ts), with their styles. */
import './directives.css';

export { InboxPage } from './inbox-page.tsx';
export { SentPage } from './sent-page.tsx';
export { DirectivePage } from './directive-page.tsx';
export { DirectiveCoveragePage } from './coverage-page.tsx';
export { IssuePage } from './issue-page.tsx';
export { SilencePage } from './silence-page.tsx';
