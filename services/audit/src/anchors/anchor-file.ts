// The anchor as a file an auditor keeps outside the system: the Merkle root, the $all position it covers,
// every stream head it was computed from, signed (Ed25519) over the canonical JSON of everything else.
// Anyone with the published public key can check it with standard tools; /anchors/verification checks
// the store against it.
import { canonicalJson, type JsonObject } from '@bureau/event-store';
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { StreamHead } from '../verification/chain-checker.js';
import { merkleRoot } from './merkle.js';

export const ANCHOR_FORMAT = 'bureau-audit-anchor/1';

const head = z.object({ stream: z.string().min(1), revision: z.string().regex(/^\d+$/), hash: z.string().regex(/^[0-9a-f]{64}$/) });

export const anchorBodySchema = z.object({
  format: z.literal(ANCHOR_FORMAT),
  anchorId: z.string().min(1),
  cityId: z.string().min(1),
  createdAt: z.iso.datetime(),
  /** The $all position covered (formatPosition), null for an empty store. */
  position: z.string().nullable(),
  root: z.string().regex(/^[0-9a-f]{64}$/),
  streams: z.number().int().min(0),
  events: z.number().int().min(0),
  heads: z.array(head),
});
export type AnchorBody = z.output<typeof anchorBodySchema>;

export const anchorFileSchema = anchorBodySchema.extend({
  signature: z.object({
    algorithm: z.literal('Ed25519'),
    /** The signer's public key (SPKI PEM), also published at /anchors/public-key. */
    publicKey: z.string().min(1),
    /** base64 of the signature over the canonical JSON of the file without `signature`. */
    value: z.string().min(1),
  }),
});
export type AnchorFile = z.output<typeof anchorFileSchema>;

const bodyJson = (body: AnchorBody): JsonObject => ({
  format: body.format,
  anchorId: body.anchorId,
  cityId: body.cityId,
  createdAt: body.createdAt,
  position: body.position,
  root: body.root,
  streams: body.streams,
  events: body.events,
  heads: body.heads.map((h) => ({ stream: h.stream, revision: h.revision, hash: h.hash })),
});

/** The bytes signed: canonical JSON (the event store's JCS form) of the body. */
export const signedBytes = (body: AnchorBody): Buffer => Buffer.from(canonicalJson(bodyJson(body)), 'utf8');

export const publicKeyPem = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function signAnchor(body: AnchorBody, privateKey: KeyObject, publicKey: KeyObject): AnchorFile {
  const value = sign(null, signedBytes(body), privateKey).toString('base64');
  return { ...body, signature: { algorithm: 'Ed25519', publicKey: publicKeyPem(publicKey), value } };
}

export function anchorBody(input: Omit<AnchorBody, 'format' | 'root' | 'streams' | 'heads'> & { readonly heads: readonly StreamHead[] }): AnchorBody {
  const heads = [...input.heads].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  return { format: ANCHOR_FORMAT, ...input, heads, streams: heads.length, root: merkleRoot(heads) };
}

export interface FileCheck {
  /** The signature verifies with the key the file names. */
  readonly signatureValid: boolean;
  /** That key is the one this service publishes. */
  readonly signedByThisService: boolean;
  /** The root is the Merkle root of the heads listed. */
  readonly rootMatchesHeads: boolean;
}

export function checkAnchorFile(file: AnchorFile, ourPublicKey: KeyObject): FileCheck {
  const { signature, ...body } = file;
  let signatureValid = false;
  try {
    signatureValid = verify(null, signedBytes(body), createPublicKey(signature.publicKey), Buffer.from(signature.value, 'base64'));
  } catch {
    signatureValid = false;
  }
  return {
    signatureValid,
    signedByThisService: signature.publicKey.trim() === publicKeyPem(ourPublicKey).trim(),
    rootMatchesHeads: merkleRoot(body.heads) === body.root,
  };
}
