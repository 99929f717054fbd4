import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/audit.service.js';
import { ChangeJournal, diff } from '../audit/change-journal.service.js';
import {
  CustomerContactSchema,
  CustomerProductSchema,
  CustomerSchema,
  ImplementationItemSchema,
  type Customer,
} from '../persistence/entities/index.js';
import type { ContactInput, CreateCustomerInput, ImplementationItemInput, ProductInput } from './customer.schemas.js';
import { Refusal } from '@escala/domain';

const view = (c: Customer) => ({ id: c.id, name: c.name, document: c.document ?? null });

/** Companies we support, with their contacts, contracted products and implementation agenda. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly em: EntityManager,
    private readonly journal: ChangeJournal,
  ) {}

  async create(actor: Actor, input: CreateCustomerInput) {
    const now = new Date();
    const customer = this.em.create(CustomerSchema, {
      id: randomUUID(),
      name: input.name,
      document: input.document,
      createdAt: now,
      updatedAt: now,
    });
    input.contacts.forEach((contact) => this.addChild(CustomerContactSchema, customer.id, contact));
    input.products.forEach((product) => this.addChild(CustomerProductSchema, customer.id, product));
    input.implementation.forEach((item) => this.addChild(ImplementationItemSchema, customer.id, item));
    this.journal.record({
      actor,
      action: 'customer.created',
      subjectType: 'customer',
      subjectId: customer.id,
      after: { ...input, id: customer.id },
    });
    await this.em.flush();
    return this.get(customer.id);
  }

  async update(actor: Actor, id: string, input: { name?: string; document?: string | null }) {
    const customer = await this.find(id);
    const before = view(customer);
    this.em.assign(customer, { ...input, updatedAt: new Date() });
    this.journal.record({
      actor,
      action: 'customer.updated',
      subjectType: 'customer',
      subjectId: id,
      ...diff(before, view(customer)),
    });
    await this.em.flush();
    return this.get(id);
  }

  async add(actor: Actor, id: string, what: 'contact', input: ContactInput): Promise<{ id: string }>;
  async add(actor: Actor, id: string, what: 'product', input: ProductInput): Promise<{ id: string }>;
  async add(
    actor: Actor,
    id: string,
    what: 'implementation_item',
    input: ImplementationItemInput,
  ): Promise<{ id: string }>;
  async add(actor: Actor, id: string, what: 'contact' | 'product' | 'implementation_item', input: object) {
    await this.find(id);
    const schema = {
      contact: CustomerContactSchema,
      product: CustomerProductSchema,
      implementation_item: ImplementationItemSchema,
    }[what];
    const child = this.addChild(schema, id, input);
    this.journal.record({
      actor,
      action: `customer.${what}_added`,
      subjectType: 'customer',
      subjectId: id,
      after: { ...input, id: child.id },
    });
    await this.em.flush();
    return child;
  }

  async updateImplementationItem(
    actor: Actor,
    customerId: string,
    itemId: string,
    input: Partial<ImplementationItemInput>,
  ) {
    const item = await this.em.findOne(ImplementationItemSchema, { id: itemId, customerId });
    if (!item) throw Refusal.notFound(`No implementation item ${itemId} for customer ${customerId}`);
    const before = { scheduledFor: item.scheduledFor, status: item.status, notes: item.notes ?? null };
    this.em.assign(item, input);
    const after = { scheduledFor: item.scheduledFor, status: item.status, notes: item.notes ?? null };
    this.journal.record({
      actor,
      action: 'customer.implementation_item_updated',
      subjectType: 'customer',
      subjectId: customerId,
      ...diff(before, after),
    });
    await this.em.flush();
    return item;
  }

  async get(id: string) {
    const customer = await this.find(id);
    const [contacts, products, implementation] = await Promise.all([
      this.em.find(CustomerContactSchema, { customerId: id }, { orderBy: { name: 'asc' } }),
      this.em.find(CustomerProductSchema, { customerId: id }, { orderBy: { contractedOn: 'asc' } }),
      this.implementation(id),
    ]);
    return { ...view(customer), contacts, products, implementation };
  }

  /** "Visualizar implantação": the customer's implementation agenda in date order. */
  implementation(customerId: string) {
    return this.em.find(ImplementationItemSchema, { customerId }, { orderBy: { scheduledFor: 'asc', module: 'asc' } });
  }

  async list(name?: string) {
    const where = name ? { name: { $ilike: `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {};
    return (await this.em.find(CustomerSchema, where, { orderBy: { name: 'asc' }, limit: 200 })).map(view);
  }

  async find(id: string): Promise<Customer> {
    const customer = await this.em.findOne(CustomerSchema, { id });
    if (!customer) throw Refusal.notFound(`No customer with id ${id}`);
    return customer;
  }

  private addChild(
    schema: typeof CustomerContactSchema | typeof CustomerProductSchema | typeof ImplementationItemSchema,
    customerId: string,
    input: object,
  ) {
    return this.em.create(schema as typeof CustomerContactSchema, {
      ...(input as ContactInput),
      id: randomUUID(),
      customerId,
    });
  }
}
