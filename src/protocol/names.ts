/**
 * Name casing helpers. AWS's validation paths use lowerCamel member names (`roleSessionName`,
 * aws-protocols.md §7); ec2Query input keys and XML error elements capitalise locationNames
 * (`dryRun` → `DryRun`, §3).
 */
export function lowerFirst(name: string): string {
  return name.length === 0 ? name : name[0]!.toLowerCase() + name.slice(1);
}

export function upperFirst(name: string): string {
  return name.length === 0 ? name : name[0]!.toUpperCase() + name.slice(1);
}
