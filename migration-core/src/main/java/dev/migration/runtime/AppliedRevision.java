package dev.migration.runtime;

/**
 * What every operation reads of an applied revision: its id, its message and the
 * checksum its script had when applied. The rest of the state row
 * ({@link StoredRevision}) matters only for a revision this build has no script for.
 */
record AppliedRevision(String revision, String message, String checksum, Integer checksumVersion) {

}
