import { readFile } from 'node:fs/promises';

/**
 * `node tools/bench/dist/cpu-profile-summary.js <file.cpuprofile>…`: a V8 CPU profile of the server
 * (taken with BENCH_CPU_PROFILE_DIR) as self time per layer — where each millisecond of the process goes.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// First match wins: the layer a frame's source belongs to.
const LAYERS: [string, RegExp][] = [
  ['idle (waiting for I/O)', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['V8/native (program)', /^\(program\)$/],
  ['logging (pino)', /node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream)\//],
  ['validation (zod)', /node_modules\/zod\//],
  ['ORM (MikroORM, knex)', /node_modules\/(@mikro-orm|knex)\//],
  ['pg driver', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//],
  ['framework (NestJS)', /node_modules\/@nestjs\//],
  [
    'framework (Fastify)',
    /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|secure-json-parse)\//,
  ],
  [
    'mail parsing (mailparser, sanitize-html, reply trimming)',
    /node_modules\/(mailparser|libmime|libqp|libbase64|iconv-lite|encoding-japanese|html-to-text|he|sanitize-html|htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities|email-reply-parser|re2|linkify-it|tlds|punycode\.js)\//,
  ],
  ['IMAP client (imapflow)', /node_modules\/imapflow\//],
  ['other libraries', /node_modules\//],
  ['Escala code', /\/(libs|apps|plugins)\//],
  ['Node.js core (net, streams, crypto)', /^node:|^internal\//],
];

function layerOf(frame: ProfileNode['callFrame']): string {
  const key = frame.url || frame.functionName;
  return LAYERS.find(([, pattern]) => pattern.test(key))?.[0] ?? 'other (builtins)';
}

async function summarise(file: string): Promise<void> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  // A built-in (JSON.parse, a RegExp, a Buffer copy) counts for the layer that called it.
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const layerOfNode = new Map<number, string>();
  for (const node of profile.nodes) {
    let frame: ProfileNode | undefined = node;
    while (frame && !frame.callFrame.url && !frame.callFrame.functionName.startsWith('(')) frame = parent.get(frame.id);
    layerOfNode.set(node.id, frame ? layerOf(frame.callFrame) : 'other (builtins)');
  }
  const micros = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const layer = layerOfNode.get(id) ?? 'other (builtins)';
    micros.set(layer, (micros.get(layer) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...micros.values()].reduce((a, b) => a + b, 0);
  const busy = total - (micros.get('idle (waiting for I/O)') ?? 0);
  process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy\n`);
  process.stdout.write('| layer | self time s | % of busy |\n| --- | ---: | ---: |\n');
  for (const [layer, us] of [...micros].sort((a, b) => b[1] - a[1]))
    process.stdout.write(
      `| ${layer} | ${(us / 1e6).toFixed(2)} | ${layer.startsWith('idle') ? '—' : ((us / busy) * 100).toFixed(1)} |\n`,
    );
}

for (const file of process.argv.slice(2)) await summarise(file);
