/** The app's frame and shared screen states. */
export { Shell } from './shell.tsx';
export { shellMessages } from './messages.ts';
export { LoadError, NotFoundPage, ScreenBoundary, ScreenTitle } from './screen-states.tsx';
