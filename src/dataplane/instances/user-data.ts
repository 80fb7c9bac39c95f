/**
 * User data as localvpc runs it (`--exec-user-data`, DESIGN.md network model). RunInstances
 * stores it base64-encoded (ec2-route53-acm.md §1.10). Like cloud-init, content starting with
 * `#!` is a script run by its interpreter line; anything else runs as a shell command line
 * (`/bin/sh -c`). Cloud-config (`#cloud-config`) is not a shell script, and there is nothing
 * here to run it: it starts with `#` but not `#!`, so it would go to the shell, which ignores the
 * comment line and fails on the YAML; such user data is skipped instead, with a log line.
 */
export type UserDataCommand =
  | { readonly kind: 'script'; readonly content: Buffer }
  | { readonly kind: 'shell'; readonly command: string }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** `userDataCommand` decodes base64 user data; undefined when there is none. */
export function userDataCommand(base64: string | undefined): UserDataCommand | undefined {
  if (!base64) return undefined;
  const content = Buffer.from(base64, 'base64');
  if (content.length === 0) return undefined;
  if (content[0] === 0x1f && content[1] === 0x8b) return { kind: 'unsupported', reason: 'gzip-compressed user data is not run' };
  const text = content.toString('utf8');
  if (text.startsWith('#!')) return { kind: 'script', content };
  if (/^#cloud-config\b/.test(text)) return { kind: 'unsupported', reason: 'cloud-config user data is not run (only scripts and shell commands are)' };
  if (text.startsWith('Content-Type: multipart/')) return { kind: 'unsupported', reason: 'MIME multi-part user data is not run' };
  return { kind: 'shell', command: text };
}
