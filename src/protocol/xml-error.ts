/**
 * The `<ErrorResponse>` envelope shared by awsQuery and restXml (aws-protocols.md §2, §5):
 *
 *   <ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code><Message>…</Message>
 *   [extra members]</Error><RequestId>…</RequestId></ErrorResponse>
 *
 * `<Message>` is always present (v3's schemas read it even where botocore's shapes list no
 * members). Extra members of the modelled error shape (`AwsError.extra`) follow it, with their
 * element names capitalised as AWS writes error elements (Route 53 InvalidChangeBatch `messages`
 * goes out as `<Messages><Message>…</Message></Messages>`).
 */
import { upperFirst } from './names.js';
import type { Model } from './model.js';
import { isEnvelopeMember, type WireError } from './wire-error.js';
import { writeXmlValue } from './xml-output.js';
import { XmlWriter } from './xml-writer.js';

export function xmlErrorResponse(model: Model | undefined, e: WireError, namespace: string | undefined, requestId: string): string {
  const w = new XmlWriter();
  w.open('ErrorResponse', namespace ? { xmlns: namespace } : undefined);
  w.open('Error');
  w.text('Type', e.senderFault ? 'Sender' : 'Receiver');
  w.text('Code', e.code);
  w.text('Message', e.message);
  if (model && e.shape && e.extra) writeExtras(w, model, e);
  w.close('Error');
  w.text('RequestId', requestId);
  w.close('ErrorResponse');
  return w.toString();
}

function writeExtras(w: XmlWriter, model: Model, e: WireError): void {
  const extra = e.extra!;
  for (const m of model.members(e.shape!)) {
    if (m.ref.location || isEnvelopeMember(m.name)) continue;
    const v = extra[m.name] ?? extra[upperFirst(m.name)];
    if (v === undefined || v === null) continue;
    try {
      const inner = new XmlWriter();
      writeXmlValue(inner, model, m.shape, m.ref, upperFirst(m.ref.locationName ?? m.name), v);
      w.raw(inner.toString());
    } catch {
      // An extra of the wrong kind is dropped rather than failing the error response.
    }
  }
}
