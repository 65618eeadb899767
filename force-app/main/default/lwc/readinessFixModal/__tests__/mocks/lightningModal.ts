/**
 * Jest stand-in for lightning/modal (sfdx-lwc-jest ships stubs for its header, body and footer only).
 * close() is recorded in closeMock so tests see what the modal returns.
 */
import { LightningElement } from 'lwc';

export const closeMock = jest.fn();

export default class LightningModal extends LightningElement {
  disableClose = false;
  close(result: unknown): void {
    closeMock(result);
  }
}
