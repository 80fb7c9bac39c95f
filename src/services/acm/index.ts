/**
 * The ACM service (API version 2015-12-08, awsJson1_1; ec2-route53-acm.md §3): DNS-validated
 * public certificates (issued by the data plane's local CA once their validation records exist
 * in a public Route 53 zone, dataplane/tls/acm-issuer.ts), imported certificates, and tags.
 * Operations of the model without a handler here (ExportCertificate, RenewCertificate,
 * RevokeCertificate, account configuration, ...) answer "not implemented by localvpc".
 */
import { defineService, type ServiceDefinition } from '../registry.js';
import { certificateHandlers } from './certificate.js';
import { importCertificateHandlers } from './import-certificate.js';
import { listCertificateHandlers } from './list-certificates.js';
import { requestCertificateHandlers } from './request-certificate.js';
import { tagHandlers } from './tag-operations.js';

export const acmService: ServiceDefinition = defineService('acm', 'ACM', [requestCertificateHandlers, importCertificateHandlers, certificateHandlers, listCertificateHandlers, tagHandlers]);
