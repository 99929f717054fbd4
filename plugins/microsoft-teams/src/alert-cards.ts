import type { ConnectorEvent, TicketSummary } from '@escala/connector-kit';
import { TEAMS_CARD_VERSION, type AdaptiveCard } from './adaptive-card-schema.js';
import { TEAMS_TEXTS, type TeamsLocale } from './teams-texts.js';

/** The event types this connector turns into Teams messages. */
export const TEAMS_EVENT_TYPES = [
  'ticket.urgent',
  'sla.warning',
  'sla.breached',
  'ticket.escalated',
  'third_party.resend_due',
  'third_party.report_due',
  'error_sheet.requested',
  'ticket.priority_requested',
  'announcement.published',
  'announcement.reminder_requested',
] as const;

/** A message before a transport shapes it: the card, and whose supervisors to call on. */
export interface TeamsMessage {
  title: string;
  card: AdaptiveCard;
  /** Where a person opens the ticket; null for announcements. */
  url: string | null;
  importance: 'normal' | 'high' | 'urgent';
  /** The unit whose supervisors are @mentioned (or notified); null when nobody is. */
  unitKey: string | null;
}

export interface CardOptions {
  locale: TeamsLocale;
  timeZone: string;
}

type Texts = (typeof TEAMS_TEXTS)[TeamsLocale];
type Fact = [title: string, value: string | null | undefined];

function card(
  title: string,
  style: 'attention' | 'warning' | 'accent',
  parts: unknown[],
  link: { url: string; title: string } | null,
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: TEAMS_CARD_VERSION,
    body: [{ type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', color: style, wrap: true }, ...parts],
    ...(link ? { actions: [{ type: 'Action.OpenUrl', title: link.title, url: link.url }] } : {}),
  };
}

function facts(list: Fact[]) {
  return {
    type: 'FactSet',
    facts: list.filter(([, value]) => value).map(([title, value]) => ({ title, value: value! })),
  };
}

const text = (value: string) => ({ type: 'TextBlock', text: value, wrap: true });

/** What every ticket card shows about the ticket, from the event's summary alone. */
function ticketFacts(t: Texts, ticket: TicketSummary, when: (iso: string) => string): Fact[] {
  return [
    [t.ticket, `#${ticket.number} — ${ticket.subject}`],
    [t.customer, ticket.customer.name],
    [t.unit, ticket.unit.key],
    [t.assignee, ticket.assignee?.name ?? t.nobody],
    [
      t.deadlines,
      ticket.slaClocks.map((clock) => `${t.clocks[clock.kind] ?? clock.kind}: ${when(clock.dueAt)}`).join('; '),
    ],
  ];
}

/** The Teams message for an event, or null when the connector has nothing to say about it. */
export function composeMessage(event: ConnectorEvent, options: CardOptions): TeamsMessage | null {
  const t = TEAMS_TEXTS[options.locale];
  const format = new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: options.timeZone,
  });
  const when = (iso: string) => format.format(new Date(iso));
  const ticketMessage = (
    title: string,
    style: 'attention' | 'warning' | 'accent',
    ticket: TicketSummary,
    extra: Fact[],
    importance: TeamsMessage['importance'],
    unitKey: string,
    note?: string,
  ): TeamsMessage => ({
    title,
    url: ticket.url,
    importance,
    unitKey,
    card: card(title, style, [facts([...extra, ...ticketFacts(t, ticket, when)]), ...(note ? [text(note)] : [])], {
      url: ticket.url,
      title: t.open,
    }),
  });

  switch (event.type) {
    case 'ticket.urgent': {
      const { ticket, declaration } = event.payload;
      return ticketMessage(
        t.urgentTitle(ticket.number),
        'attention',
        ticket,
        [
          [t.service, declaration?.serviceLabel],
          [t.urgency, declaration?.urgency],
          [t.raisedBy, declaration?.declaredBy],
        ],
        'urgent',
        ticket.unit.key,
        declaration?.leaderAlert,
      );
    }
    case 'sla.warning':
    case 'sla.breached': {
      const p = event.payload;
      const title =
        event.type === 'sla.warning'
          ? t.slaWarningTitle(p.number, Math.round(event.payload.fraction * 100))
          : t.slaBreachedTitle(p.number);
      return ticketMessage(
        title,
        event.type === 'sla.warning' ? 'warning' : 'attention',
        p.ticket,
        [
          [t.tier, p.unitKey],
          [t.clock, t.clocks[p.clock] ?? p.clock],
          [t.due, when(p.dueAt ?? p.timer.dueAt)],
          [t.blamed, p.blamedUnit],
        ],
        event.type === 'sla.warning' ? 'high' : 'urgent',
        p.ticket.unit.key,
      );
    }
    case 'ticket.escalated': {
      const p = event.payload;
      return ticketMessage(
        t.escalatedTitle(p.number, p.toUnit),
        'accent',
        p.ticket,
        [
          [t.from, p.fromUnit],
          [t.reason, p.reason],
        ],
        'high',
        p.toUnit,
      );
    }
    case 'third_party.resend_due':
    case 'third_party.report_due': {
      const p = event.payload;
      const resend = event.type === 'third_party.resend_due';
      return ticketMessage(
        resend ? t.resendTitle(p.number) : t.reportTitle(p.number),
        'warning',
        p.ticket,
        [[t.thirdParty, p.thirdPartyName]],
        'high',
        p.ticket.unit.key,
        resend ? t.resendText : t.reportText,
      );
    }
    case 'error_sheet.requested':
      return ticketMessage(
        t.errorSheetTitle(event.payload.number),
        'accent',
        event.payload.ticket,
        [],
        'normal',
        event.payload.ticket.unit.key,
      );
    case 'ticket.priority_requested': {
      const p = event.payload;
      return ticketMessage(
        t.priorityTitle(p.number),
        'accent',
        p.ticket,
        [[t.request, t.priorityKinds[p.kind] ?? p.kind]],
        'high',
        p.unitKey,
      );
    }
    case 'announcement.published': {
      const p = event.payload;
      return {
        title: p.title,
        url: null,
        importance: 'high',
        unitKey: null,
        card: card(
          p.title,
          'accent',
          [
            text(p.body),
            ...(p.acknowledgeBy ? [facts([[t.acknowledgeBy, when(p.acknowledgeBy)]])] : []),
            { type: 'TextBlock', text: t.announcementAsk, wrap: true, isSubtle: true },
          ],
          null,
        ),
      };
    }
    case 'announcement.reminder_requested':
      return reminderMessage(
        options.locale,
        event.payload.title,
        event.payload.pending.map((member) => member.displayName),
      );
    default:
      return null;
  }
}

/** The reminder to members who have not acknowledged an announcement. */
export function reminderMessage(locale: TeamsLocale, title: string, pendingNames: string[]): TeamsMessage {
  const t = TEAMS_TEXTS[locale];
  const heading = t.reminderTitle(title);
  return {
    title: heading,
    url: null,
    importance: 'high',
    unitKey: null,
    card: card(heading, 'warning', [text(t.reminderText), text(pendingNames.join(', '))], null),
  };
}
