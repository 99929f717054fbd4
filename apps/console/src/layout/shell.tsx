import { Anchor, AppShell, Badge, Button, Group, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/session';
import { LANGUAGES, setLanguage, type Language } from '../i18n/i18n';
import { useLiveUpdates } from './live-updates';

interface NavItem {
  href: string;
  label: string;
  roles: string[];
}

export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [location] = useLocation();
  const live = useLiveUpdates(Boolean(session.me));
  const items: NavItem[] = [
    { href: '/next', label: t('nav.next'), roles: ['agent'] },
    { href: '/mine', label: t('nav.mine'), roles: ['agent'] },
    { href: '/dashboard', label: t('nav.dashboard'), roles: ['leader', 'admin'] },
    { href: '/triage', label: t('navTriage.triage'), roles: ['relationship', 'leader', 'admin'] },
    { href: '/channels', label: t('nav.channels'), roles: ['admin'] },
    { href: '/reports', label: t('navAdmin.reports'), roles: ['leader', 'admin'] },
    { href: '/admin/templates', label: t('navEditors.templates'), roles: ['admin'] },
    { href: '/admin/users', label: t('navEditors.users'), roles: ['admin'] },
    { href: '/admin/structure', label: t('navStructure.structure'), roles: ['admin'] },
    { href: '/admin/calendar', label: t('navStructure.calendar'), roles: ['admin'] },
  ];
  const roles = session.me?.roles ?? [];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="md">
      <Anchor href="#main" className="skip-link">
        {t('app.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={2} size="h3">
            {t('app.name')}
          </Title>
          <Group>
            <Badge variant="dot" color={live ? 'green' : 'gray'} role="status" aria-live="polite">
              {live ? t('live.on') : t('live.off')}
            </Badge>
            <SegmentedControl
              aria-label={t('app.language')}
              size="xs"
              value={i18n.language}
              onChange={(value) => setLanguage(value as Language)}
              data={LANGUAGES.map((language) => ({ value: language, label: language }))}
            />
            <Text size="sm">{session.me?.displayName}</Text>
            <Button variant="default" size="xs" onClick={() => void session.logOut()}>
              {t('app.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Escala">
        {items
          .filter((item) => item.roles.some((role) => roles.includes(role as never)))
          .map((item) => (
            <NavLink
              key={item.href}
              component={Link}
              href={item.href}
              label={item.label}
              active={location === item.href}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}
