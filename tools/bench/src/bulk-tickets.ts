import type pg from 'pg';

// Subjects and descriptions as the playbook's teams write them; a few carry the words searched for.
const SUBJECTS = [
  'Erro ao emitir nota fiscal',
  'Dúvida sobre relatório de faturamento',
  'Migração da base de dados do cliente',
  'Homologação bancária do Itaú pendente',
  'Certificado digital expirado',
  'Busca NF-e não iniciada',
  'Boleto não gerado no financeiro',
  'Configuração de e-mail do usuário',
  'Lentidão no sistema contábil',
  'Cadastro de empresa duplicado',
];

/**
 * Fills the database with `count` tickets (and one entry per ten) in a few SQL statements:
 * generate_series builds the rows server-side, and indexes are rebuilt once at the end.
 */
export async function generateTickets(
  client: pg.Client,
  count: number,
  customerId: string,
  structureVersion: number,
): Promise<void> {
  // One transaction: a failure leaves the indexes in place.
  const subjects = `(array[${SUBJECTS.map((s) => `'${s}'`).join(',')}])`;
  await client.query('begin');
  const { rows: indexes } = await client.query<{ indexdef: string; indexname: string }>(
    `select indexname, indexdef from pg_indexes where tablename in ('tickets', 'ticket_entries') and indexname not like '%pkey' and indexdef not like '%UNIQUE%'`,
  );
  for (const index of indexes) await client.query(`drop index ${index.indexname}`);
  await client.query(
    `insert into tickets (id, customer_id, channel, category, subject, description, status, unit_key, structure_version, tags, deadlines, created_at, updated_at, assignee_id)
     select gen_random_uuid(), $1,
       (array['phone','email','portal','web'])[1 + g % 4],
       (array['financeiro','configuracao-email','infraestrutura','implementacao-tecnica','cadastro'])[1 + g % 5],
       ${subjects}[1 + g % ${SUBJECTS.length}] || ' #' || g,
       'Cliente relata: ' || ${subjects}[1 + (g / 7) % ${SUBJECTS.length}] || '. Protocolo ' || g,
       (array['new','in_analysis','waiting_customer','waiting_third_party','waiting_development','resolved','closed'])[1 + g % 7],
       (array['N1','N2','N3','N4','N5'])[1 + (g / 3) % 5],
       $2,
       case when g % 97 = 0 then array['URGENTE'] else '{}' end,
       '[]',
       now() - make_interval(secs => ($3 - g) * 30),
       now(),
       null
     from generate_series(1, $3) g`,
    [customerId, structureVersion, count],
  );
  await client.query(
    `insert into ticket_entries (id, ticket_id, kind, direction, body, author_label, attachments, created_at)
     select gen_random_uuid(), id, 'internal', 'internal', 'Análise: verificar emissão e integração com a prefeitura ' || number, 'bench', '[]', created_at
     from tickets where number % 10 = 0`,
  );
  for (const index of indexes) await client.query(index.indexdef);
  await client.query('commit');
  await client.query('analyze tickets');
  await client.query('analyze ticket_entries');
}
