import type { TemplateDefinition } from './templates.js';

/** The playbook's own wording (docs/playbook.md §2): the default notice when access data and a certificate are asked for. */
export const SEED_SENSITIVE_DATA_NOTICE =
  'OBS: Os dados de acesso serão utilizados apenas para visualizar informações em seu ambiente, e o certificado digital será usado apenas para reinstalarmos nos servidores do Domínio WEB afim de ajustar a situação';

/**
 * The playbook's texts as shipped. Admins override any of them per key and locale; the keys and the
 * variables they may use are fixed here because the code fills them.
 */
export const DEFAULT_TEMPLATES: readonly TemplateDefinition[] = [
  {
    key: 'sensitive-data.notice.password',
    description: 'Appended to a reply that asks for a password',
    variables: [],
    body: {
      'pt-BR':
        'OBS: A senha solicitada será utilizada apenas para visualizar informações em seu ambiente e ajustar a situação; recomendamos alterá-la após o atendimento.',
      en: 'NOTE: The password requested will be used only to view information in your environment and fix the situation; we recommend changing it after the support.',
    },
  },
  {
    key: 'sensitive-data.notice.access-data',
    description: 'Appended to a reply that asks for access data (login, user and password)',
    variables: [],
    body: {
      'pt-BR': 'OBS: Os dados de acesso serão utilizados apenas para visualizar informações em seu ambiente.',
      en: 'NOTE: The access data will be used only to view information in your environment.',
    },
  },
  {
    key: 'sensitive-data.notice.digital-certificate',
    description: 'Appended to a reply that asks for a digital certificate (A1/A3, .pfx) or its password',
    variables: [],
    body: {
      'pt-BR':
        'OBS: O certificado digital será usado apenas para reinstalarmos nos servidores do Domínio WEB afim de ajustar a situação.',
      en: 'NOTE: The digital certificate will be used only to reinstall it on the Domínio WEB servers in order to fix the situation.',
    },
  },
  {
    key: 'sensitive-data.notice.token',
    description: 'Appended to a reply that asks for a token',
    variables: [],
    body: {
      'pt-BR':
        'OBS: O token será utilizado apenas para concluir o acesso necessário ao atendimento e não será armazenado.',
      en: 'NOTE: The token will be used only to complete the access this support needs and will not be stored.',
    },
  },
  {
    key: 'sensitive-data.notice.access-data+digital-certificate',
    description:
      'Appended to a reply that asks for access data and a digital certificate (the playbook text, docs/playbook.md §2)',
    variables: [],
    body: {
      'pt-BR': SEED_SENSITIVE_DATA_NOTICE,
      en: 'NOTE: The access data will be used only to view information in your environment, and the digital certificate will be used only to reinstall it on the Domínio WEB servers in order to fix the situation',
    },
  },
  {
    key: 'partner-product.customer-message',
    description: "Reply telling the customer that the partner will contact them about the partner's product",
    variables: ['customerName', 'ticketNumber', 'productName', 'partnerName'],
    body: {
      'pt-BR':
        'Olá, {{customerName}}.\n\nA sua solicitação {{ticketNumber}} envolve o produto {{productName}}, da empresa parceira {{partnerName}}. A empresa parceira entrará em contato com você para dar continuidade ao atendimento.\n\nPermanecemos à disposição.',
      en: 'Hello, {{customerName}}.\n\nYour request {{ticketNumber}} concerns the product {{productName}} of our partner {{partnerName}}. The partner company will contact you to continue the support.\n\nWe remain at your disposal.',
    },
  },
  {
    key: 'partner-product.leader-note',
    description: "Internal note asking the leader to notify the partner's support",
    variables: ['ticketNumber', 'customerName', 'productName', 'partnerName', 'agentName'],
    body: {
      'pt-BR':
        'Líder: favor notificar o suporte da empresa parceira {{partnerName}} para que entre em contato com o cliente {{customerName}} sobre o produto {{productName}} (solicitação {{ticketNumber}}, atendida por {{agentName}}). Registre a notificação no chamado após o contato.',
      en: 'Leader: please notify the support of the partner {{partnerName}} so that they contact the customer {{customerName}} about the product {{productName}} (request {{ticketNumber}}, handled by {{agentName}}). Record the notification on the ticket once done.',
    },
  },
  {
    key: 'third-party.resend-request',
    description: 'Request for evaluation resent to the third party after 24 h without a reply',
    variables: ['thirdPartyName', 'agentName', 'companyName', 'customerName', 'firstContactAt', 'verificationNeeded'],
    body: {
      'pt-BR':
        'Prezados da {{thirdPartyName}},\n\nSou {{agentName}}, técnico(a) da {{companyName}}, e reencaminho o pedido de avaliação enviado em {{firstContactAt}} sobre o nosso cliente em comum {{customerName}}.\n\nVerificação necessária: {{verificationNeeded}}\n\nAguardamos o seu retorno.',
      en: 'Dear {{thirdPartyName}} team,\n\nI am {{agentName}}, technician at {{companyName}}, and I am resending the request for evaluation sent on {{firstContactAt}} about our common customer {{customerName}}.\n\nVerification needed: {{verificationNeeded}}\n\nWe look forward to your reply.',
    },
  },
  {
    key: 'third-party.report',
    description: 'Report of every contact attempt with the third party and the verification needed',
    variables: [
      'ticketNumber',
      'thirdPartyName',
      'verificationNeeded',
      'refusedByThirdParty',
      'refusalNote',
      'hoursWithoutReply',
      'attempts',
      'attempts[].at',
      'attempts[].means',
      'attempts[].to',
      'attempts[].kind',
      'replies',
      'replies[].at',
      'replies[].summary',
    ],
    body: {
      'pt-BR':
        'Relatório de contato com terceiro (solicitação {{ticketNumber}})\nEmpresa terceira: {{thirdPartyName}}\nVerificação necessária: {{verificationNeeded}}\nSituação: {{#refusedByThirdParty}}a empresa terceira não aceitou o nosso contato e pediu que o cliente entre em contato diretamente com ela ({{refusalNote}}).{{/refusedByThirdParty}}{{^refusedByThirdParty}}sem retorno da empresa terceira em {{hoursWithoutReply}} horas.{{/refusedByThirdParty}}\n\nTentativas de contato:\n{{#attempts}}- {{at}}: {{kind}} por {{means}} para {{to}}\n{{/attempts}}\n\nRetornos da empresa terceira:\n{{#replies}}- {{at}}: {{summary}}\n{{/replies}}{{^replies}}- nenhum\n{{/replies}}',
      en: 'Third-party contact report (request {{ticketNumber}})\nThird party: {{thirdPartyName}}\nVerification needed: {{verificationNeeded}}\nStatus: {{#refusedByThirdParty}}the third party did not accept our contact and asked the customer to contact them directly ({{refusalNote}}).{{/refusedByThirdParty}}{{^refusedByThirdParty}}no reply from the third party in {{hoursWithoutReply}} hours.{{/refusedByThirdParty}}\n\nContact attempts:\n{{#attempts}}- {{at}}: {{kind}} by {{means}} to {{to}}\n{{/attempts}}\n\nReplies from the third party:\n{{#replies}}- {{at}}: {{summary}}\n{{/replies}}{{^replies}}- none\n{{/replies}}',
    },
  },
  {
    key: 'third-party.customer-message.no-reply',
    description: 'Draft to the customer after 72 h without a reply: asks for another contact means or direct contact',
    variables: ['customerName', 'ticketNumber', 'thirdPartyName', 'attemptCount', 'report'],
    body: {
      'pt-BR':
        'Olá, {{customerName}}.\n\nSobre a solicitação {{ticketNumber}}: entramos em contato com a empresa {{thirdPartyName}} para a verificação necessária, mas não tivemos retorno em 72 horas, após {{attemptCount}} tentativa(s) de contato.\n\nPedimos, por gentileza, que nos informe outro meio de contato com a {{thirdPartyName}} ou, se preferir, que entre em contato diretamente com ela. Segue o relatório das tentativas e da verificação necessária:\n\n{{report}}',
      en: 'Hello, {{customerName}}.\n\nAbout request {{ticketNumber}}: we contacted {{thirdPartyName}} for the verification needed but had no reply in 72 hours, after {{attemptCount}} contact attempt(s).\n\nPlease give us another way to contact {{thirdPartyName}} or, if you prefer, contact them directly. Here is the report of our attempts and of the verification needed:\n\n{{report}}',
    },
  },
  {
    key: 'third-party.customer-message.refused',
    description: 'Draft to the customer when the third party refused our contact and asked for the customer directly',
    variables: ['customerName', 'ticketNumber', 'thirdPartyName', 'report'],
    body: {
      'pt-BR':
        'Olá, {{customerName}}.\n\nSobre a solicitação {{ticketNumber}}: a empresa {{thirdPartyName}} não aceitou o nosso contato e, a pedido da própria empresa terceira, solicitamos que você entre em contato diretamente com ela. Segue o relatório com as tentativas de contato e a verificação necessária para encaminhar a ela:\n\n{{report}}',
      en: 'Hello, {{customerName}}.\n\nAbout request {{ticketNumber}}: {{thirdPartyName}} did not accept our contact and, at the third party’s own request, we ask you to contact them directly. Here is the report of our contact attempts and of the verification needed, to forward to them:\n\n{{report}}',
    },
  },
  {
    key: 'cancellation.analysis-record',
    description: 'Technical-analysis entry recording the cancellation contact and the real reason',
    variables: ['contactAt', 'contactMeans', 'contactPerson', 'reasonLabel', 'competitorSystem', 'reasonDetails'],
    body: {
      'pt-BR':
        'Contato com o cliente realizado em {{contactAt}} por {{contactMeans}} com {{contactPerson}}.\nMotivo do cancelamento: {{reasonLabel}}{{#competitorSystem}} ({{competitorSystem}}){{/competitorSystem}}.\nDetalhes: {{reasonDetails}}',
      en: 'Customer contacted on {{contactAt}} by {{contactMeans}}, with {{contactPerson}}.\nCancellation reason: {{reasonLabel}}{{#competitorSystem}} ({{competitorSystem}}){{/competitorSystem}}.\nDetails: {{reasonDetails}}',
    },
  },
  {
    key: 'cancellation.missing.customer-contact',
    description: 'Why a cancellation cannot be closed: the customer contact is not recorded',
    variables: [],
    body: {
      'pt-BR': 'Registre o contato com o cliente (quando, por qual meio e com quem) antes de encerrar um cancelamento.',
      en: 'Record the contact with the customer (when, how and with whom) before closing a cancellation.',
    },
  },
  {
    key: 'cancellation.missing.reason',
    description: 'Why a cancellation cannot be closed: the real reason is not recorded',
    variables: [],
    body: {
      'pt-BR':
        'Registre na Análise Técnica o real motivo do cancelamento, escolhido na lista de motivos, com os detalhes.',
      en: 'Record the real cancellation reason in the technical analysis, chosen from the list of reasons, with details.',
    },
  },
  {
    key: 'cancellation.missing.competitor-system',
    description: 'Why a cancellation cannot be closed: the partner/competitor system is not named',
    variables: [],
    body: {
      'pt-BR': 'Informe para qual sistema parceiro ou concorrente o cliente está migrando (ex.: SIEG, Fiscosoft).',
      en: 'Name the partner or competitor system the customer is moving to (e.g. SIEG, Fiscosoft).',
    },
  },
  {
    key: 'urgent.leader-alert',
    description: 'Alert to the leader when an agent declares a service inoperative with customer urgency (tag URGENTE)',
    variables: ['ticketNumber', 'customerName', 'serviceLabel', 'urgency', 'agentName'],
    body: {
      'pt-BR':
        'URGENTE: {{serviceLabel}} inoperante para o cliente {{customerName}} (solicitação {{ticketNumber}}). Urgência informada: {{urgency}}. Acionado por {{agentName}}.',
      en: 'URGENT: {{serviceLabel}} inoperative for customer {{customerName}} (request {{ticketNumber}}). Urgency stated: {{urgency}}. Raised by {{agentName}}.',
    },
  },
  {
    key: 'priority.request.ticket',
    description: 'Internal note asking the leader to mark the ticket as priority',
    variables: ['ticketNumber', 'requesterName', 'justification'],
    body: {
      'pt-BR':
        '{{requesterName}} solicita ao líder que a solicitação {{ticketNumber}} seja marcada como prioridade. Justificativa: {{justification}}',
      en: '{{requesterName}} asks the leader to mark request {{ticketNumber}} as priority. Justification: {{justification}}',
    },
  },
  {
    key: 'priority.request.dev-request',
    description:
      'Internal note asking the leader to request prioritisation of the dev request (SS) when N2/N3 are involved',
    variables: ['ticketNumber', 'requesterName', 'devRequestRef', 'justification'],
    body: {
      'pt-BR':
        '{{requesterName}} solicita ao líder que peça a priorização da SS {{devRequestRef}} (solicitação {{ticketNumber}}). Justificativa: {{justification}}',
      en: '{{requesterName}} asks the leader to request prioritisation of dev request {{devRequestRef}} (request {{ticketNumber}}). Justification: {{justification}}',
    },
  },
];
