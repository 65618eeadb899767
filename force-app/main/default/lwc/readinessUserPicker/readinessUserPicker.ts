import findIntegrationUsers from '@salesforce/apex/ReadinessController.findIntegrationUsers';
import { LightningElement, api, wire } from 'lwc';
import { LABELS, fill } from 'c/readinessLabels';
import {
  formatDateTime,
  rankCandidates,
  reduceError,
  saveIntegrationUser,
  type CandidateSources,
  type SuggestedUser
} from 'c/readinessService';

interface SuggestionView extends SuggestedUser {
  key: string;
  details: string;
  lastLogin: string;
  reasonList: { key: string; text: string }[];
  isCurrent: boolean;
  inactive: boolean;
  buttonAria: string;
  lookAria: string;
}

/**
 * Chooses the user to look at: the users the controller ranks as likely (with the reasons) first,
 * any other user through a record picker on User. "Look at this user" only shows it; "Use as the
 * integration user" saves it org-wide (saveIntegrationUser). Both end with a "select" event
 * { userId, saved }; Cancel with a "cancel" event.
 */
export default class ReadinessUserPicker extends LightningElement {
  @api currentUserId: string | null = null;
  @api canCancel = false;
  /** Why the running user may not save the integration user ('' when they may): Use is greyed out. */
  @api saveDisabledText = '';

  get useDisabled(): boolean {
    return this.saving || !!this.saveDisabledText;
  }

  labels = LABELS;
  suggestions: SuggestedUser[] = [];
  /** Sources the server could not read (e.g. login history without Manage Users), with the reason. */
  skipped: string[] = [];
  loading = true;
  loadError = '';
  saveError = '';
  saving = false;
  pickedId: string | null = null;

  /** The server returns raw records; the engine ranks them, as it does for the command line. */
  @wire(findIntegrationUsers)
  wiredUsers({ data, error }: { data?: CandidateSources; error?: unknown }): void {
    if (data) {
      this.suggestions = rankCandidates(data);
      this.skipped = data.skipped ?? [];
      this.loadError = '';
      this.loading = false;
    } else if (error) {
      this.suggestions = [];
      this.skipped = [];
      this.loadError = reduceError(error);
      this.loading = false;
    }
  }

  get views(): SuggestionView[] {
    return this.suggestions.map((u) => ({
      ...u,
      key: u.userId,
      details: [u.username, u.profileName, u.license].filter(Boolean).join(' · '),
      lastLogin: u.lastLoginDate
        ? fill(LABELS.pickerLastLogin, formatDateTime(u.lastLoginDate))
        : LABELS.pickerNeverLoggedIn,
      reasonList: (u.reasons ?? []).map((text, i) => ({ key: `${u.userId}-r${i}`, text })),
      isCurrent: u.userId === this.currentUserId,
      inactive: !u.isActive,
      buttonAria: `${LABELS.pickerUse}: ${u.name ?? u.username}`,
      lookAria: `${LABELS.pickerLook}: ${u.name ?? u.username}`
    }));
  }

  get skippedText(): string {
    return this.skipped.length ? fill(LABELS.pickerSkipped, this.skipped.join('; ')) : '';
  }

  get hasSuggestions(): boolean {
    return this.suggestions.length > 0;
  }

  get showNoSuggestions(): boolean {
    return !this.loading && !this.loadError && !this.hasSuggestions;
  }

  get usePickedDisabled(): boolean {
    return this.useSelectedDisabled || !!this.saveDisabledText;
  }

  get useSelectedDisabled(): boolean {
    return !this.pickedId || this.saving;
  }

  handlePick(event: CustomEvent<{ recordId: string | null }>): void {
    this.pickedId = event.detail?.recordId ?? null;
  }

  handleUseSuggested(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.userId;
    if (id) this.choose(id);
  }

  handleLookSuggested(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.userId;
    if (id) this.look(id);
  }

  handleUsePicked(): void {
    if (this.pickedId) this.choose(this.pickedId);
  }

  handleLookPicked(): void {
    if (this.pickedId) this.look(this.pickedId);
  }

  handleCancel(): void {
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  look(userId: string): void {
    this.dispatchEvent(new CustomEvent('select', { detail: { userId, saved: false } }));
  }

  async choose(userId: string): Promise<void> {
    if (this.saveDisabledText) return;
    this.saving = true;
    this.saveError = '';
    try {
      await saveIntegrationUser(userId);
      this.dispatchEvent(new CustomEvent('select', { detail: { userId, saved: true } }));
    } catch (error) {
      this.saveError = reduceError(error);
    } finally {
      this.saving = false;
    }
  }
}
