import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { generate } from 'selfsigned';

export interface TestCertificateAuthority {
  /** PEM of the CA certificate: what a client must trust. */
  caCert: string;
  /** The CA written to a file, for `NODE_EXTRA_CA_CERTS` of child processes. */
  caFile: string;
  /** Key pair of the server certificate (127.0.0.1, ::1, localhost) signed by the CA. */
  serverKey: string;
  serverCert: string;
}

let authority: Promise<TestCertificateAuthority> | undefined;

/**
 * A throwaway CA and a loopback server certificate, made once per process (node:crypto cannot
 * issue X.509 certificates, `selfsigned` can). The Graph client only sends its bearer token to
 * https hosts, so the Graph emulator needs a certificate the client trusts.
 */
export function testCertificateAuthority(): Promise<TestCertificateAuthority> {
  authority ??= (async () => {
    const notAfterDate = new Date(Date.now() + 7 * 86_400_000);
    const ca = await generate([{ name: 'commonName', value: 'Escala emulators test CA' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    const caFile = join(mkdtempSync(join(tmpdir(), 'escala-test-ca-')), 'ca.pem');
    writeFileSync(caFile, ca.cert);
    return { caCert: ca.cert, caFile, serverKey: server.private, serverCert: server.cert };
  })();
  return authority;
}

/**
 * Makes this process trust the CA for every TLS client that uses the default store — node:https,
 * global fetch (so the Graph client) and MSAL alike — without restarting it with
 * NODE_EXTRA_CA_CERTS. Idempotent.
 */
export function trustInThisProcess(caCert: string): void {
  const current = getCACertificates('default');
  if (!current.includes(caCert)) setDefaultCACertificates([...current, caCert]);
}
