/**
 * @jest-environment node
 *
 * Contract between the Apex reader's SOQL and what TypeScript reads from a snapshot. The reader's
 * queries are parsed with apex-parser's SOQL rules (static queries from the class, the one dynamic
 * query rebuilt from its literals); what the code reads is found with the TypeScript compiler API:
 * property accesses whose receiver is one of the snapshot record interfaces of types.ts, plus the
 * Permissions* names computed at run time. Fails when code reads a field no query selects, or a
 * query selects a field nothing uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const { readChecklistRecords } = require('../../scripts/lib/checklist-xml.cjs') as {
  readChecklistRecords: () => Record<string, unknown>[];
};
const { loadTs } = require('../../scripts/lib/load-ts.cjs') as {
  loadTs: (file: string) => Record<string, unknown>;
};
const { readerQueries } = require('../../scripts/apex/soql.cjs') as {
  readerQueries: (permissionFields: string[]) => { queries: Query[]; dynamic: string; errors: string[] };
};

const ROOT = path.join(__dirname, '..', '..');
const LWC = path.join(ROOT, 'force-app/main/default/lwc');
const ENGINE = path.join(LWC, 'readinessEngine');
const HIGH_RISK_PERMISSIONS = loadTs(path.join(ENGINE, 'vocabulary.ts')).HIGH_RISK_PERMISSIONS as string[];
const OBJECT_FLAG_FIELDS = loadTs(path.join(ENGINE, 'access.ts')).OBJECT_FLAG_FIELDS as Record<
  string,
  string
>;

/** Snapshot record interfaces of types.ts and the object each one's query reads. */
const INTERFACE_OBJECTS: Record<string, string> = {
  SnapshotUser: 'User',
  AssignmentRecord: 'PermissionSetAssignment',
  PermissionSetRecord: 'PermissionSet',
  ObjectPermissionRecord: 'ObjectPermissions',
  FieldPermissionRecord: 'FieldPermissions',
  LoginHistoryRecord: 'LoginHistory',
  OauthTokenRecord: 'OauthToken',
  UserLoginRecord: 'UserLogin',
  ReadableFieldRecord: 'FieldPermissions',
  OrganizationRecord: 'Organization',
  ConnectedAppRecord: 'ConnectedApplication',
  SetupEntityAccessRecord: 'SetupEntityAccess'
};

/** Snapshot fields the reader computes instead of selecting, and why. */
const READER_COMPUTED: Record<string, string> = {
  'PermissionSet.AssigneeCount':
    'counted by the PermissionSetAssignment aggregate query (COUNT(Id) GROUP BY PermissionSetId)'
};

/** Selected fields the reader itself consumes (not passed to the engine), and why. */
const READER_USES: Record<string, string> = {
  'PermissionSetAssignment.AssigneeId': 'splits the assignments of the user from those of the running user',
  'PermissionSet.PermissionsViewSetup': "running user's rights (missingPermissions)",
  'PermissionSet.PermissionsManageProfilesPermissionsets': "running user's rights (canFix); also high-risk",
  'PermissionSet.PermissionsAssignPermissionSets': "running user's rights (canFix); also high-risk",
  'PermissionSet.PermissionsManageUsers': "running user's rights (login history access); also high-risk",
  'PermissionSet.PermissionsMonitorLoginHistory':
    "running user's rights (login history access without Manage Users)",
  'PermissionSet.PermissionsCustomizeApplication':
    "running user's rights (OAuth token access); also high-risk",
  'FieldPermissions.Id':
    'COUNT(Id) in the readable-fields aggregate: with GROUP BY it consumes one query row per field',
  'FieldDefinition.QualifiedApiName': 'joins classifications to the described fields',
  'FieldDefinition.EntityDefinition.QualifiedApiName': 'joins classifications to the described fields',
  'FieldDefinition.SecurityClassification': 'becomes fields[].securityClassification',
  'FieldDefinition.ComplianceGroup': 'becomes fields[].complianceGroup',
  'User.UserType':
    "named by shared/spec/snapshot.md's user record (the snapshot contract), shown by no check yet",
  'User.LastLoginDate':
    "named by shared/spec/snapshot.md's user record (the snapshot contract), shown by no check yet",
  'Organization.Id': "named by shared/spec/snapshot.md's organization (the snapshot contract)",
  'Organization.OrganizationType':
    "named by shared/spec/snapshot.md's organization (the snapshot contract), shown by no check yet",
  'SetupEntityAccess.SetupEntityType':
    "named by shared/spec/snapshot.md's setupEntityAccess (the snapshot contract); the reader filters on the app ids"
};

interface Query {
  object: string;
  fields: string[];
}

// ------------------------------------------------------------------ the reader's SOQL

function parseReader(): Query[] {
  const { queries, dynamic, errors } = readerQueries(computedPermissionFields());
  expect({ dynamic, errors }).toEqual({ dynamic, errors: [] });
  return queries;
}

function computedPermissionFields(): string[] {
  const fromChecklist = readChecklistRecords()
    .filter((r) =>
      ['system-permission', 'permission-absent', 'api-auth-permission'].includes(String(r.Rule__c))
    )
    .map((r) => String(r.Target__c));
  return [...new Set([...fromChecklist, ...HIGH_RISK_PERMISSIONS])];
}

// ------------------------------------------------------------------ what TypeScript reads

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '__tests__' && entry.name !== '__mocks__') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(LWC);
  return out;
}

