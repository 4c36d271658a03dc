/** The home screen. */
export { HomePage } from './home-page.tsx';
