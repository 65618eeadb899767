import { LightningElement, api } from 'lwc';
import type { LoginHistoryRecord } from 'c/readinessEngine';
import { LABELS } from 'c/readinessLabels';
import { formatDateTime } from 'c/readinessService';

interface LoginRow {
  key: string;
  time: string;
  status: string;
  type: string;
  application: string;
  ip: string;
  failed: boolean;
  rowClass: string;
}

/** The integration user's logins, newest first; failures highlighted (Act-On's most common breakage). */
export default class ReadinessLoginHistory extends LightningElement {
  @api logins: LoginHistoryRecord[] = [];
  /** False when the running user cannot read LoginHistory. */
  @api hasAccess = false;

  labels = LABELS;

  get rows(): LoginRow[] {
    return [...(this.logins ?? [])]
      .sort((a, b) => String(b.LoginTime).localeCompare(String(a.LoginTime)))
      .map((l, i) => {
        const failed = l.Status !== 'Success';
        return {
          key: `${l.LoginTime}-${i}`,
          time: formatDateTime(l.LoginTime),
          status: l.Status,
          type: l.LoginType ?? '',
          application: l.Application ?? '',
          ip: l.SourceIp ?? '',
          failed,
          rowClass: failed ? 'failed' : ''
        };
      });
  }

  get isEmpty(): boolean {
    return this.hasAccess && this.rows.length === 0;
  }

  get hasRows(): boolean {
    return this.hasAccess && this.rows.length > 0;
  }

  get noAccess(): boolean {
    return !this.hasAccess;
  }
}
