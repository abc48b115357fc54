// A self-signed CA and a serving certificate for 127.0.0.1/localhost, generated
// once (ECDSA P-256) and cached under the state directory when there is one.

import { webcrypto } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import { setAsideCorrupt, type CorruptFileReporter } from './persistence.js';

export interface ServerCertificates {
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;
/** Node's CryptoKeyPair; @peculiar/x509 is typed against the DOM's, which is the same object at run time. */
type KeyPair = { publicKey: never; privateKey: never };
let inMemory: Promise<ServerCertificates> | undefined;

function toPem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${base64.trim()}\n-----END ${label}-----\n`;
}

async function generate(): Promise<ServerCertificates> {
  const { x509 } = await import('./x509-library.js');
  // Node's webcrypto is the standard Web Crypto API; its TypeScript types are Node's own.
  const crypto = webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0];
  x509.cryptoProvider.set(crypto);
  const subtle = webcrypto.subtle;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + TEN_YEARS_MS);
  const caKeys = (await subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as KeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=kargo-embedded-ca',
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const serverKeys = (await subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as KeyPair;
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=kargo-embedded',
    issuer: ca.subject,
    notBefore,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ],
  });
  return {
    caCertPem: ca.toString('pem') + '\n',
    certPem: server.toString('pem') + '\n',
    keyPem: toPem('PRIVATE KEY', await subtle.exportKey('pkcs8', serverKeys.privateKey as never)),
  };
}

function isCertificates(value: unknown): value is ServerCertificates {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Partial<Record<keyof ServerCertificates, unknown>>;
  return typeof fields.caCertPem === 'string' && typeof fields.certPem === 'string' && typeof fields.keyPem === 'string';
}

function readCertificates(file: string, now: () => Date, report: CorruptFileReporter): ServerCertificates | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (isCertificates(parsed)) return parsed;
    setAsideCorrupt(file, 'not a certificate set', now(), report);
  } catch (error) {
    setAsideCorrupt(file, error instanceof Error ? error.message : String(error), now(), report);
  }
  return undefined;
}

/**
 * Certificates from `stateDir/tls.json`, generated on first use (or when that file is
 * unreadable, which is set aside); one set per process without a state dir.
 */
export async function loadOrCreateCertificates(stateDir: string | undefined, now: () => Date, report: CorruptFileReporter): Promise<ServerCertificates> {
  if (!stateDir) {
    inMemory ??= generate();
    return inMemory;
  }
  const file = join(stateDir, 'tls.json');
  const existing = readCertificates(file, now, report);
  if (existing) return existing;
  const certificates = await generate();
  writeFileAtomic(file, JSON.stringify(certificates));
  return certificates;
}
