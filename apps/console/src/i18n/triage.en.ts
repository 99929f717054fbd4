import type { triagePtBR } from './triage.pt-BR';

/** Texts of the relationship desk's triage page in English. */
export const triageEn: typeof triagePtBR = {
  navTriage: { triage: 'Triage' },
  triage: {
    title: 'Mail triage',
    intro: 'Mail from unknown senders, oldest first. Redirect each one or dismiss it.',
    empty: 'No mail waiting for triage.',
    from: 'From {{who}} · received {{when}} · {{channel}}',
    attachments: 'Attachments',
    sendTo: 'Send to',
    destination: {
      unit: 'Tier or stage',
      person: 'Person',
      ticket: 'Existing ticket',
      dismiss: 'Dismiss',
    },
    ticketNumber: 'Ticket number',
    unit: 'Tier, stage or desk',
    person: 'Person',
    customer: 'Customer',
    category: 'Category',
    addSenderAsContact: "Add {{email}} as the customer's contact (replies go to this address)",
    redirect: 'Redirect',
    reason: 'Reason',
    reasonExample: 'spam',
    dismiss: 'Dismiss mail',
    redirected: '“{{subject}}” redirected: ticket #{{number}}.',
    dismissed: '“{{subject}}” dismissed.',
  },
};
