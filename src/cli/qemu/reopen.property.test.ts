import fc from 'fast-check';
import { describe, it } from 'vitest';
import { expectSameAsQemu, reopenScriptArb } from './reopenScripts.ts';

// Chains of inline children reopened again and again, given as dicts or by reference, and
// snapshots (reopenScripts.ts): what each node's bs->options holds after a reopen decides what its
// children inherit at the next one (model/qmp/reopenQueue.ts, reopenPins.ts).
describe('random reopens of chains of inline children', () => {
  it('get the replies and the graph qemu-storage-daemon gives', async () => {
    await fc.assert(fc.asyncProperty(reopenScriptArb, expectSameAsQemu), { numRuns: 200, seed: 20260521 });
  }, 120_000);
});
