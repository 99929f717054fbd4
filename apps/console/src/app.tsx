import { Center, Loader, MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Redirect, Route, Router, Switch } from 'wouter';
import { NextTicketPage } from './agent/next-ticket-page';
import { MyTicketsPage } from './agent/my-tickets-page';
import { LoginPage } from './auth/login-page';
import { SessionProvider, useSession } from './auth/session';
import { Shell } from './layout/shell';
import { TicketPage } from './tickets/ticket-page';
import type { Me } from './api/models';

// Charts and admin forms load on first visit, keeping the agent's first screen small.
const DashboardPage = lazy(() => import('./leader/dashboard-page'));
const ChannelsPage = lazy(() => import('./admin/channels-page'));
const ReportsPage = lazy(() => import('./reports/reports-page'));
const TemplatesPage = lazy(() => import('./admin/templates-page'));
const UsersPage = lazy(() => import('./admin/users-page'));
const TriagePage = lazy(() => import('./relationship/triage-page'));
const StructurePage = lazy(() => import('./admin/structure-page'));
const CalendarPage = lazy(() => import('./admin/calendar-page'));

// Mantine's default blue on white meets WCAG AA for text; the focus ring stays visible on keyboard use.
const theme = createTheme({ primaryColor: 'blue', focusRing: 'auto' });

/** Client routes live under /console so they never collide with the API's own paths. */
export const CONSOLE_BASE = '/console';

function homeOf(me: Me): string {
  if (me.roles.includes('agent')) return '/next';
  if (me.roles.includes('leader')) return '/dashboard';
  if (me.roles.includes('relationship')) return '/triage';
  return '/channels';
}

function Routes() {
  const session = useSession();
  if (session.loading)
    return (
      <Center h="100vh">
        <Loader aria-label="…" />
      </Center>
    );
  if (!session.me) return <LoginPage />;
  return (
    <Shell>
      <Suspense fallback={<Loader aria-label="…" />}>
        <Switch>
          <Route path="/next" component={NextTicketPage} />
          <Route path="/mine" component={MyTicketsPage} />
          <Route path="/tickets/:id">{(params) => <TicketPage key={params.id} id={params.id} />}</Route>
          <Route path="/dashboard" component={DashboardPage} />
          <Route path="/channels" component={ChannelsPage} />
          <Route path="/reports" component={ReportsPage} />
          <Route path="/admin/templates" component={TemplatesPage} />
          <Route path="/admin/users" component={UsersPage} />
          <Route path="/triage" component={TriagePage} />
          <Route path="/admin/structure" component={StructurePage} />
          <Route path="/admin/calendar" component={CalendarPage} />
          <Route>
            <Redirect to={homeOf(session.me)} />
          </Route>
        </Switch>
      </Suspense>
    </Shell>
  );
}

export function App({ queryClient = new QueryClient() }: { queryClient?: QueryClient }) {
  return (
    <MantineProvider theme={theme}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <Router base={CONSOLE_BASE}>
            <Routes />
          </Router>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
