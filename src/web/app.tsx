import { Suspense, useEffect } from 'react';
import { useT } from './lib/i18n.tsx';
import { match, usePath } from './lib/router.tsx';
import { LoginPage, useSession } from './features/auth/index.ts';
import { CapturePage, SignupPage, startCapture, stopCapture, WithdrawPage } from './features/capture/index.ts';
import { CampaignPage, CampaignsPage, PlanCampaignPage } from './features/campaigns/index.ts';
import {
  DirectiveCoveragePage,
  DirectivePage,
  InboxPage,
  IssuePage,
  preloadDirectiveScreens,
  SentPage,
  SilencePage,
  startDirectives,
  stopDirectives,
} from './features/directives/index.ts';
import { CheckinPage, EventPage, EventRollupPage, EventsPage, NewEventPage, preloadEventScreens, startEvents, stopEvents } from './features/events/index.ts';
import { HomePage } from './features/home/index.ts';
import { dropOthersPush, NotificationsPage } from './features/notifications/index.ts';
import { CoveragePage, preloadOrgScreens, UnitPage } from './features/org/index.ts';
import {
  DuplicatesPage,
  GroupsPage,
  ImportPage,
  PeoplePage,
  PersonPage,
  PositionsImportPage,
  preloadPeopleScreens,
  RosterPage,
} from './features/people/index.ts';
import { NotFoundPage, ScreenBoundary, Shell, shellMessages } from './features/shell/index.ts';

/** The page's own title (index.html); screens with a heading of their own replace it while they are open. */
const BASE_TITLE = document.title;

/** A unit id in a path: digits only; anything else is not a page. */
const unitId = (params: Record<string, string> | null) => (params?.id && /^\d{1,10}$/.test(params.id) ? params.id : null);

/** A sign-up link's token: URL-safe characters only. */
const signupToken = (params: Record<string, string> | null) => (params?.token && /^[\w-]{6,128}$/.test(params.token) ? params.token : null);

/** Routes: signed out, every path shows the login; signed in, the screens below. */
export function App() {
  const path = usePath();
  const { me, loading } = useSession();
  const t = useT(shellMessages);
  const signedIn = Boolean(me);
  useEffect(() => {
    document.title = BASE_TITLE;
  }, [path]);
  useEffect(() => {
    if (!signedIn) return;
    // After the first screen is up: the organisation screens' code, so they open later even offline.
    const handle = setTimeout(preloadOrgScreens, 1500);
    const people = setTimeout(preloadPeopleScreens, 2500);
    const directives = setTimeout(preloadDirectiveScreens, 3000);
    const events = setTimeout(preloadEventScreens, 3500);
    return () => {
      clearTimeout(handle);
      clearTimeout(people);
      clearTimeout(directives);
      clearTimeout(events);
    };
  }, [signedIn]);
  const personId = me?.person.id;
  useEffect(() => {
    if (personId === undefined) return;
    // Entries captured offline are sent on app open, whatever screen it opens on.
    startCapture(personId);
    // Acknowledgements made offline go the same way, and the inbox is kept fresh for the badge and for offline reading.
    startDirectives(personId);
    // Roll-call marks made offline too.
    startEvents(personId);
    // A phone handed over without signing out: the previous person's notifications stop coming to it.
    void dropOthersPush(personId);
    return () => {
      stopCapture();
      stopDirectives();
      stopEvents();
    };
  }, [personId]);

  const busy = <main aria-busy="true">{t('loading')}</main>;
  let screen;
  let id: string | null;
  let token: string | null;
  let params: Record<string, string> | null;
  // The public sign-up and withdrawal pages are for citizens: they open signed out, without waiting for the session.
  if ((token = signupToken(match('/join/:token', path)))) screen = <SignupPage key={`join-${token}`} token={token} />;
  else if (match('/withdraw', path)) screen = <WithdrawPage />;
  else if (loading) screen = busy;
  else if (!me) screen = <LoginPage />;
  else if (match('/', path)) screen = <HomePage />;
  else if ((id = unitId(match('/units/:id', path)))) screen = <UnitPage key={`unit-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/coverage', path)))) screen = <CoveragePage key={`coverage-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/people', path)))) screen = <PeoplePage key={`people-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/people/import', path)))) screen = <ImportPage key={`import-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/positions/import', path)))) screen = <PositionsImportPage key={`positions-import-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/duplicates', path)))) screen = <DuplicatesPage key={`duplicates-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/groups', path)))) screen = <GroupsPage key={`groups-${id}`} id={id} />;
  else if ((id = unitId(match('/people/:id', path)))) screen = <PersonPage key={`person-${id}`} id={id} />;
  else if ((id = unitId(match('/groups/:id/roster', path)))) screen = <RosterPage key={`roster-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/capture', path)))) screen = <CapturePage key={`capture-${id}`} id={id} />;
  else if ((id = unitId(match('/units/:id/silence', path)))) screen = <SilencePage key={`silence-${id}`} id={id} />;
  else if (match('/settings/notifications', path)) screen = <NotificationsPage />;
  else if (match('/directives', path)) screen = <InboxPage />;
  else if (match('/directives/sent', path)) screen = <SentPage />;
  else if (match('/directives/new', path)) screen = <IssuePage />;
  else if ((id = unitId(match('/directives/:id', path)))) screen = <DirectivePage key={`directive-${id}`} id={id} />;
  else if ((id = unitId(match('/directives/:id/coverage', path)))) screen = <DirectiveCoveragePage key={`progress-${id}`} id={id} />;
  else if ((params = match('/directives/:id/coverage/:unit', path)) && (id = unitId(params)) && unitId({ id: params.unit ?? '' }))
    screen = <DirectiveCoveragePage key={`progress-${id}-${params.unit}`} id={id} unitId={params.unit} />;
  else if (match('/events', path)) screen = <EventsPage />;
  else if (match('/events/new', path)) screen = <NewEventPage />;
  else if ((id = unitId(match('/events/:id', path)))) screen = <EventPage key={`event-${id}`} id={id} />;
  else if ((id = unitId(match('/events/:id/checkin', path)))) screen = <CheckinPage key={`checkin-${id}`} id={id} />;
  else if ((id = unitId(match('/events/:id/rollup', path)))) screen = <EventRollupPage key={`rollup-${id}`} id={id} />;
  else if ((params = match('/events/:id/rollup/:unit', path)) && (id = unitId(params)) && unitId({ id: params.unit ?? '' }))
    screen = <EventRollupPage key={`rollup-${id}-${params.unit}`} id={id} unitId={params.unit} />;
  else if (match('/campaigns', path)) screen = <CampaignsPage />;
  else if (match('/campaigns/new', path)) screen = <PlanCampaignPage />;
  else if ((id = unitId(match('/campaigns/:id', path)))) screen = <CampaignPage key={`campaign-${id}`} id={id} />;
  else if ((params = match('/campaigns/:id/units/:unit', path)) && (id = unitId(params)) && unitId({ id: params.unit ?? '' }))
    screen = <CampaignPage key={`campaign-${id}-${params.unit}`} id={id} unitId={params.unit} />;
  else screen = <NotFoundPage />;
  return (
    <Shell>
      <ScreenBoundary resetKey={path}>
        <Suspense fallback={busy}>{screen}</Suspense>
      </ScreenBoundary>
    </Shell>
  );
}
