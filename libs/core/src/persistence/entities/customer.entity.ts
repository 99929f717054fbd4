import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A company we support. */
export const CustomerSchema = defineEntity({
  name: 'Customer',
  tableName: 'customers',
  properties: {
    id: p.uuid().primary(),
    name: p.string(),
    document: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export const CustomerContactSchema = defineEntity({
  name: 'CustomerContact',
  tableName: 'customer_contacts',
  properties: {
    id: p.uuid().primary(),
    customerId: p.uuid(),
    name: p.string(),
    email: p.string().nullable(),
    phone: p.string().nullable(),
  },
});

/** A product the customer contracted, with the dates entitlements depend on (docs/playbook.md §6). */
export const CustomerProductSchema = defineEntity({
  name: 'CustomerProduct',
  tableName: 'customer_products',
  properties: {
    id: p.uuid().primary(),
    customerId: p.uuid(),
    product: p.string(),
    contractedOn: p.string().columnType('date'),
    endsOn: p.string().columnType('date').nullable(),
  },
});

/** One item of the customer's implementation agenda ("Visualizar implantação", docs/playbook.md §9.4). */
export const ImplementationItemSchema = defineEntity({
  name: 'ImplementationItem',
  tableName: 'implementation_items',
  properties: {
    id: p.uuid().primary(),
    customerId: p.uuid(),
    scheduledFor: p.string().columnType('date'),
    module: p.string(),
    status: p.enum(['scheduled', 'done', 'cancelled'] as const),
    notes: p.text().nullable(),
  },
});

export type Customer = InferEntity<typeof CustomerSchema>;
export type CustomerContact = InferEntity<typeof CustomerContactSchema>;
export type CustomerProduct = InferEntity<typeof CustomerProductSchema>;
export type ImplementationItem = InferEntity<typeof ImplementationItemSchema>;
