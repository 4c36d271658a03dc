/** Sign-in: the session for the whole app, and the login screen. */
export { SessionProvider, useSession } from './session.tsx';
export { LoginPage } from './login-page.tsx';
