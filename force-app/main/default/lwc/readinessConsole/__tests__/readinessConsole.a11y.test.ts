import { createElement } from 'lwc';
import { setup } from '@sa11y/jest';
import ReadinessConsole from 'c/readinessConsole';
import getReadiness from '@salesforce/apex/ReadinessController.getReadiness';
import checklist from '../../readinessService/__tests__/data/checklist.json';
import mfaViaGroup from '../../../../../../fixtures/snapshots/mfa-api-via-group.json';

const wireFactory = () => {
  const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
  return { default: createApexTestWireAdapter(jest.fn()) };
};
jest.mock('@salesforce/apex/ReadinessController.getReadiness', () => wireFactory(), { virtual: true });
jest.mock('@salesforce/apex/ReadinessController.findIntegrationUsers', () => wireFactory(), {
  virtual: true
});
jest.mock('@salesforce/apex/ReadinessController.getFixLog', () => wireFactory(), { virtual: true });
jest.mock('@salesforce/apex/ReadinessController.getMappableFields', () => wireFactory(), { virtual: true });
jest.mock('c/readinessFixModal', () => ({ __esModule: true, default: { open: jest.fn() } }));
jest.mock('c/readinessLabels');

beforeAll(() => setup());

describe('c-readiness-console accessibility (axe through @sa11y/jest)', () => {
  it('has no axe violations with failing checks, grants and manual steps shown', async () => {
    const element = createElement('c-readiness-console', { is: ReadinessConsole });
    document.body.appendChild(element);
    (getReadiness as unknown as { emit(v: unknown): void }).emit({
      snapshot: mfaViaGroup,
      checklist,
      canFix: false,
      missingPermissions: ['Act_On_Readiness_Fix'],
      integrationUserId: null
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(element.shadowRoot!.querySelector('c-readiness-header')).not.toBeNull();
    await expect(element).toBeAccessible();
  });
});
