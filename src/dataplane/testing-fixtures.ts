/**
 * Test kit for data-plane tests: build EC2 records straight into a Store (the builder lives in
 * state/views so that state's own tests can use it without importing the data plane). Only tests
 * import this file.
 */
import { Store } from '../state/store.js';
import { Ec2Fixture } from '../state/views/testing-fixtures.js';

export { Ec2Fixture, ALLOW_ALL_EGRESS, type RuleSpec } from '../state/views/testing-fixtures.js';

/** A throwaway in-memory store with a fixture builder on it. */
export function openFixture(region = 'eu-west-1'): { store: Store; f: Ec2Fixture } {
  const store = Store.open(':memory:');
  return { store, f: new Ec2Fixture(store, region) };
}
