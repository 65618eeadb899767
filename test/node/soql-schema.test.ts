/**
 * @jest-environment node
 *
 * The offline SOQL schema check (scripts/apex/schema.cjs): the package's Apex passes, and a planted
 * mistake of each kind review found is caught: a field, a relationship path and a child relationship
 * that do not exist, a FieldDefinition query with a clause it refuses, and JSON deserialized into a
 * type that holds Object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { checkSoql } = require('../../scripts/apex/schema.cjs') as {
  checkSoql: (roots?: string[]) => { files: number; queries: number; problems: string[] };
};

function project(classes: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'readiness-soql-'));
  fs.mkdirSync(path.join(root, 'classes'));
  for (const [name, body] of Object.entries(classes))
    fs.writeFileSync(path.join(root, 'classes', `${name}.cls`), body);
  // One custom object of the project's own, to resolve against.
  fs.cpSync(
    path.join(__dirname, '../../force-app/main/default/objects/Readiness_Fix_Log__c'),
    path.join(root, 'objects/Readiness_Fix_Log__c'),
    { recursive: true }
  );
  return root;
}

const wrap = (body: string): string =>
  `public with sharing class Planted {\n  void m(Set<Id> ids) {\n    ${body}\n  }\n}\n`;

describe('the SOQL schema check', () => {
  it('passes on the package and counts its queries', () => {
    const result = checkSoql();
    expect(result.problems).toEqual([]);
    expect(result.queries).toBeGreaterThan(40);
    expect(result.files).toBeGreaterThan(15);
  });

  it.each<[string, string, RegExp]>([
    [
      'a bogus field',
      'List<User> u = [SELECT Id, Bogus_Field__c FROM User WHERE Id IN :ids];',
      /User\.Bogus_Field__c is not a field of User/
    ],
    [
      'a bogus relationship path',
      'List<User> u = [SELECT Profile.Nope.Name FROM User];',
      /Profile\.Nope\.Name is not a relationship of Profile/
    ],
    [
      'a field of a relationship that does not exist',
      'List<PermissionSetAssignment> a = [SELECT PermissionSet.PermissionsBogus FROM PermissionSetAssignment];',
      /PermissionSet\.PermissionsBogus is not a field of PermissionSet/
    ],
    [
      'a bogus child relationship',
      'List<PermissionSet> p = [SELECT Id, (SELECT Id FROM Nothings) FROM PermissionSet];',
      /Nothings is not a child relationship of PermissionSet/
    ],
    [
      'a bogus object',
      'List<SObject> p = [SELECT Id FROM NoSuchObject__x];',
      /object NoSuchObject__x is not in the API 65 schema/
    ],
    [
      'a bogus field in a WHERE clause',
      "List<LoginHistory> l = [SELECT Id FROM LoginHistory WHERE LoginKind = 'x'];",
      /LoginHistory\.LoginKind is not a field/
    ],
    [
      'a bogus field of a project object',
      'List<Readiness_Fix_Log__c> l = [SELECT Nope__c FROM Readiness_Fix_Log__c];',
      /Readiness_Fix_Log__c\.Nope__c is not a field/
    ],
    [
      'a bogus field in dynamic SOQL',
      "Database.query('SELECT Id, PermissionsNope FROM PermissionSet WHERE Id IN :ids');",
      /PermissionSet\.PermissionsNope is not a field/
    ],
    [
      'LIMIT on FieldDefinition',
      "List<FieldDefinition> f = [SELECT QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'Lead' LIMIT 10];",
      /FieldDefinition queries refuse LIMIT/
    ],
    [
      'OR on FieldDefinition',
      "List<FieldDefinition> f = [SELECT QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'Lead' OR EntityDefinition.QualifiedApiName = 'Contact'];",
      /FieldDefinition queries refuse OR/
    ],
    [
      'JSON into a type holding Object',
      "List<Map<String, Object>> x = (List<Map<String, Object>>) JSON.deserialize('[]', List<Map<String, Object>>.class);",
      /JSON\.deserialize into List<Map<String,Object>>\.class/
    ]
  ])('fails on %s', (_name, body, message) => {
    const { problems } = checkSoql([project({ Planted: wrap(body) })]);
    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  it('accepts what exists: relationship paths, child relationships, semi-joins, project fields', () => {
    const { problems, queries } = checkSoql([
      project({
        Planted: wrap(
          [
            'List<User> a = [SELECT Profile.UserLicense.Name, (SELECT Id FROM PermissionSetAssignments) FROM User WHERE Id IN (SELECT AssigneeId FROM PermissionSetAssignment)];',
            'List<Readiness_Fix_Log__c> b = [SELECT Applied_By__r.Name, Log_Key__c FROM Readiness_Fix_Log__c];',
            "List<FieldDefinition> c = [SELECT QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName IN ('Lead')];",
            "Map<String, Object> d = (Map<String, Object>) JSON.deserializeUntyped('{}');"
          ].join('\n    ')
        )
      })
    ]);
    expect(problems).toEqual([]);
    expect(queries).toBe(3);
  });
});
