/** Names a person reads for the permission fields, the high-risk list, and Setup links. */

/** Permissions an integration user should not hold (checklist.md, user.least-privilege). */
export const HIGH_RISK_PERMISSIONS: readonly string[] = Object.freeze([
  'PermissionsModifyAllData',
  'PermissionsViewAllData',
  'PermissionsManageUsers',
  'PermissionsAuthorApex',
  'PermissionsCustomizeApplication',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsAssignPermissionSets',
  'PermissionsManageSharing',
  'PermissionsManageRoles',
  'PermissionsManageInternalUsers',
  'PermissionsResetPasswords',
  'PermissionsManageRemoteAccess',
  'PermissionsManageAuthProviders',
  'PermissionsManageEncryptionKeys',
  'PermissionsViewEncryptedData',
  'PermissionsBulkApiHardDelete',
  'PermissionsDataExport',
  'PermissionsModifyMetadata',
  'PermissionsManageTwoFactor',
  'PermissionsBypassMFAForUiLogins',
  // 0.2: each name checked against the PermissionSet fields of the API 65 schema
  'PermissionsViewAllUsers',
  'PermissionsQueryAllFiles',
  'PermissionsViewAllCustomSettings',
  'PermissionsInstallPackaging',
  'PermissionsManageDataIntegrations',
  'PermissionsEditReadonlyFields',
  'PermissionsTransferAnyEntity',
  'PermissionsManageSessionPermissionSets',
  'PermissionsManagePasswordPolicies',
  'PermissionsViewUserPII',
  'PermissionsDelegatedTwoFactor'
]);

/**
 * Grants that change how a person signs in (checklist.md, "Who may be changed"): never in the
 * default "Fix all" selection for a user a person signs in as, each offered with its consequence.
 */
export const IDENTITY_PERMISSIONS: Readonly<Record<string, string>> = Object.freeze({
  PermissionsApiUserOnly:
    'The user can no longer log in to the Salesforce user interface: only API logins work. Anyone who signs in as this user in a browser is locked out of it.',
  PermissionsPasswordNeverExpires:
    "The user's password no longer expires: rotate it by hand under your password policy.",
  PermissionsUseAnyApiAuth:
    'The user may log in to the API with any method, including username, password and security token (SOAP login()), where the org otherwise refuses it.'
});

const LABELS: Record<string, string> = {
  PermissionsApiEnabled: 'API Enabled',
  PermissionsApiUserOnly: 'API Only User',
  PermissionsTwoFactorApi: 'Multi-Factor Authentication for API Logins',
  PermissionsPasswordNeverExpires: 'Password Never Expires',
  PermissionsEditTask: 'Edit Tasks',
  PermissionsExportReport: 'Export Reports',
  PermissionsRunReports: 'Run Reports',
  PermissionsViewPublicReports: 'View Reports in Public Folders',
  PermissionsModifyAllData: 'Modify All Data',
  PermissionsViewAllData: 'View All Data',
  PermissionsManageUsers: 'Manage Users',
  PermissionsAuthorApex: 'Author Apex',
  PermissionsCustomizeApplication: 'Customize Application',
  PermissionsManageProfilesPermissionsets: 'Manage Profiles and Permission Sets',
  PermissionsAssignPermissionSets: 'Assign Permission Sets',
  PermissionsManageSharing: 'Manage Sharing',
  PermissionsManageRoles: 'Manage Roles',
  PermissionsManageInternalUsers: 'Manage Internal Users',
  PermissionsResetPasswords: 'Reset User Passwords and Unlock Users',
  PermissionsManageRemoteAccess: 'Manage Connected Apps',
  PermissionsManageAuthProviders: 'Manage Auth. Providers',
  PermissionsManageEncryptionKeys: 'Manage Encryption Keys',
  PermissionsViewEncryptedData: 'View Encrypted Data',
  PermissionsBulkApiHardDelete: 'Bulk API Hard Delete',
  PermissionsDataExport: 'Weekly Data Export',
  PermissionsModifyMetadata: 'Modify Metadata Through Metadata API Functions',
  PermissionsManageTwoFactor: 'Manage Multi-Factor Authentication in API',
  PermissionsDelegatedTwoFactor: 'Manage Multi-Factor Authentication in User Interface',
  PermissionsBypassMFAForUiLogins: 'Waive Multi-Factor Authentication for Exempt Users',
  PermissionsViewAllUsers: 'View All Users',
  PermissionsQueryAllFiles: 'Query All Files',
  PermissionsViewAllCustomSettings: 'View All Custom Settings',
  PermissionsInstallPackaging: 'Download AppExchange Packages',
  PermissionsManageDataIntegrations: 'Manage Data Integrations',
  PermissionsEditReadonlyFields: 'Edit Read Only Fields',
  PermissionsTransferAnyEntity: 'Transfer Record',
  PermissionsManageSessionPermissionSets: 'Manage Session Permission Set Activations',
  PermissionsManagePasswordPolicies: 'Manage Password Policies',
  PermissionsViewUserPII: 'View User PII',
  PermissionsUseAnyApiAuth: 'Use Any API Auth',
  PermissionsMonitorLoginHistory: 'Monitor Login History',
  PermissionsViewSetup: 'View Setup and Configuration',
  PermissionsTwoFactorUi: 'Multi-Factor Authentication for User Interface Logins',
  UserPermissionsMarketingUser: 'Marketing User'
};

/** The PermissionSet field a label or API name names ("Run Reports", "RunReports"), or null. */
export function permissionField(name: string): string | null {
  const wanted = name.trim().toLowerCase();
  for (const [field, label] of Object.entries(LABELS))
    if (
      field.startsWith('Permissions') &&
      (label.toLowerCase() === wanted || field.slice(11).toLowerCase() === wanted)
    )
      return field;
  return /^Permissions\w+$/.test(name.trim()) ? name.trim() : null;
}

/** "PermissionsApiEnabled" -> "API Enabled"; unknown fields are split at capitals. */
export function permissionLabel(field: string): string {
  return LABELS[field] ?? field.replace(/^Permissions/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
}

export const SYSTEM_ADMINISTRATOR_PROFILE = 'System Administrator';

/** Relative Lightning URLs of the Setup pages a manual step points to. */
/** "1 check", "2 checks". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "1 Oct 2026" (UTC) for an ISO date or date-time; the text itself when it is not a date. */
export function dayText(iso: string | null | undefined): string {
  const time = Date.parse(iso ?? '');
  if (Number.isNaN(time)) return String(iso ?? '');
  const d = new Date(time);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export const setupUrl = {
  profile: (profileId: string): string => `/lightning/setup/EnhancedProfiles/page?address=%2F${profileId}`,
  permissionSet: (id: string): string => `/lightning/setup/PermSets/page?address=%2F${id}`,
  permissionSetGroup: (id: string): string => `/lightning/setup/PermSetGroups/page?address=%2F${id}`,
  user: (userId: string): string =>
    `/lightning/setup/ManageUsers/page?address=%2F${userId}%3Fnoredirect%3D1%26isUserEntityOverride%3D1`,
  loginHistory: (): string => '/lightning/setup/OrgLoginHistory/home',
  connectedAppsUsage: (): string => '/lightning/setup/ConnectedAppsUsage/home',
  objectManager: (object: string): string =>
    `/lightning/setup/ObjectManager/${object}/FieldsAndRelationships/view`
};
