/**
 * Ambient declarations for the platform modules that @salesforce/lightning-types does not declare.
 * An Apex method is both a callable returning a Promise and a wire adapter constructor.
 */
declare module '@salesforce/apex/*' {
  import type { WireAdapterConstructor } from 'lwc';
  type ApexMethod = ((params?: Record<string, unknown>) => Promise<any>) & WireAdapterConstructor;
  const method: ApexMethod;
  export default method;
}

declare module '@salesforce/apex' {
  export function refreshApex(value: unknown): Promise<void>;
}

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module '@salesforce/schema/*' {
  const field: { fieldApiName: string; objectApiName: string };
  export default field;
}

declare module '@salesforce/customPermission/*' {
  const has: boolean | undefined;
  export default has;
}
