// Types of apply-example-status.mjs for the tests that import it.
export declare const FIXTURES_WRITTEN_AT: number;
export declare function shiftTimestamps<T>(value: T, shiftMs: number): T;
export interface ExamplePatch {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  status?: unknown;
  discoveredAt?: string;
  /** 'none': a patch of the object itself; otherwise of its status. */
  subresource?: 'none';
}
export declare function examplePatches(now: number): ExamplePatch[];
