import type { approvalsPtBR } from './approvals.pt-BR';

/** English texts of the leader's approvals; same keys as the pt-BR file. */
export const approvalsEn: typeof approvalsPtBR = {
  approvals: {
    openTicket: 'Open ticket',
    errorSheet: {
      title: 'Inclusion in the error-correction sheet',
      requestedAt: 'Requested {{when}}',
      authorise: 'Authorise inclusion',
      decline: 'Decline',
      declineReason: 'Reason for declining (the agent reads it on the ticket)',
      confirmDecline: 'Decline inclusion',
    },
    partner: {
      title: 'Partner notifications',
      product: 'Partner: {{partner}} — product: {{product}}',
      markedBy: 'Marked by {{who}} on {{when}}',
      means: 'Contact means',
      note: 'Note',
      record: 'Record partner notified',
    },
  },
};
