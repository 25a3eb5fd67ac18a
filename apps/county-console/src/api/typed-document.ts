import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** A generated operation (`<page>.generated.ts`): its text, typed with its result and variables. */
export type TypedDocumentString<R, V> = DocumentTypeDecoration<R, V> & { toString(): string };
