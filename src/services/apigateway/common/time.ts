/**
 * Record times are ISO strings; outputs carry Dates, which the codec writes as epoch seconds
 * (aws-protocols.md §4). AWS sends whole seconds (`"createdDate":1767225600`), so we truncate.
 */
export const toDate = (iso: string): Date => new Date(Math.floor(Date.parse(iso) / 1000) * 1000);
