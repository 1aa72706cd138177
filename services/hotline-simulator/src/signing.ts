// Kept while callers move to @bureau/hotline-protocol/signing.
export * from '@bureau/hotline-protocol/signing';
