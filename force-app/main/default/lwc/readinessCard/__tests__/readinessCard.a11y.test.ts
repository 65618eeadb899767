import { createElement } from 'lwc';
import { setup } from '@sa11y/jest';
import ReadinessCard from 'c/readinessCard';
import getReadiness from '@salesforce/apex/ReadinessController.getReadiness';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import inactive from '../../../../../../fixtures/snapshots/inactive-user.json';

jest.mock(
  '@salesforce/apex/ReadinessController.getReadiness',
  () => {
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('c/readinessLabels');

beforeAll(() => setup());

describe('c-readiness-card accessibility (axe through @sa11y/jest)', () => {
  it('has no axe violations with a blocked user', async () => {
    const element = createElement('c-readiness-card', { is: ReadinessCard });
    document.body.appendChild(element);
    (getReadiness as unknown as { emit(v: unknown): void }).emit({
      snapshot: inactive,
      checklist,
      canFix: true,
      missingPermissions: [],
      integrationUserId: null
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(element).toBeAccessible();
  });
});
