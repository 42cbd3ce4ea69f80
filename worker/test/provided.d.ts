// What vitest's global setup hands to the tests: the address of the email and SMS providers'
// stand-in (test/node/provider-stub.ts).
declare module 'vitest' {
  export interface ProvidedContext {
    providerStub: string;
  }
}

export {};
