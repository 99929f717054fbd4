import { EntityManager, RequestContext } from '@mikro-orm/postgresql';
import type { StructurePresetKey } from '@escala/domain';
import type { Actor } from '../audit/audit.service.js';
import { CustomersService } from '../customers/customers.service.js';
import { SupportStructureVersionSchema } from '../persistence/entities/index.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { TicketsService } from './tickets.service.js';

export interface DemoServices {
  em: EntityManager;
  structures: SupportStructureService;
  customers: CustomersService;
  tickets: TicketsService;
}

const SEED: Actor = { system: 'demo-seed' };

/**
 * On a database without a support structure, saves `preset` and a demo customer with a few tickets,
 * so a first `npm start` has something to look at. Does nothing once any structure exists.
 */
export async function ensureDemoOrganisation(
  services: DemoServices,
  preset: StructurePresetKey = 'n1-n5',
): Promise<boolean> {
  return RequestContext.create(services.em, async () => {
    if ((await services.em.count(SupportStructureVersionSchema, {})) > 0) return false;
    await services.structures.save(SEED, { preset, note: 'Estrutura de demonstração' });
    const customer = await services.customers.create(SEED, {
      name: 'Contabilidade Exemplo Ltda',
      document: '12.345.678/0001-90',
      contacts: [{ name: 'Maria Souza', email: 'maria@contabilidade-exemplo.com.br', phone: '+55 11 4000-1234' }],
      products: [{ product: 'Contábil Premium', contractedOn: '2021-03-01', endsOn: null }],
      implementation: [{ scheduledFor: '2026-12-10', module: 'Folha de Pagamento', status: 'scheduled', notes: null }],
    });
    const base = {
      customerId: customer.id,
      contactId: customer.contacts[0]!.id,
      product: 'Contábil Premium',
      module: null,
      deadlines: [],
      assigneeId: null,
    };
    await services.tickets.create(SEED, {
      ...base,
      channel: 'email',
      category: 'faturamento',
      subject: 'Boleto de novembro não chegou',
      description: 'O cliente não recebeu o boleto do mês de novembro.',
      tags: [],
    });
    await services.tickets.create(SEED, {
      ...base,
      channel: 'phone',
      category: 'infraestrutura',
      subject: 'Busca NF-e não iniciada',
      description: 'O WebService não está baixando as notas desde ontem.',
      tags: ['URGENTE'],
    });
    return true;
  });
}
