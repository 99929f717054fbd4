import { Migration20261123000000_foundation } from './Migration20261123000000_foundation.js';
import { Migration20261123000100_login_throttle } from './Migration20261123000100_login_throttle.js';
import { Migration20261123004000_playbook_template_overrides } from './Migration20261123004000_playbook_template_overrides.js';
import { Migration20261123003000_timers } from './Migration20261123003000_timers.js';
import { Migration20261123005000_announcements } from './Migration20261123005000_announcements.js';
import { Migration20261123002000_connectors } from './Migration20261123002000_connectors.js';
import { Migration20261123002001_inbound } from './Migration20261123002001_inbound.js';
import { Migration20261123001000_support_and_tickets } from './Migration20261123001000_support_and_tickets.js';
import { Migration20261123008000_external_references } from './Migration20261123008000_external_references.js';
import { Migration20261123006000_queue_entries } from './Migration20261123006000_queue_entries.js';
import { Migration20261123006001_business_calendars } from './Migration20261123006001_business_calendars.js';
import { Migration20261123007000_ticket_playbook } from './Migration20261123007000_ticket_playbook.js';
import { Migration20261123007001_error_sheet_and_suggestions } from './Migration20261123007001_error_sheet_and_suggestions.js';
import { Migration20261123007002_priority_requests } from './Migration20261123007002_priority_requests.js';
import { Migration20261123009000_ticket_follow_ups } from './Migration20261123009000_ticket_follow_ups.js';
import { Migration20261203030000_connector_kit_v2 } from './Migration20261203030000_connector_kit_v2.js';
import { Migration20261203010000_event_catalogue } from './Migration20261203010000_event_catalogue.js';
import { Migration20261203010100_entry_direction } from './Migration20261203010100_entry_direction.js';
import { Migration20261203050000_ticket_clock_events } from './Migration20261203050000_ticket_clock_events.js';
import { Migration20261203090000_leader_priority_skip_reason } from './Migration20261203090000_leader_priority_skip_reason.js';
import { Migration20261203170000_sla_unit_key } from './Migration20261203170000_sla_unit_key.js';
import { Migration20261204020000_triage_items } from './Migration20261204020000_triage_items.js';
import { Migration20261204050000_error_sheet_decline } from './Migration20261204050000_error_sheet_decline.js';
import { Migration20261204060000_summary_once_per_ticket } from './Migration20261204060000_summary_once_per_ticket.js';
import { Migration20261204010000_poll_listeners } from './Migration20261204010000_poll_listeners.js';
import { Migration20261204070000_history_message_keys } from './Migration20261204070000_history_message_keys.js';
import { Migration20261206000000_held_tickets } from './Migration20261206000000_held_tickets.js';

/**
 * Migrations in order. Listed explicitly so the compiled server needs no file discovery;
 * a new migration is added at the end of this list.
 */
export const migrations = [
  Migration20261123000000_foundation,
  Migration20261123000100_login_throttle,
  Migration20261123004000_playbook_template_overrides,
  Migration20261123003000_timers,
  Migration20261123005000_announcements,
  Migration20261123002000_connectors,
  Migration20261123002001_inbound,
  Migration20261123001000_support_and_tickets,
  Migration20261123008000_external_references,
  Migration20261123006000_queue_entries,
  Migration20261123006001_business_calendars,
  Migration20261123007000_ticket_playbook,
  Migration20261123007001_error_sheet_and_suggestions,
  Migration20261123007002_priority_requests,
  Migration20261123009000_ticket_follow_ups,
  Migration20261203030000_connector_kit_v2,
  Migration20261203010000_event_catalogue,
  Migration20261203010100_entry_direction,
  Migration20261203050000_ticket_clock_events,
  Migration20261203090000_leader_priority_skip_reason,
  Migration20261203170000_sla_unit_key,
  Migration20261204020000_triage_items,
  Migration20261204050000_error_sheet_decline,
  Migration20261204060000_summary_once_per_ticket,
  Migration20261204010000_poll_listeners,
  Migration20261204070000_history_message_keys,
  Migration20261206000000_held_tickets,
];