/** Object.Field paths read through the snapshot record interfaces, e.g. User.Profile.UserLicense.Name. */
function fieldsReadByCode(): Map<string, Set<string>> {
  const program = ts.createProgram(sourceFiles(), {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    baseUrl: ROOT,
    paths: { 'c/readinessEngine': ['force-app/main/default/lwc/readinessEngine/readinessEngine'] }
  });
  const checker = program.getTypeChecker();
  const reads = new Map<string, Set<string>>();
  const interfaceOf = (type: ts.Type): string | null => {
    const candidates = type.isUnion() ? type.types : [type];
    for (const t of candidates) {
      const name = t.aliasSymbol?.getName() ?? t.getSymbol()?.getName();
      if (name && INTERFACE_OBJECTS[name]) return name;
    }
    return null;
  };
  /** A string, number or boolean: a property of it (.slice, .length) is no field. */
  const isPrimitive = (expr: ts.Expression): boolean =>
    (checker.getNonNullableType(checker.getTypeAtLocation(expr)).getFlags() &
      (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)) !==
    0;
  /** The path of an expression below a snapshot record: [interface, ...properties]. */
  const pathOf = (expr: ts.Expression): string[] | null => {
    const own = interfaceOf(checker.getTypeAtLocation(expr));
    if (own) return [own];
    if (ts.isPropertyAccessExpression(expr) && !isPrimitive(expr.expression)) {
      const parent = pathOf(expr.expression);
      return parent ? [...parent, expr.name.text] : null;
    }
    if (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr)) return pathOf(expr.expression);
    return null;
  };
  const record = (segments: string[]): void => {
    const [iface, ...props] = segments;
    const object = INTERFACE_OBJECTS[iface];
    if (!reads.has(object)) reads.set(object, new Set());
    reads.get(object)?.add(props.join('.'));
  };
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(LWC)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const parent = pathOf(node.expression);
        // Only leaf reads: a.b.c records "b.c", not also "b".
        const isLeaf =
          !(ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) ||
          isPrimitive(node);
        if (parent && isLeaf && !isPrimitive(node.expression)) record([...parent, node.name.text]);
      } else if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression)) {
        const parent = pathOf(node.expression);
        if (parent) record([...parent, node.argumentExpression.text]);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  // Computed names: row[OBJECT_FLAG_FIELDS[flag]] and ps[permission] (checklist targets, high-risk list).
  for (const field of Object.values(OBJECT_FLAG_FIELDS)) reads.get('ObjectPermissions')?.add(field);
  for (const field of computedPermissionFields()) reads.get('PermissionSet')?.add(field);
  // row[d.target] of the user-login-flag rule: IsFrozen, IsPasswordLocked.
  if (!reads.has('UserLogin')) reads.set('UserLogin', new Set());
  for (const r of readChecklistRecords().filter((x) => x.Rule__c === 'user-login-flag'))
    reads.get('UserLogin')?.add(String(r.Target__c));
  // user[d.target] of the user-permission rule: UserPermissionsMarketingUser.
  for (const r of readChecklistRecords().filter((x) => x.Rule__c === 'user-permission'))
    reads.get('User')?.add(String(r.Target__c));
  return reads;
}

// ------------------------------------------------------------------ the contract

describe('the reader selects exactly what the snapshot consumers read', () => {
  const queries = parseReader();
  const reads = fieldsReadByCode();
  const selected = new Map<string, Set<string>>();
  for (const q of queries) {
    const object = q.object === 'PermissionSet.Assignments' ? 'PermissionSetAssignment' : q.object;
    if (!selected.has(object)) selected.set(object, new Set());
    q.fields.forEach((f) => selected.get(object)?.add(f));
  }

  it('finds the reader queries and the fields the code reads', () => {
    expect([...selected.keys()].sort()).toEqual(
      expect.arrayContaining([
        'FieldDefinition',
        'FieldPermissions',
        'LoginHistory',
        'ObjectPermissions',
        'OauthToken',
        'PermissionSet',
        'PermissionSetAssignment',
        'User',
        'UserLogin'
      ])
    );
    expect(reads.get('User')).toEqual(expect.any(Set));
    expect([...(reads.get('User') ?? [])]).toEqual(
      expect.arrayContaining(['Profile.UserLicense.Name', 'IsActive'])
    );
  });

  it('every field the code reads is selected (or computed by the reader, with a reason)', () => {
    const missing: string[] = [];
    for (const [object, fields] of reads) {
      for (const field of fields) {
        const key = `${object}.${field}`;
        if (selected.get(object)?.has(field) || READER_COMPUTED[key]) continue;
        // Keys the code may probe but the platform never returns for this object are not ours to select.
        if (field === 'Id' && object !== 'User') continue;
        missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every selected field is read by the code or used by the reader (with a reason)', () => {
    const unused: string[] = [];
    for (const [object, fields] of selected) {
      for (const field of fields) {
        const key = `${object}.${field}`;
        const read = reads.get(object);
        const readAsPrefix = [...(read ?? [])].some((r) => r === field || r.startsWith(`${field}.`));
        if (readAsPrefix || READER_USES[key]) continue;
        if (object === 'PermissionSetAssignment' && field === 'PermissionSetId') continue;
        unused.push(key);
      }
    }
    expect(unused).toEqual([]);
  });
});
