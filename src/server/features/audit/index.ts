/** Audit: the append-only, hash-chained record of every write, denial and login. */
export { recordAudit, recordAuditNow, type AuditEntry } from './audit.ts';
export { verifyAudit, type AuditVerdict, type AuditAnchor } from './verify.ts';
